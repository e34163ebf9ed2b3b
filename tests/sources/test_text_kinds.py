"""Text captures of the kinds the dev set had least of (batch tx-k5): Chinese blog hosts' bylines
("NAME 于 DATE 发布"), and the other shapes that batch showed (see ``test_text_languages`` for more
languages)."""

from __future__ import annotations

import pytest

from book.sources.text_header import meta_line


@pytest.mark.parametrize(("line", "meta"), [
    ("Jeremy Tsheng  于 2023-03-12 13:08:03 发布", ("Jeremy Tsheng", "2023-03-12")),
    ("王小明 于 2024-05-06 15:47:53 发布", ("王小明", "2024-05-06")),
    ("发表于 2024-4-5 23:20:45", (None, "2024-04-05")),
])
def test_a_chinese_published_on_line_gives_name_and_date(line: str, meta: tuple) -> None:
    """"于" (on) and "发布"/"发表" (published) frame the date: neither is part of the name nor a name."""
    assert meta_line(line) == meta


@pytest.mark.parametrize("line", ["最新推荐文章于 2024-05-07 22:12:13 发布", "更新于 2024-05-07"])
def test_a_phrase_glued_to_its_preposition_is_no_name(line: str) -> None:
    """"Latest recommended article on DATE", "updated on DATE": an event, not a person, however short."""
    found = meta_line(line)
    assert found is None or found[0] is None


def test_a_chinese_blog_header_under_a_date_ticker_gives_the_byline() -> None:
    from book.sources.capture_text import parse_text
    cap = parse_text("博客\n下载\n为什么 ChatGPT 不火了？\n最新推荐文章于 2024-05-07 22:12:13 发布\n"
                     "王小明  于 2024-05-06 15:47:53 发布\n 阅读量1.3w  收藏 98\n"
                     "不火了是有原因的，下面我来从大部分人拿到之后的两大痛点开始讲起，很多朋友拿到后的第一个痛点就是用的不好。\n"
                     "你经常会感觉到它回答的好空，没有太多参考价值，而第二个痛点则是无处去用，发现自己好像并没有什么好问的。\n")
    assert (cap.author, cap.published) == ("王小明", "2024-05-06")


def test_a_chinese_headline_is_no_row_of_tags_in_capitals() -> None:
    """A script without case is never "in capitals": no doubt (S323) on a Chinese headline with a bar in it."""
    from book.sources.headline import doubt
    assert doubt("两万字长文 | 月亮的100个故事 (多图)") is None
    assert doubt("NEWS SPORT WEATHER TRAVEL") is not None


@pytest.mark.parametrize(("line", "name"), [
    ("王寂寥2018-07-28 08:06:55", "王寂寥"),
    ("yj2017-09-30 23:18:10", "yj"),
    ("cope(时间是固定的)2017-11-10 19:35:15", "cope"),        # the signature in brackets is not the name
])
def test_a_name_glued_to_a_year_first_date_is_a_comment_header(line: str, name: str) -> None:
    from book.sources.text_lines import name_date
    found = name_date(line)
    assert found is not None and found[0] == name


def test_a_chinese_thread_of_name_date_headers_is_read() -> None:
    """Headers over one unspaced sentence each, no counter over them: Chinese text counts its words by
    characters, so the comments are text, not a widget of links; a "legend:" line in the post is no header."""
    from book.sources.capture_text import parse_text
    post = ("月亮的故事\n\n私~川流 2017-09-30 21:38:07\n\n"
            "本文收集了关于月亮的很多个小故事和各种影音书，有清新的、有重口的，有异性爱的、有同性爱的，有传说也有真实的经历。\n\n"
            "{另两则菲律宾的月亮传说：\n\nHow the Moon and Stars Can Be\n\n"
            "很久以前，天空离地面很近，人们伸手就能摸到天，一位妇人在舂米的时候嫌天碍事，就用杵把天捅高了。\n\n")
    thread = ("回应 转发 赞 收藏\n\nyj2017-09-30 23:18:10\n\n喜欢的电影月色撩人，没看懂的电影月满轩尼诗。\n\n"
              "王寂寥2018-07-28 08:06:55\n\n喜欢三个故事，一个希腊神话，一个非洲神话，还有一个小故事。\n")
    cap = parse_text(post + thread)
    comments = [unit for unit in cap.units if unit.kind == "comment"]
    assert [unit.author for unit in comments] == ["yj", "王寂寥"]
    assert comments[0].text.startswith("喜欢的电影")


