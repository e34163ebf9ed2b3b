"""Comment threads in browser-copy text captures, in the shapes of pages the parser was not tuned on.

Each test is one mechanism on a small inline copy: a comment header shape, reply structure, where the
thread starts and ends, pingbacks. The copies are written the way Chromium copies such pages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from book.sources.capture_text import parse_text
from book.sources.dates import date_line

from .helpers import import_json, run

POST = ("Wir waren am Wochenende wieder unterwegs und haben dabei viel gesehen, gehört und gegessen, "
        "mehr als wir hier aufschreiben können.")


def comments(text: str) -> list[tuple[str, str | None, int | None]]:
    """(kind, author, parent) of every unit after the post; parents as indexes into the same list."""
    cap = parse_text(text)
    return [(u.kind, u.author, None if u.parent is None else u.parent - 1) for u in cap.units[1:]]


def test_name_over_text_over_date_comments_after_a_form_on_top() -> None:
    """wpDiscuz: the form first, then each comment as badge, name, text, buttons, date (the date closes it)."""
    text = "\n".join([
        "Zitronenkuchen vom Blech", "von Kathrin", POST, "",
        "Hinterlasse einen Kommentar", "Benachrichtige mich zu:", "Alle neuen Kommentare",
        "Gast", "Franzi", "Liebe Kathrin,", "ich habe das Rezept direkt am Freitag nachgebacken.", "Franzi",
        "Daumen hoch0Daumen runter  Antworten", "19. Februar 2017 20:00",
        "Alexandra", "Kann ich die denn auch in Muffins umwandeln und wie lange backen?",
        "Daumen hoch0Daumen runter  Antworten", "Translate", "1 Monat her",
        "Autor", "Kathrin", "Hallo Alexandra, das sollte kein Problem sein, etwa zwanzig Minuten.",
        "Daumen hoch-1Daumen runter", "-1", "15. Februar 2017 10:13",
        "Neueste Beiträge", "Apfelkuchen vom Blech mit Streuseln und Vanillepudding für viele Gäste",
    ])
    assert comments(text) == [
        ("comment", "Franzi", None),
        ("comment", "Alexandra", None),
        ("comment", "Kathrin", 1),              # the post's author answering "Hallo Alexandra": inferred (S306)
    ]


def test_a_date_under_a_bare_name_is_a_header_not_a_closing_date() -> None:
    """"NAME / DATE / text" comments are not read as name-over-text-over-date ones."""
    text = "\n".join([
        "Ein Titel", POST, "2 Kommentare",
        "Jonas", "13. März 2018", "Das kenne ich gut, danke für die offenen Worte hier.", "Antworten",
        "Marta", "14. März 2018", "Mir geht es ganz ähnlich, vor allem im Winter.", "Antworten",
    ])
    assert [(kind, author) for kind, author, _ in comments(text)] == [("comment", "Jonas"), ("comment", "Marta")]


def test_header_with_score_repeated_name_and_buttons_glued_to_the_date() -> None:
    """A deals site: "NAME / 5819 / NAME / 18.10.2019, 16:18 Zum Antworten anmelden Zitieren" over the text."""
    text = "\n".join([
        "Kaffee 2 Gläser für 4,80 €", "MikeNils 18.10.2019, 15:07 Uhr", POST, POST,
        "Montana", "5819", " Montana", "18.10.2019, 16:18 Zum Antworten anmelden Zitieren ",
        "Der 10 Euro Gutschein Deal vor 3 Wochen über Rewe war besser.",
        "MikeNils", "6458", " MikeNils", "18.10.2019, 16:31 Zum Antworten anmelden Zitieren ",
        "Ich trinke keinen Kaffee, hab es nur gesehen und dachte, ich teile es.",
        "Kommentar verfassen",
    ])
    assert [(kind, author) for kind, author, _ in comments(text)] == [("comment", "Montana"), ("comment", "MikeNils")]


def test_reply_button_addressing_gives_parents_on_the_path_back() -> None:
    """A newspaper: "@NAME " filled in by the reply button; each reply follows what it answers."""
    text = "\n".join([
        "Kaeser verarscht Neubauer", "Von Anna Lehmann", POST, POST, "Leserkommentare",
        "Martinxyz", "14. 01. 2020, 13:47", "Wer wen und mit was über den Tisch zog, ist noch offen.",
        "antworten", "melden",
        "Dr. McSchreck", "14. 01. 2020, 20:29", "@Martinxyz ob die Australier das auch so sehen, weiß ich nicht.",
        "antworten", "melden",
        "Götz-Michael Freimann", "14. 01. 2020, 13:29", "Inhaltlich ist der Artikel super, die Form weniger.",
        "antworten", "melden",
        "josan", "14. 01. 2020, 14:56", "@Götz-Michael Freimann Welche ungeliebte Sprecherin denn?",
        "antworten", "melden",
    ])
    assert comments(text) == [
        ("comment", "Martinxyz", None),
        ("comment", "Dr. McSchreck", 0),
        ("comment", "Götz-Michael Freimann", None),
        ("comment", "josan", 2),
    ]


def test_addressing_typed_by_hand_leaves_a_flat_list_flat() -> None:
    """"@Daniel:" typed by hand: the page lists every comment under the post; nothing is inferred from "@"."""
    text = "\n".join([
        "Ein Titel", POST, "3 Kommentare",
        "Daniel sagt:", "17. Juli 2011 um 13:04", "Das Gesetz gilt hier doch wohl ohne Frage.", "Antworten",
        "Timo sagt:", "17. Juli 2011 um 13:24", "@Daniel: Das Gesetz steht im Zweifel über den AGB.", "Antworten",
        "Sabine sagt:", "17. Juli 2011 um 13:40", "@Timo Ja, das stimmt wohl, aber nicht ganz.", "Antworten",
    ])
    assert [parent for _, _, parent in comments(text)] == [None, None, None]


def test_each_pingback_line_is_its_own_unit_named_by_its_whole_title() -> None:
    text = "\n".join([
        "Radio-Marathon", POST, "3 Antworten zu Radio-Marathon",
        " Hawey schreibt:", "Juli 9, 2016 um 1:11 pm", "Hat dies auf meinem Blog rebloggt.", "Antworten",
        "Pingback: Verlogene JUSTIZ – Wake News Radio/TV | Mywakenews's Blog", "",
        "Pingback: Das Bankrott-System im Wanken – 28.7.16 | Terraherz", "",
        "Kommentar verfassen",
    ])
    assert comments(text) == [
        ("comment", "Hawey", None),
        ("pingback", "Verlogene JUSTIZ – Wake News Radio/TV | Mywakenews's Blog", None),
        ("pingback", "Das Bankrott-System im Wanken – 28.7.16 | Terraherz", None),
    ]


def test_the_thread_starts_at_its_heading_not_at_the_count_in_the_meta_line() -> None:
    """"1 Comment on TITLE" under the headline, "1 reply on “TITLE”" over the thread; "NAMEsays:" glued."""
    text = "\n".join([
        "Warum Wien zu blöd ist", "Post author By Helge F.", "Post date March 5, 2014",
        " 1 Comment on Warum Wien zu blöd ist", POST, POST,
        "1 reply on “Warum Wien zu blöd ist”", "NCWiensays:", "September 21, 2014 at 2:58 pm",
        "Es war ein wunderbarer Beschluss für alle Anrainer und Geschäfte.", "Comments are closed.",
    ])
    cap = parse_text(text)
    assert [(u.kind, u.author) for u in cap.units[1:]] == [("comment", "NCWien")]
    assert "Es war ein wunderbarer" not in cap.units[0].text


def test_tab_counters_are_furniture_not_a_comment() -> None:
    """"Kommentare4 / Pingbacks0" tabs over an indented list: no unit, and nobody is nested under them."""
    text = "\n".join([
        "DB Lounge: Kein Zugang mehr", POST, "2 Antworten", "Kommentare2", "Pingbacks0",
        " Borchert sagt:", "18. Oktober 2019 um 15:05 Uhr", "Mir ist das in München auch schon aufgefallen.",
        "Antworten",
        " Moritz sagt:", "18. Oktober 2019 um 17:18 Uhr", "Glückwunsch an den Autor, ein echter Scoop.",
        "Antworten", "Schreibe einen Kommentar",
    ])
    assert comments(text) == [("comment", "Borchert", None), ("comment", "Moritz", None)]


def test_post_your_comments_ends_the_thread_before_the_page_footer() -> None:
    text = "\n".join([
        "FIFA 21 Game Settings", POST, "Comments (1)", "One thought on “FIFA 21 Game Settings”",
        " Mensah James says:", "November 1, 2020 at 3:32 am",
        "Please teach me how to start setting the game after you have installed it.", "Reply",
        "Post Your Comments", " Name ( required )", " Email ( required; will not be published )", "Submit",
        "Posts navigation", "FIFA 22 Companion App", "FIFA 22 Trading Tips", "FIFA Mobile", "Football Games",
    ])
    assert comments(text) == [("comment", "Mensah James", None)]


def test_a_counter_inviting_comments_heads_a_thread_of_name_date_lines() -> None:
    """"33 LESER-KOMMENTARE Geben Sie jetzt …" over "NAME 29.07.2020 // 12:56" headers; the form is above."""
    text = "\n".join([
        "Golf im TV: Premiere beim Desert Swing", "Von Golf Post Redaktion", POST, POST,
        "Golf im TV live bei Sky", "Ihr Kommentar * ", "Senden",
        "2 LESER-KOMMENTARE Geben Sie jetzt Ihre Meinung zu diesem Thema ab",
        "Rolf Buckpesch 29.07.2020 // 12:56", "Es gibt meines Wissens drei Kommentatoren bei den Übertragungen.",
        "Antworten",
        "Neuni 23.07.2020 // 12:59", "Ist es Euch nicht selbst peinlich, so über den Golfsport zu reden?",
        "Antworten",
    ])
    assert comments(text) == [("comment", "Rolf Buckpesch", None), ("comment", "Neuni", None)]


def test_dates_as_comment_systems_print_them() -> None:
    assert date_line("14. 01. 2020, 13:47").iso == "2020-01-14"
    assert date_line("29.07.2020 // 12:56").iso == "2020-07-29"
    assert date_line("1 Stunde 51 Minuten her") is not None
    assert date_line("1 Monat her") is not None
    assert date_line("Monat her") is None


THREAD_ONLY = "\n".join([
    "Wie pflege ich einen Tubeless-Reifen?", "Teilen", "Facebook", "Twitter",
    "3 Antworten zu „Wie pflege ich einen Tubeless-Reifen?“",
    "Dirk_K sagt:", "12. März 2021 um 10:14",
    "Ich fahre seit einem Jahr tubeless und frage mich, wie oft ich die Milch wechseln muss.", "Antworten",
    "Sandra sagt:", "12. März 2021 um 11:02", "Alle drei Monate reicht bei mir, im Sommer etwas öfter.", "Antworten",
    "Jonas sagt:", "12. März 2021 um 12:40", "Ich schaue einfach nach, wenn der Reifen Luft verliert.", "Antworten",
    "Schreibe einen Kommentar",
])


def test_a_thread_with_no_post_above_it_takes_its_first_message_as_the_post_s322(tmp_path: Path) -> None:
    """No text above the thread: the import does not fail with an empty post (S210); the first message is the
    post, its writer the post's author, and the editor is told (S322)."""
    capture = tmp_path / "thread.txt"
    capture.write_text(THREAD_ONLY, encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if "S322" in line]
    assert "first message was taken as the post (by Dirk_K)" in warning
    assert "S304" not in result.stderr                     # the counter counted the first message too
    data = import_json(capture, tmp_path / "m2")
    assert data["author"] == "Dirk_K"
    assert data["units"][0]["text"].startswith("Ich fahre seit einem Jahr tubeless")
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [("Sandra", None), ("Jonas", None)]


