"""Forum and Q&A shapes of the corpus's second forum batch (``fo2-*``, issue 13), as small synthetic pages.

Relative "timeago" dates whose full date is only a tooltip (Kunena, Misago), a header block above each
message holding its date and number (bbPress), a header naming the poster again inside the message's
box ("Replied by NAME on topic TITLE"), replies that name the reply they answer by an attribute (Ruby
China's ``data-reply-to-id``) in an unspaced script, and a Q&A page's question above its answers.
"""

from __future__ import annotations

from pathlib import Path

from .helpers import forum_page, import_json

_OPENING = ("Since the last update the statistics page of the forum fails with an error about a return value, "
            "and the administrators cannot open it at all. Has anyone seen this before, and what should I check?")


def _page(tmp_path: Path, body: str, title: str = "Statistics page fails") -> Path:
    return forum_page(tmp_path, body, title, "Support Forum", "Support")


def test_timeago_dates_and_a_header_naming_the_poster(tmp_path: Path) -> None:
    """"2 weeks ago" titled with the full date is the message's date; "Replied by NAME on topic TITLE" above
    the text is the message's header, not its words."""
    def message(number: int, uid: int, name: str, tooltip: str, label: str, header: str, text: str) -> str:
        return (f"<div class='row message'><div class='col-md-2 profilebox'><a href='/forum/user/{uid}-{name}'>"
                f"{name}</a><span class='rank'>Senior Member</span></div><div class='col-md-10'>"
                f"<small><span class='kdate' title='{tooltip}'>{label}</span> <a href='#{number}'>#{number}</a>"
                f" by <a href='/forum/user/{uid}-{name}'>{name}</a></small>"
                f"<div class='body'><div class='msg-header'>{header} <em><a href='/forum/user/{uid}-{name}'>{name}"
                f"</a></em> on topic <em><a href='/t/1'>Statistics page fails</a></em></div>"
                f"<div class='kmsg'>{text}</div></div></div></div>")
    thread = (message(1, 15, "ssnobben", "06 May 2024 11:18", "2 weeks 6 days ago", "Topic created by", _OPENING)
              + message(2, 12, "xillibit", "06 May 2024 12:01", "2 weeks 6 days ago", "Replied by",
                        "Hello, I will check it, but I only have an older version of the extension here.")
              + message(3, 12, "xillibit", "06 May 2024 13:30", "2 weeks 6 days ago", "Replied by",
                        "I am not able to reproduce this issue, but if you can test the fix please do."))
    data = import_json(_page(tmp_path, f"<div class='topic'>{thread}</div>"), tmp_path / "m")
    assert data["author"] == "ssnobben"
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [("xillibit", None), ("xillibit", None)]
    assert data["units"][1]["text"].startswith("Hello, I will check it")
    assert data["units"][2]["text"].startswith("I am not able to reproduce")


def test_a_date_in_the_header_block_before_each_message(tmp_path: Path) -> None:
    """bbPress prints "DATE #N" in a block of its own above the block holding the poster and the text."""
    def reply(number: int, name: str, date: str, text: str) -> str:
        return (f"<div id='post-{number}' class='bbp-reply-header'><span class='post-date'>{date}</span> "
                f"<a href='#post-{number}'>#{number}</a></div>"
                f"<div class='loop-item hentry post-{number}'><div class='bbp-reply-author'>"
                f"<a href='/forums/users/{name}/' class='bbp-author-link'>{name}</a><div>Participant</div></div>"
                f"<div class='bbp-reply-content'><p>{text}</p></div></div>")
    thread = (reply(301342, "helson", "January 4, 2020 at 4:00 am", _OPENING)
              + reply(301500, "mattia", "January 8, 2020 at 9:21 am",
                      "Select the last column of the second slider with nth-child and last-child together.")
              + reply(301503, "helson", "January 8, 2020 at 9:35 am",
                      "Thank you for your reply, this works for two containers but what if they vary?"))
    data = import_json(_page(tmp_path, f"<ul class='forums'><li class='bbp-body'>{thread}</li></ul>"),
                       tmp_path / "m")
    assert (data["author"], data["published"]) == ("helson", "2020-01-04")
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [("mattia", None), ("helson", None)]
    assert data["units"][1]["text"].startswith("Select the last column")


