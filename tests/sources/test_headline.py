"""A title of a shape no headline has is kept but doubted (S323): never printed in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.sources.headline import doubt

from .helpers import run


@pytest.mark.parametrize("title, author, why", [
    ("Jane Doe", "Jane Doe", "writer's name"),
    ("Share on Facebook", None, "furniture"),
    ("Sin comentarios Facebook Twitter Flipboard E-mail", None, "interface words"),
    ("Follow me on Twitter as @someone", None, "interface words"),
    ("Report this post", None, "interface words"),
    ("4,5 bei 12 Bewertungen", None, "interface words"),
    ("Updated: 9.45pm", None, "date line"),
    ("12. März 2021", None, "date line"),
    ("Home » Recipes » Cakes » Lemon cake", None, "breadcrumb"),
    ("On gardens and grief →", None, "another post"),
    ("← Older stories", None, "another post"),
    ("HOTELS ITALY SPAS TRAVEL", None, "tags in capitals"),
    ("2021-03-12 / 14:05", None, "date line"),
    ("Fotó: Koszticsák Szilárd / MTI", None, "caption"),
    ("Die Spieler kehren bald zurück. Archivbild. Bild: Dave Thompson / AP Photo", None, "caption"),
    ("Fans at the match (Getty Images)", None, "caption"),
    ("Tips welcome: news@site.example, adverts ad@site.example", None, "e-mail address"),
    ("More", None, "interface words"),
    ("and then gradually move forward reusing as much as possible from the entire", None, "middle of a sentence"),
])
def test_shapes_no_headline_has_are_doubted(title, author, why):
    assert why in (doubt(title, author) or "")


@pytest.mark.parametrize("title", [
    "The Share Economy", "How we share: a report", "NASA", "COVID-19 UPDATE: WHAT WE KNOW", "10 Things",
    "2021: A Year in Review", "« Les privatisations sont au profit d’intérêts privés »", "Zitronenkuchen vom Blech",
    "Attachment to your therapist: a conversation", "Why I still write letters",
    "Photographs of a vanished city", "Bildung für alle", "android and iOS compared", "remove quotes from url in .bat file",
])
def test_headlines_pass(title):
    assert doubt(title, "Someone Else") is None


def test_a_doubted_title_is_a_warning_and_the_editors_own_title_is_not(tmp_path: Path) -> None:
    capture = tmp_path / "copy.txt"
    capture.write_text("Report this post\nPosted by Jane Doe on March 3, 2021\n\nSome evenings the room is quiet "
                       "enough that I can hear the radiator ticking, and I stay longer than I meant to.\n",
                       encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0
    [warning] = [line for line in result.stderr.splitlines() if "S323" in line]
    assert "'Report this post'" in warning and "interface words" in warning
    result = run("import", capture, "-m", tmp_path / "m2", "--title", "The Quiet Room")
    assert result.exit_code == 0 and "S311" not in result.stderr and "S323" not in result.stderr