ENGLISH_POST = ["A Weekend on the Coast", "Posted on March 2, 2020 by Anna Berg",
                "We spent the weekend on the coast and saw more than we could ever write down here, so this is "
                "only a part of it.", "The rest will follow next week, with the pictures of the lighthouse."]


def english(lines: list[str]) -> list[tuple[str, str | None, int | None]]:
    return comments("\n".join(ENGLISH_POST + lines))


def test_name_on_date_said_headers() -> None:
    assert english([
        "2 Comments", "Tom on March 3, 2020 at 10:00 am said:", "Lovely pictures, thanks for sharing them with us.",
        "Reply", "Jane on March 4, 2020 at 9:00 am said:", "I want to go there too one day soon.", "Reply",
        "Leave a Reply",
    ]) == [("comment", "Tom", None), ("comment", "Jane", None)]


def test_date_over_name_headers() -> None:
    assert english([
        "2 Comments", "March 3, 2020 at 10:00 am", "Tom", "Lovely pictures, thanks for sharing them with us.", "Reply",
        "March 4, 2020 at 9:00 am", "Jane", "I want to go there too one day soon.", "Reply", "Leave a Reply",
    ]) == [("comment", "Tom", None), ("comment", "Jane", None)]


def test_avatar_alt_text_and_comment_numbers_are_no_comments() -> None:
    assert english([
        "2 Comments", "1.", "Avatar of Tom", "Tom says:", "March 3, 2020 at 10:00 am",
        "Lovely pictures, thanks for sharing them with us.", "Reply",
        "2.", "Jane's avatar", "Jane says:", "March 4, 2020 at 9:00 am", "I want to go there too one day soon.",
        "Reply", "Leave a Reply",
    ]) == [("comment", "Tom", None), ("comment", "Jane", None)]


