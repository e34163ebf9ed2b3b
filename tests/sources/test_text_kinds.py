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