def test_a_reply_to_attribute_names_the_parent_in_an_unspaced_script(tmp_path: Path) -> None:
    """Short Chinese replies ("引用自哪") are messages; "对 NAME #3 回复" with ``data-reply-to-id`` names the
    reply answered (its parent) and is no part of the text."""
    def reply(rid: int, floor: int, name: str, text: str, to: tuple[int, str, int] | None = None) -> str:
        block = (f"<div class='reply-to-block' data-reply-to-id='{to[0]}'>对 <a href='/r/{rid}/reply_to'>{to[1]}"
                 f" #{to[2]}</a> 回复</div>") if to else ""
        return (f"<div class='reply' data-id='{rid}' id='reply{floor}'><a class='user-name' href='/{name}'>{name}</a>"
                f" <span class='floor'>#{floor}</span> <abbr class='timeago' title='2024年04月25日'>1 月前</abbr>"
                f"{block}<div class='markdown'><p>{text}</p></div></div>")
    replies = (reply(100, 1, "gazeldx", "我每天都还在用它写一些小工具，感觉非常顺手。")
               + reply(101, 2, "msl12", "引用自哪")
               + reply(102, 3, "gazeldx", "我的评论被删除了，有什么问题吗？")
               + reply(103, 4, "lehf", "最近总有纯英文回复的机器人", to=(102, "gazeldx", 3)))
    article = ("<div class='topic-detail'><a href='/zzz'>zzz</a> · <abbr title='2024年04月22日'>1 月前</abbr>"
               "<div class='markdown'><p>在我看来几乎从任何一个可以想象的方面来说这门语言都更加合适作为脚本语言的默认选择，"
               "它的许多特性强烈地偏向对脚本语言的良好支持。</p><p>写一个处理文件的小程序只要几行，读取、过滤、输出都很自然，"
               "标准库里需要的东西几乎都有，不必再去找别的工具。</p><p>所以我每次需要写脚本的时候都会先想到它，而不是别的语言，"
               "哪怕别的语言在性能上更好一些，大多数脚本也并不需要那样的速度。</p></div></div>")
    data = import_json(_page(tmp_path, f"{article}<div class='replies'>{replies}</div>", "脚本语言"),
                       tmp_path / "m")
    comments = [u for u in data["units"] if u["kind"] == "comment"]
    assert [(u["author"], u["parent"]) for u in comments][:3] == [("gazeldx", None), ("msl12", None),
                                                                  ("gazeldx", None)]
    assert comments[3]["author"] == "lehf" and comments[3]["parent"] == comments[2]["id"]
    assert comments[3]["text"].startswith("最近总有") and comments[1]["text"] == "引用自哪"


def test_a_question_above_its_answers_is_the_post(tmp_path: Path) -> None:
    """A Q&A page: the question (with its asker and date) is the post, not the first answer; each answer
    replies to it and a comment inside an answer answers that answer."""
    def answer(aid: str, name: str, stamp: str, text: str, comment: str) -> str:
        return (f"<div class='answer-item' id='{aid}'><div class='fmt'><p>{text}</p></div>"
                f"<div><a href='/users/{name.lower()}'>{name}</a> <span title='Reputation'>1,136</span> "
                f"<time datetime='{stamp}'>answered Feb 22</time> <span>#1</span></div>"
                f"<div class='comments-wrap'><div class='comment-item'><p>{comment}</p>"
                f"<a href='/users/karilito'>karilito</a> • <span>Feb 22</span></div></div></div>")
    question = (f"<div class='question'><div class='fmt'><p>{_OPENING}</p></div><div><a href='/users/karilito'>"
                f"karilito</a> <span title='Reputation'>43</span> <time datetime='2024-02-22T10:00:00Z'>asked Feb 22"
                f"</time></div></div>")
    answers = (answer("A1", "LinkinStar", "2024-02-23T07:35:59Z",
                      "Add a routing rule in the router, a controller for the requests, a service and a repository, "
                      "then regenerate the swagger documentation and test the new endpoint.", "Thanks very much")
               + answer("A2", "KALAWI", "2024-04-08T07:35:59Z",
                        "Thank you for the reply, but I can see the documentation of the interface here already.",
                        "Swagger is only used for testing the interface, not for writing it."))
    data = import_json(_page(tmp_path, f"{question}<div class='answers'>{answers}</div>"), tmp_path / "m")
    assert data["units"][0]["text"].startswith("Since the last update")
    units = data["units"][1:]
    assert [u["author"] for u in units] == ["LinkinStar", "karilito", "KALAWI", "karilito"]
    assert [u["parent"] for u in units] == [None, units[0]["id"], None, units[2]["id"]]