def test_a_chinese_thread_counter_header_and_date() -> None:
    """WordPress and Blogger in Chinese: "3条评论", "NAME 说：", "2020年3月3日 上午10:00", "回复", "发表评论"."""
    assert english([
        "2条评论", "Tom 说：", "2020年3月3日 上午10:00", "照片很漂亮，谢谢分享。", "回复",
        "Jane 说：", "2020年3月4日 上午9:00", "我也想去那里。", "回复", "发表评论",
    ]) == [("comment", "Tom", None), ("comment", "Jane", None)]
    assert date_line("2020年3月3日 上午10:00").iso == "2020-03-03"
    assert date_line("2020年13月3日") is None


def test_a_trackbacks_block_lists_each_linking_page_as_a_pingback() -> None:
    assert english([
        "1 Comment", "Tom says:", "March 3, 2020 at 10:00 am", "Lovely pictures, thanks for sharing them with us.",
        "Reply", "Trackbacks/Pingbacks", "Best beaches of 2020 - Travel Notes", "[…] Anna's weekend on the coast […]",
        "Coastal walks | Hiking Blog", "Leave a Reply",
    ]) == [
        ("comment", "Tom", None),
        ("pingback", "Best beaches of 2020 - Travel Notes", None),
        ("pingback", "Coastal walks | Hiking Blog", None),
    ]