@pytest.mark.parametrize("line", ["1 月前", "19 天前", "3時間前", "3시간 전"])
def test_a_relative_date_in_chinese_japanese_or_korean_is_a_date_line(line: str) -> None:
    from book.sources.dates import date_line
    found = date_line(line)
    assert found is not None and found.iso is None       # when, but no day to print


def test_a_chinese_forum_reply_line_gives_the_parent() -> None:
    """"NAME #N 1 月前" headers (the number is no part of the name); "对 NAME #3 回复" over a reply's text
    names whom it answers, and is not the reply's text."""
    from book.sources.capture_text import parse_text
    text = ("社区\n\n登录\n\nRuby Ruby：极致的脚本语言\n\nzzz6519003 · 1 月前 · 最后由 Rei 回复于 19 天前 · 1350 次阅读\n\n目录\n\n"
            "Ruby 的许多特性强烈地偏向对脚本语言的良好支持，在我看来几乎从任何一个可以想象的方面来说都更加合适作为脚本语言的默认选择。\n\n"
            "2 个赞\n\n"
            "gazeldx #1 1 月前\n\nHope you are still using Ruby during your daily work, it is the best language.\n\n"
            "msl12 #2 1 月前\n\n这段话是从哪里引用的呢，我想看看原文。\n\n"
            "lehf #3 28 天前\n对 gazeldx #1 回复\n\n最近总有纯英文回复的机器人，估计看是纯英文就给删了。\n\n"
            "Rei #4 19 天前\n\n恢复了，估计是看错了，请大家继续讨论。\n\n需要 登录 后方可回复, 如果你还没有账号请 注册新账号\n")
    cap = parse_text(text)
    comments = [unit for unit in cap.units if unit.kind == "comment"]
    assert [unit.author for unit in comments] == ["gazeldx", "msl12", "lehf", "Rei"]
    assert comments[2].text.startswith("最近总有") and cap.units[comments[2].parent] is comments[0]
    assert comments[3].parent is None


def test_a_counter_in_the_share_bar_starts_no_thread() -> None:
    """"36 commentaires" among the buttons under the headline, the article after it: the article is the post
    (not one nameless comment that swallows it), and the count is still known for the warning."""
    from book.sources.capture_text import parse_text
    para = ("Le cri du cœur de David Dufresne résonne entre les murs des Assises internationales du journalisme "
            "de Tours, où il reçoit le grand prix pour son travail sur les violences policières.")
    text = ("Le Club\n\nViolences policières: bombe à retardement médiatique\n\n27 juin 2019\n\nPar Elba\n\n"
            "Phénomène médiatique du premier semestre, la question a cristallisé les critiques à l'égard des journalistes.\n\n"
            "Partager\n\nTweet\n\n36 commentaires\n\n77 recommandés\n\n" + "\n\n".join([para] * 6) + "\n")
    cap = parse_text(text)
    assert [unit.kind for unit in cap.units] == ["post"]
    assert "Assises internationales" in cap.units[0].text and cap.expected_comments == 36
    assert (cap.title, cap.author, cap.published) == ("Violences policières: bombe à retardement médiatique", "Elba",
                                                      "2019-06-27")


@pytest.mark.parametrize("line", ["Nov 20 2019, 11:06am ist", "Nov 20 2019, 11:06 am IST"])
def test_a_time_zone_after_the_clock_is_no_name(line: str) -> None:
    """"11:06am ist" (India): the zone, in small letters or capitals, is no writer's name."""
    assert meta_line(line) == (None, "2019-11-20")


def test_a_name_after_the_clock_is_still_a_name() -> None:
    assert meta_line("March 3, 2020 at 10:00 am Istvan Szabo") == ("Istvan Szabo", "2020-03-03")