def _copy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_discuz_copy_numbers_over_their_labels(tmp_path: Path) -> None:
    """Discuz! copied as text: "1" over "主题" with blank lines between (a table's cells), a rank, buttons and
    "楼主" / "沙发" floor labels, then "发表于 DATE | 只看该作者": the subject over the first block is the title,
    the first poster's date the post's, and the buttons are no part of the messages."""
    def block(name: str, posts: int, points: int, floor: str, date: str, text: str) -> str:
        return (f"{name}\n\n1\n\n主题\t\n\n{posts}\n\n帖子\t\n\n{points}\n\n积分\n新手上路\n积分\n{points}\n发消息\n"
                f"{floor}\n 发表于 {date} | 只看该作者 来自 - 四川  |倒序浏览 |阅读模式\n{text}\n收藏\n回复\n举报\n")
    copy = ("立即注册登录\n论坛首页\n反恐精英Online-官方论坛»论坛首页 › 官方讨论区 › 建议反馈 › 游戏全屏问题\n返回列表 \n"
            "查看: 1031|回复: 2\n游戏全屏问题，希望大家能出个主意！！\n[复制链接]\n"
            + block("前程往事", 1, 5, "楼主", "2024-5-18 19:27:00", "我的电脑分辨率是2560*1440，游戏全屏显示有的地方我看不到了。")
            + block("大虾米点", 1, 4, "沙发", "6 天前", "我知道，只有回去翻下之前的网页浏览记录了。")
            + block("横财天降", 3, 16, "板凳", "2024-5-20 11:52:24", "同质化太严重了就没意思了")
            + "返回列表 \n快速回复 返回顶部 返回列表\n")
    data = import_json(_copy(tmp_path, copy), tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("游戏全屏问题,希望大家能出个主意!!", "前程往事",
                                                                  "2024-05-18")    # (punctuation read as ASCII)
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [("大虾米点", None), ("横财天降", None)]
    assert data["units"][1]["text"] == "我知道,只有回去翻下之前的网页浏览记录了。"


def test_a_bbpress_copy_dated_over_its_poster(tmp_path: Path) -> None:
    """bbPress copied as text: "DATE #N" over the poster's name and rank, the subject only in the breadcrumb."""
    copy = ("Forums\nHome › Forums › CSS › grid items appear to float left?\n"
            "This topic has 1 reply, 2 voices, and was last updated 4 years, 4 months ago by mattia.\n"
            "Viewing 2 posts - 1 through 2 (of 2 total)\nAuthor\nPosts\n"
            "January 20, 2020 at 7:04 am #302284\njawzii\nParticipant\n"
            "My grid layout is broken and all items cling to the left of the page.\n"
            "January 21, 2020 at 9:15 am #302301\nmattia\nParticipant\n"
            "Give the grid container a width and the items will stop clinging to the left.\n"
            "Author\nPosts\nViewing 2 posts - 1 through 2 (of 2 total)\n")
    data = import_json(_copy(tmp_path, copy), tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("grid items appear to float left?", "jawzii",
                                                                  "2020-01-20")
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [("mattia", None)]
    assert data["units"][1]["text"].startswith("Give the grid container")


def test_a_byline_naming_a_handle_alone(tmp_path: Path) -> None:
    """Talkyard's "By @NAME": the handle is the name (without its "@"), and the post is kept, not lost with
    the short lines around it (`S209` before)."""
    copy = ("Demo Forum Go back to the main website\nHome\nGeneral\nI have an issue\nBy @sdfasdf\nMar 12\n\n"
            "My issue is this: the page will not load after the update, whatever I try.\n\nReply\n")
    data = import_json(_copy(tmp_path, copy), tmp_path / "m")
    assert (data["title"], data["author"]) == ("I have an issue", "sdfasdf")
    assert data["units"][0]["text"].startswith("My issue is this")
