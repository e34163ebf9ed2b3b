"""The HTML post's author chosen among the page's witnesses by fitted weights (book.sources.html_author)."""

from __future__ import annotations

import json
from pathlib import Path

from book.sources import html_author
from book.sources.html_author import Page, Witness

from .helpers import POST_WORDS, html_page, import_json, run

_POST = POST_WORDS
page = html_page


def test_one_name_from_several_sources_is_one_candidate_spelled_as_the_structured_data() -> None:
    """JSON-LD, the byline and the meta tag name the same writer: one candidate, its sources agreeing, recorded
    as JSON-LD's (``author_how``); "nobody" stands beside it."""
    cands = html_author.candidates([Witness("Jane Doe", "meta"), Witness("JANE DOE", "byline"),
                                    Witness("Jane Doe", "json-ld")], Page(visible="by jane doe today", rules="Jane Doe"))
    assert [(c.value, c.how) for c in cands] == [("Jane Doe", "json-ld"), (None, None)]
    features = cands[0].features
    assert features["sources agreeing"] == 2 and features["rules' choice"] == 1.0 and features["not shown"] == 0.0
    assert cands[1].features["nobody"] == 1.0 and cands[1].features["rules' choice"] == 0.0


def test_the_sites_name_and_an_organisation_are_told_from_a_person() -> None:
    cands = html_author.candidates([Witness("Cleveland Clinic", "json-ld", organization=True),
                                    Witness("Holly Wilgus", "byline")],
                                   Page(sites=("Cleveland Clinic", "my.clevelandclinic.org"), visible="holly wilgus"))
    clinic, holly, _ = cands
    assert clinic.features["names site"] == 1.0 and clinic.features["organisation word"] == 1.0
    assert clinic.features["organization"] == 1.0 and clinic.features["not shown"] == 1.0
    assert holly.features["names site"] == 0.0 and holly.features["organisation word"] == 0.0


def test_the_softmax_chooses_and_gives_its_chance() -> None:
    """The highest score wins; its chance is its share of the exponentiated scores."""
    cands = html_author.candidates([Witness("Ann Lee", "opengraph"), Witness("Bo Chan", "byline")], Page())
    chosen, share = html_author.choose(cands, {"from byline": 2.0})
    assert chosen.value == "Bo Chan" and abs(share - 2.718 ** 2 / (2.718 ** 2 + 2)) < 0.01
    chosen, share = html_author.choose(cands, {})
    assert share < html_author.DOUBT_BELOW


def test_the_publisher_in_the_structured_data_yields_to_the_printed_writer(tmp_path: Path) -> None:
    """schema.org names the outlet, typed as an Organization and named as the site; the byline by the headline
    names a person: the person is the author, found by the byline."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ten films to stream",
                     "author": {"@type": "Organization", "name": "Film Weekly"}})
    capture = page(tmp_path, f"<article><h1>Ten films to stream</h1><p class='byline'>By Brian Truitt</p>"
                             f"<div class='entry-content'><p>{_POST}</p></div></article>",
                   head=f"<title>Ten films to stream | Film Weekly</title>"
                        f"<script type='application/ld+json'>{ld}</script>")
    data = import_json(capture, tmp_path / "m")
    assert data["author"] == "Brian Truitt"


def test_an_unsure_choice_is_warned(tmp_path: Path, monkeypatch) -> None:
    """Weights that leave the chosen name less likely than not: the author is kept and doubted (S327)."""
    monkeypatch.setattr(html_author, "WEIGHTS", {})
    capture = page(tmp_path, f"<article><h1>Legal issues</h1><p class='byline'>By Ann Lee</p>"
                             f"<div class='entry-content'><p>{_POST}</p><p>Bo Chan</p></div></article>",
                   head="<meta name='author' content='Bo Chan'>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0 and "warning[S327]" in result.stderr


def test_a_link_into_the_writers_folder_names_the_writer(tmp_path: Path) -> None:
    """No byline class, label or structured data: the headline's box links the writer's page under
    ``/producers/``; a menu's link into ``/team/`` is no witness."""
    from book.sources.capture_html import parse_html

    html = (f"<html><body><nav><a href='/team/jane-roe'>Jane Roe</a></nav><article><header><h1>Cheap eats in town</h1>"
            f"<p><span><a href='/producers/daniel-renfrow'>Daniel Renfrow</a></span> · May 2</p></header>"
            f"<div class='entry-content'><p>{_POST}</p></div></article></body></html>")
    capture = parse_html(html)
    assert (capture.author, capture.author_how) == ("Daniel Renfrow", "author link")
    menu_only = html.replace("<a href='/producers/daniel-renfrow'>Daniel Renfrow</a>", "")
    assert parse_html(menu_only).author is None