def test_drupal_submitted_by_headers_with_a_subject_line_above() -> None:
    """Drupal 7: "SUBJECT / Submitted by NAME on DATE / Permalink / text / reply"."""
    cap = parse_text("\n".join(ENGLISH_POST + [
        "Comments", "Lovely pictures", "Submitted by Tom on Tue, 03/03/2020 - 10:00", "Permalink",
        "Lovely pictures, thanks for sharing them with us.", "reply",
        "Me too", "Submitted by Jane on Wed, 03/04/2020 - 09:00", "Permalink", "I want to go there too one day.",
        "reply", "Add new comment",
    ]))
    assert [(u.kind, u.author) for u in cap.units[1:]] == [("comment", "Tom"), ("comment", "Jane")]
    assert ("comment subject", "Lovely pictures") in cap.dropped      # listed, never a comment of its own


def test_drupal_in_reply_to_subject_by_name() -> None:
    """Drupal 8: "In reply to SUBJECT by NAME" names the comment answered by its writer, not its subject."""
    cap = parse_text("\n".join(ENGLISH_POST + [
        "Comments", "Tom", "3 March 2020 at 10:00", "Permalink", "Lovely pictures, thanks for sharing them with us.",
        "Reply", "Jane", "4 March 2020 at 09:00", "Permalink", "I want to go there too one day soon.", "Reply",
        "Bob", "5 March 2020 at 08:00", "Permalink", "In reply to Lovely pictures by Tom",
        "They are taken with an old camera, I think.", "Reply", "Add new comment",
    ]))
    assert [(u.author, u.parent) for u in cap.units[1:]] == [("Tom", None), ("Jane", None), ("Bob", 1)]
    assert cap.parents_inferred == []                  # stated by the page, not inferred


@pytest.mark.parametrize("label", ["Antwort auf", "En réponse à", "In risposta a", "Replying to"])
def test_in_reply_to_name_in_other_languages(label: str) -> None:
    """"Antwort auf NAME" over a reply's text names the comment it answers, as "In reply to NAME" does."""
    cap = parse_text("\n".join(ENGLISH_POST + [
        "Comments", "Tom", "3 March 2020 at 10:00", "Lovely pictures, thanks for sharing them with us.",
        "Reply", "Jane", "4 March 2020 at 09:00", "I want to go there too one day soon.", "Reply",
        "Bob", "5 March 2020 at 08:00", f"{label} Tom", "They are taken with an old camera, I think.", "Reply",
        "Add new comment",
    ]))
    assert [(u.author, u.parent) for u in cap.units[1:]] == [("Tom", None), ("Jane", None), ("Bob", 1)]
    assert cap.units[3].text.startswith("They are taken")


def test_name_over_text_over_date_after_a_login_form_a_sort_control_and_widget_labels() -> None:
    """The first comment is the last name over text before the first closing date: form labels ("Passwort
    bestätigen / Ich erkläre mich …"), counts ("63 Kommentar Themen") and "Sortiert nach:" come before it; a
    nickname may be long."""
    text = "\n".join([
        "No Peace for Our Time", "Von Hans Meier", POST, POST, "Kommentare ( 3 )",
        "63 Kommentar Themen", "Passwort bestätigen", " Ich erkläre mich mit der Verarbeitung meiner Daten einverstanden",
        "Registrierung", "Sortiert nach:   neuste | älteste | beste Bewertung",
        "Nibelung", "Diesen Kommentar auf Twitter teilen?Diesen Kommentar auf Twitter teilen?",
        "Gewisse Ähnlichkeiten zwischen damals und heute sind zu erkennen.", "0 ", "50 Minuten 46 Sekunden her",
        "Paul Pimmel - der Herr des Kosmos", "Trumps Vorteil ist es, für grenzdebil gehalten zu werden.", "9 ",
        "15 Stunden 38 Minuten her",
        "Bummi", "Ich sehe den Abzug grundsätzlich positiv, dort gehören keine fremden Truppen hin.", "-1 ",
        "1 Stunde 51 Minuten her", "weitere Kommentare anzeigen", "Kolumnen",
    ])
    assert [(kind, author) for kind, author, _ in comments(text)] == [
        ("comment", "Nibelung"), ("comment", "Paul Pimmel - der Herr des Kosmos"), ("comment", "Bummi")]


def test_badges_glued_to_names_are_peeled_where_the_page_repeats_them() -> None:
    """Lemmy's copy glues "OP" and "MA" to the name ("DessalinesOPMA", "NutomicMA"): a tail repeated after
    several headers is a role; a capitalised tail one name carries once ("JohnDOE") is the name's."""
    from book.sources.capture import RawUnit
    from book.sources.text_thread import strip_glued_badges

    names = ["db0", "DessalinesOPMA", "db0", "DessalinesOPMA", "NutomicMA", "Blaze", "DessalinesOPMA", "JohnDOE",
             "McDONALD"]
    units = [RawUnit("post", "text")] + [RawUnit("comment", "text", author=name) for name in names]
    strip_glued_badges(units)
    assert [unit.author for unit in units[1:]] == ["db0", "Dessalines", "db0", "Dessalines", "Nutomic", "Blaze",
                                                   "Dessalines", "JohnDOE", "McDONALD"]


def _long_thread(comments: int, opening: str) -> str:
    """A copy of a thread of ``comments`` dated comments, each opening with ``opening`` (formatted with the
    comment's number and another writer's name)."""
    prose = " ".join(["The roses bloomed late this year and we waited for them with patience."] * 5)
    out = ["A thread about roses", "By Ann Gale", "March 3, 2021", prose, f"{comments} Comments"]
    for k in range(comments):
        out += [f"Writer{k % (comments // 2)}", f"May 4, 2021 at {1 + k % 12}:{k % 60:02d} am",
                opening.format(k=k, other=f"Writer{(7 * k + 1) % (comments // 2)}"), "Reply"]
    return "\n\n".join(out) + "\n"


@pytest.mark.parametrize("opening", ["@{other} I agree with what you said about the roses, number {k}.",
                                     "> some words nobody ever wrote in this thread at all {k} {k}\n\nMine, {k}."])
def test_a_thread_of_thousands_of_replies_is_read_in_about_linear_time(tmp_path: Path, opening: str) -> None:
    """3,000 "@NAME" or quoting replies imported under a 40 s CPU limit: each reader looked at every earlier
    comment for each reply, and the chronology listed every pair (6,000 quoting replies took 295 s and 1.4 GB,
    6,000 "@NAME" replies 64 s; now 32 s and 19 s)."""
    import resource
    import subprocess
    import sys

    copy = tmp_path / "thread.txt"
    copy.write_text(_long_thread(3000, opening), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    book = [sys.executable, "-m", "book"]
    assert subprocess.run([*book, "new", str(tmp_path / "b"), "-q"], env=env, capture_output=True).returncode == 0
    done = subprocess.run([*book, "sources", "import", str(copy), "-m", str(tmp_path / "b" / "manuscript"), "-q"],
                          env=env, capture_output=True, text=True, check=False,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CPU, (40, 40)))
    assert done.returncode in (0, 1), (done.returncode, done.stderr[-400:])
    assert "Traceback" not in done.stderr
