"""The text capture's header read by scores (``text_score``): the headline over the text, the name and the date by
it, in any language, and a warning where the choice is close or a rival outscores the shape readers' choice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from book.sources.capture_text import parse_text
from book.sources.headline import doubt
from book.sources.capture import Capture
from book.sources.text_score import _author_choice, _title_choice, score_header, settle_byline

_PROSE = {
    "en": "The long paragraph of the post goes on for a while, so that it reads as prose and not as a header line, "
          "and then it says a little more about the garden and the weather this spring.",
    "de": "Der lange Absatz des Beitrags geht eine Weile so weiter, damit er sich wie Fließtext liest und nicht wie "
          "eine Kopfzeile, und dann sagt er noch etwas über den Garten und das Wetter in diesem Frühjahr.",
    "fr": "Le long paragraphe de l'article continue un moment, pour qu'il se lise comme de la prose et non comme une "
          "ligne d'en-tête, puis il en dit un peu plus sur le jardin et le temps qu'il fait ce printemps.",
    "es": "El largo párrafo del artículo sigue un buen rato, para que se lea como prosa y no como una línea de "
          "cabecera, y luego cuenta algo más sobre el jardín y el tiempo que hace esta primavera.",
}


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _title(header) -> tuple[str, int | None, float] | None:
    """The headline the fitted model chooses (value, line, chance), where the readers found none."""
    return _title_choice(header, Capture(engine="text"))


def _author(header) -> tuple[str | None, dict[str, float], float] | None:
    """The post's author the fitted model chooses (None: nobody) and its chance, where the readers found none."""
    return _author_choice(header, Capture(engine="text"))


def _date(header) -> str | None:
    """The post's date as :func:`settle_byline` settles it from the scored header, where the readers found none."""
    cap = Capture(engine="text")
    settle_byline(cap, header)
    return cap.published


def _copy(language: str, header: str) -> str:
    menu = "Home\n\nNews\n\nSport\n\nCulture\n\nContact\n\n"
    return menu + header + _PROSE[language] + "\n\n" + _PROSE[language] + "\n"


def test_the_headline_is_the_line_over_the_text_not_the_menu_or_the_site() -> None:
    header = score_header(_lines(_copy("en", "The Garden Gazette\n\nSeven things the spring taught us about tomatoes\n\n"
                                             "By Mary Jones\n\nMarch 3, 2021\n\n")))
    title, author = _title(header), _author(header)
    assert title is not None and title[0] == "Seven things the spring taught us about tomatoes" and title[2] >= 0.5
    assert author is not None and author[0] == "Mary Jones" and author[2] >= 0.5
    assert _date(header) == "2021-03-03"


def test_german_label_and_date_under_a_standfirst() -> None:
    header = score_header(_lines(_copy("de", "Politik\n\nWas die Stadt mit dem alten Bahnhof vorhat\n\n"
                                             "Der Rat hat entschieden, und nicht alle sind damit glücklich.\n\n"
                                             "Von Anna Berg\n\nVeröffentlicht am 3. Mai 2021\n\n")))
    assert _title(header)[0] == "Was die Stadt mit dem alten Bahnhof vorhat"
    assert _author(header)[0] == "Anna Berg"
    assert _date(header) == "2021-05-03"


def test_french_labels_on_lines_of_their_own() -> None:
    """"Auteur" / NAME and "Date" / DATE, as a review prints its header's fields: the label names the value."""
    header = score_header(_lines(_copy("fr", "Entretiens\n\nCe que la ville doit à son fleuve, avec Jeanne Martin\n\n"
                                             "Auteur\n\nPaul Durand\n\nDate\n\n2 mars 2020\n\nPartager\n\n")))
    assert _title(header)[0] == "Ce que la ville doit à son fleuve, avec Jeanne Martin"
    assert _author(header)[0] == "Paul Durand"
    assert _date(header) == "2020-03-02"


def test_spanish_byline_and_date_in_words() -> None:
    header = score_header(_lines(_copy("es", "El nuevo puente del río abre al tráfico tras dos años de obras\n\n"
                                             "Por Lucía Fernández\n\n2 de noviembre de 2023\n\n")))
    assert _title(header)[0] == "El nuevo puente del río abre al tráfico tras dos años de obras"
    assert _author(header)[0] == "Lucía Fernández"
    assert _date(header) == "2023-11-02"


def test_a_read_also_teaser_is_not_the_headline_and_its_date_not_the_posts() -> None:
    """Another post's headline and date under a "Read also" label, over a paragraph of their own."""
    text = ("Home\n\nNews\n\nThe harbour will close for a month this winter\n\n" + _PROSE["en"] + "\n\n"
            + _PROSE["en"] + "\n\nRead also\n\n12/01/2020\n\nThe old lighthouse gets a new lamp\n\n" + _PROSE["en"] + "\n")
    header = score_header(_lines(text))
    assert _title(header)[0] == "The harbour will close for a month this winter"
    assert _date(header) is None


def test_a_recent_posts_widget_names_no_author_and_no_date() -> None:
    text = ("Blog\n\nHow to grow a lemon tree from seed\n\nRecent posts\n\nOctober 30, 2020 Kate May\n\n"
            "Caring for a fern\n\n" + _PROSE["en"] + "\n\n" + _PROSE["en"] + "\n")
    header = score_header(_lines(text))
    assert _author(header) is None and not header.dates      # (the fitted date choice, weighing every date the
                                                              # copy prints, still takes the widget's: see CHANGELOG)


def test_of_two_headline_like_lines_nothing_marks_the_upper_is_the_headline_less_than_surely() -> None:
    """Two lines of a headline's shape over the text, no byline or date by either: the lower one reads as a
    standfirst under its headline, and the upper one wins, with a rival left (a chance well under certainty)."""
    text = "Home\n\nA quiet week in the village\n\nThe mill reopens on Monday\n\n" + _PROSE["en"] + "\n\n" + _PROSE["en"]
    title = _title(score_header(_lines(text)))
    assert title is not None and title[0] == "A quiet week in the village" and title[2] < 0.8


def test_share_buttons_ratings_and_category_lines_are_no_headline() -> None:
    text = ("Pinterest Email Send Text Message Print\n\n5 from 7 votes\n\nFiled under Recipes, Baking\n\n"
            "Posts: 139\n\n" + _PROSE["en"] + "\n\n" + _PROSE["en"] + "\n")
    assert _title(score_header(_lines(text))) is None


def test_an_update_headline_is_no_date_line() -> None:
    """"Update on the case…" starts like an update's label but holds no date: a headline, not doubted."""
    assert doubt("Update on the case of the missing painting from the town museum") is None
    assert doubt("Updated: 9.45pm") is not None


def test_the_scores_fill_the_title_the_readers_left_empty() -> None:
    """No shape reader takes a headline over "Von NAME" without a date; the scores do, and take its name."""
    text = _copy("de", "Startseite\n\nWas die Stadt mit dem alten Bahnhof vorhat\n\nVon Anna Berg\n\n")
    cap = parse_text(text)
    assert cap.title == "Was die Stadt mit dem alten Bahnhof vorhat"
    assert cap.author == "Anna Berg"


def test_an_unsure_date_is_flagged_for_the_warning() -> None:
    """Two dates as near the headline and neither labelled: the post's date is the fitted model's choice, which
    prefers the first of two dates by the headline; two dates alike under the
    text, no date by the headline, leave it unsure: the one kept carries a doubt (warned as S324)."""
    text = ("Home\n\nThe mill reopens after the long winter\n\n3 May 2021\n\n4 May 2021\n\n"
            + _PROSE["en"] + "\n\n" + _PROSE["en"] + "\n")
    assert _date(score_header(_lines(text))) == "2021-05-03"          # the fitted choice: the first of two dates under the headline
    text = ("Home\n\nThe mill reopens after the long winter\n\n" + 6 * (_PROSE["en"] + "\n\n")
            + "3 May 2021\n\nKate May\n\n4 June 2023\n")
    cap = Capture(engine="text")
    settle_byline(cap, score_header(_lines(text)))
    assert cap.published in ("2021-05-03", "2023-06-04") and cap.published_doubt is not None


def test_two_names_alone_compete_and_neither_is_taken() -> None:
    """Two names alone by the headline, neither labelled nor dated: no author is guessed (S301 says so)."""
    text = "Home\n\nThe mill reopens after the long winter\n\nMary Jones\n\nPeter Smith\n\n" + _PROSE["en"] + "\n"
    cap = Capture(engine="text")
    settle_byline(cap, score_header(_lines(text)))
    assert cap.author is None


def test_a_name_alone_by_the_date_is_taken_as_inferred() -> None:
    """A name alone over the date, no label: likely the writer, kept but flagged as inferred (S305)."""
    text = "Home\n\nThe mill reopens after the long winter\n\nMary Jones\n\n3 May 2021\n\n" + _PROSE["en"] + "\n"
    cap = Capture(engine="text")
    settle_byline(cap, score_header(_lines(text)))
    assert (cap.author, cap.author_how, cap.published) == ("Mary Jones", "uncertain byline", "2021-05-03")


def test_the_import_warns_of_a_date_in_doubt_and_the_option_silences_it(tmp_path) -> None:
    """A date kept with a doubt is S324 naming it; ``--published`` (the editor's own date) has nothing to doubt."""
    from book.sources.importer import ImportOptions, _apply_options, _warn
    from book.support.diagnostics import Report

    cap = Capture(engine="text", published="2021-05-03", published_doubt="another date is almost as likely")
    report = Report()
    _warn(cap, [], {}, tmp_path / "t.yaml", report)
    assert [d.code for d in report.warnings] == ["S324"] and "2021-05-03 may not be its own" in report.warnings[0].message
    _apply_options(cap, ImportOptions(published="2021-05-04"))
    report = Report()
    _warn(cap, [], {}, tmp_path / "t.yaml", report)
    assert not report.warnings


def test_two_bylines_alike_leave_the_author_in_doubt() -> None:
    """Two names of the same byline shape by the headline: the one kept is less likely than not, and doubted (S327);
    a byline nothing rivals is not."""
    from book.sources.text_score import Header

    marks = {"after a byline label": 1.0, "next to headline": 1.0, "date by it": 1.0}
    header = Header(authors=[("Mary Jones", 3, 0.0), ("Peter Smith", 5, 0.0)],
                    author_features={("Mary Jones", 3): marks, ("Peter Smith", 5): marks})
    cap = Capture(engine="text", title="The mill reopens after the long winter")
    settle_byline(cap, header)
    assert cap.author in ("Mary Jones", "Peter Smith") and cap.author_how == "byline" and cap.author_doubt is not None
    header = Header(authors=[("Mary Jones", 3, 0.0)], author_features={("Mary Jones", 3): marks})
    cap = Capture(engine="text", title="The mill reopens after the long winter")
    settle_byline(cap, header)
    assert cap.author == "Mary Jones" and cap.author_doubt is None


def test_a_stated_byline_the_model_outweighs_is_doubted_an_inferred_name_replaced() -> None:
    """A labelled name by the headline and its date outweighs the readers' name found far off: their stated byline
    is kept with a doubt naming the likelier one (S327); a name they only inferred gives way to it."""
    from book.sources.text_score import Header

    marks = {"after a byline label": 1.0, "next to headline": 1.0, "date by it": 1.0}
    for how, kept in (("byline", "Peter Smith"), ("uncertain byline", "Mary Jones")):
        header = Header(authors=[("Mary Jones", 3, 0.0)], author_features={("Mary Jones", 3): marks})
        cap = Capture(engine="text", title="The mill reopens", author="Peter Smith", author_how=how)
        settle_byline(cap, header)
        assert cap.author == kept, how
        assert ("'Mary Jones'" in (cap.author_doubt or "")) == (how == "byline"), how


def test_a_labelled_name_closing_the_post_is_a_candidate() -> None:
    """"By NAME" past the header's reach (closing the post, under its paragraphs) is a candidate too, marked as
    outside the header; a name alone there is not."""
    text = ("Home\n\nThe mill reopens after the long winter\n\n3 May 2021\n\n" + (_PROSE["en"] + "\n\n") * 8
            + "By Mary Jones\n\nPeter Smith\n")
    header = score_header(_lines(text))
    assert [(value, header.author_features[(value, line)].get("outside the header")) for value, line, _ in
            header.authors] == [("Mary Jones", 1.0)]


def test_the_import_warns_of_an_author_in_doubt_and_the_option_silences_it(tmp_path) -> None:
    """An author kept with a doubt is S327 naming it; ``--author`` (the editor's own name) has nothing to doubt."""
    from book.sources.importer import ImportOptions, _apply_options, _warn
    from book.support.diagnostics import Report

    cap = Capture(engine="text", author="Mary Jones", author_how="byline", author_doubt="another name is as likely",
                  published="2021-05-03")
    report = Report()
    _warn(cap, [], {}, tmp_path / "t.yaml", report)
    assert [d.code for d in report.warnings] == ["S327"] and "'Mary Jones' may be wrong" in report.warnings[0].message
    _apply_options(cap, ImportOptions(author="Peter Smith"))
    report = Report()
    _warn(cap, [], {}, tmp_path / "t.yaml", report)
    assert not report.warnings


def test_a_headline_chosen_over_the_readers_header_is_doubted_naming_it() -> None:
    """The readers found a header over one line and the model chose another, less likely than not: the doubt says
    the header marked the readers' line (not that nothing marked any), and keeps a doubt given before it."""
    from book.sources.text_score import Header, settle_title

    header = Header(titles=[("The mill reopens after the long winter", 3, 5.0),
                            ("The bakery closes for the summer", 5, 5.0)])
    cap = Capture(engine="text", title="Village news", title_doubt="an earlier doubt")
    settle_title([""] * 10, cap, header, 0)
    assert cap.title in ("The mill reopens after the long winter", "The bakery closes for the summer")
    assert "marked 'Village news' as the headline" in (cap.title_doubt or "")
    assert "an earlier doubt" in cap.title_doubt and "no byline or date" not in cap.title_doubt


def test_furniture_by_the_headline_is_no_rival() -> None:
    """A recipe's buttons, a reading time and a tag line sit right over the text, by the date: never headlines,
    so the headline over them is neither replaced nor doubted."""
    for furniture in ("Jump to Recipe Pin Recipe", "Tempo di lettura: 3 minuti", "文章标签： 人工智能 chatgpt"):
        header = score_header(_lines(_copy("en", "Peanut butter truffles for a rainy afternoon\n\nMarch 3, 2021\n\n"
                                                 + furniture + "\n\n")))
        assert all(value != furniture for value, _, _ in header.titles), furniture
        assert _title(header)[0] == "Peanut butter truffles for a rainy afternoon"


def test_a_long_sentence_under_the_headline_is_its_standfirst() -> None:
    """A line of ten words or more ending in a full stop is a sentence (the standfirst), not the headline over it:
    the headline wins by a sure margin (no S323 for a headline its byline and standfirst follow)."""
    header = score_header(_lines(_copy("en", "Monastero Santa Rosa Hotel and Spa on the Amalfi Coast\n\nTravel\n\n"
                                             "by Anna Lee\n\nA former convent converted into a lavish resort, this "
                                             "hotel sits high on the cliffs over the sea.\n\n")))
    title = _title(header)
    assert title[0] == "Monastero Santa Rosa Hotel and Spa on the Amalfi Coast" and title[2] >= 0.5


def test_a_headline_by_its_date_over_its_subjects_text_beats_the_first_line_and_a_subheading() -> None:
    """Where the readers only guessed the copy's first line, the line by the date whose words the text is about is
    the headline, not the first line, nor the subheading right over the text."""
    text = ("Die Arbeitslosenquote ist im Mai gesunken, und die Arbeitslosenzahlen liegen unter denen des Vorjahres, "
            "wie die Agentur für Arbeit am Dienstag mitteilte; in allen Ländern ging die Quote zurück.")
    cap = parse_text("Arbeitsmarkt\n\nArbeitslosenquote und Arbeitslosenzahlen 2022\n\nStand: 3. Mai 2022\n\n"
                     "Die Zahlen im Überblick\n\n" + text + "\n\n" + _PROSE["de"] + "\n")
    assert not cap.title_guessed and cap.title == "Arbeitslosenquote und Arbeitslosenzahlen 2022"


_WHALES = ("Whale strandings have worried the tribes along the coast since spring, and the elders say the whales come "
           "ashore in numbers they have never seen, which the tribes read as a warning from the ocean.")


def test_the_article_about_the_headline_beats_its_standfirst() -> None:
    """Of the headline and the standfirst under it, both over the text, the line whose words the article is about
    wins, printed again (a breadcrumb's last crumb) or not; a menu printed twice (its entries with their
    neighbours) earns nothing for it."""
    head = ("Home › Travel › Whale strandings worry the tribes of the coast\n\nTravel\n\n"
            "Whale strandings worry the tribes of the coast\n\n"
            "Fishermen fear that changes in the ocean are behind the spike in beachings this year\n\n")
    for copy in (head, head.split("\n\n", 2)[2]):
        header = score_header(_lines("Home\n\nNews\n\n" + copy + _WHALES + "\n\n" + _WHALES + "\n"))
        assert _title(header)[0] == "Whale strandings worry the tribes of the coast"
    menu = "Home\n\nOur favourite garden tools\n\nContact\n\n"
    twice = score_header(_lines(menu + "Spring in the garden at last\n\n" + _PROSE["en"] + "\n\n" + _PROSE["en"]
                                + "\n\n" + menu))
    ours = next(score for value, _, score in twice.titles if value == "Our favourite garden tools")
    once = score_header(_lines(menu + "Spring in the garden at last\n\n" + _PROSE["en"] + "\n\n" + _PROSE["en"]))
    assert ours == next(score for value, _, score in once.titles if value == "Our favourite garden tools")


def test_an_ambiguous_slashed_date_is_settled_by_the_copys_other_dates() -> None:
    """"12/04/2020" by the headline is the 12th of April where the copy's comments print "14/04/2020"; where
    they print "04/14/2020" it is the 4th of December; with nothing to settle it, it is no date."""
    def copy(comment_date: str) -> str:
        return (_copy("en", "Olive and herb focaccia bread\n\n12/04/2020 by Kay 3 Comments\n\n")
                + f"\nComments\n\nAnna\n\n{comment_date} at 3:00 pm\n\nLovely recipe, thank you.\n")
    assert _date(score_header(_lines(copy("14/04/2020")))) == "2020-04-12"
    assert _date(score_header(_lines(copy("04/14/2020")))) == "2020-12-04"
    assert _date(score_header(_lines(copy("04/11/2020")))) is None


def test_slashed_dates_that_disagree_settle_nothing() -> None:
    from book.sources.dates import numeric_order, settled_date

    assert numeric_order(["14/04/2020", "12/04/2020"]) == "dmy"
    assert numeric_order(["14/04/2020", "04/15/2020"]) is None
    assert numeric_order(["12.29.2014", "12/04/2020"]) is None        # a dotted date says nothing of the slashed
    assert settled_date("12/04/2020 by Kay", "mdy") == "2020-12-04"
    assert settled_date("14/04/2020", "mdy") is None                  # not ambiguous: find_date reads it


def test_the_posts_date_from_its_entry_in_a_list_of_posts() -> None:
    """No date by the headline; the sidebar's "Recent Posts" lists the post with its date (on the line under the
    headline's copy, or after it on its line): that date is the post's. Where the copies disagree, or the list
    holds only other posts' dates, no date is sure: none is taken, or one with a doubt (S324)."""
    def copy(entry: str) -> str:
        return _copy("en", "How to Add Schema Markup to a Page\n\nBy Brian Jackson\n\n") + (
            f"\nRecent Posts\n\n{entry}\n\nHow to Set Up Your Twitter Card\n\nJune 15, 2014 • 2 Comments\n")
    for entry, want in (("How to Add Schema Markup to a Page\n\nJune 30, 2014 • No Comment", "2014-06-30"),
                        ("How to Add Schema Markup to a Page - June 30, 2014", "2014-06-30"),
                        ("How to Add Schema Markup to a Page\n\nRead more", None),
                        ("How to Add Schema Markup to a Page - June 30, 2014\n\n"
                         "How to Add Schema Markup to a Page - July 2, 2014", None)):
        cap = parse_text(copy(entry))
        assert cap.title == "How to Add Schema Markup to a Page"
        if want is None:
            assert cap.published is None or cap.published_doubt is not None, entry
        else:
            assert cap.published == want, entry


def test_a_two_digit_year_is_settled_by_the_copys_four_digit_years() -> None:
    """"17.7.11" by the headline is 2011-07-17 where the copy prints 2011 (its comments' "17.07, 2011"); "12.29.14"
    is month first (no month 29); with no four-digit year ending in it, or two ("1911" and "2011"), no date."""
    from book.sources.dates import settled_date

    def copy(date_line: str, comment_date: str) -> str:
        return (_copy("de", f"Verstößt der Ausschluss von Pseudonymen gegen das Gesetz?\n\n{date_line}\n\n")
                + f"\nKommentare\n\nComment by Mirko Lange — {comment_date} @ 13:04\n\nGuter Beitrag.\n")
    assert _date(score_header(_lines(copy("17.7.11", "17.07, 2011")))) == "2011-07-17"
    assert _date(score_header(_lines(copy("17.7.11", "17.07, 2012")))) is None
    assert settled_date("By Ashley Burns • 12.29.14", None, frozenset({2014})) == "2014-12-29"
    assert settled_date("12.29.14", None, frozenset({1914, 2014})) is None
    assert settled_date("Version 1.2.14.3", None, frozenset({2014})) is None
    assert settled_date("Publié le 01/06/18 à 23h03", "dmy", frozenset({2018})) == "2018-06-01"
    assert settled_date("Publié le 01/06/18 à 23h03", None, frozenset({2018})) is None


def test_a_comments_ambiguous_date_is_settled_by_the_copys_other_dates() -> None:
    """"09/06/2020" under a comment is the 9th of June where the other comments print "14/04/2020"; where all
    the copy's slashed dates are ambiguous it is left empty, as printed (S302)."""
    def copy(first: str, second: str) -> str:
        return (f"Olive and herb focaccia bread\n\nBy Kay\n\n{_PROSE['en']}\n\n{_PROSE['en']}\n\n2 Comments\n\n"
                f"Anna\n\n{first} at 3:00 pm\n\nLovely recipe, thank you so much for sharing it with us.\n\nReply\n\n"
                f"Ben\n\n{second} at 1:53 pm\n\nI made it twice this week and it was gone in minutes.\n\nReply\n")
    comments = [u for u in parse_text(copy("14/04/2020", "09/06/2020")).units if u.kind == "comment"]
    assert [(u.date, u.date_text) for u in comments] == [("2020-04-14", None), ("2020-06-09", None)]
    comments = [u for u in parse_text(copy("04/11/2020", "09/06/2020")).units if u.kind == "comment"]
    assert [(u.date, u.date_text) for u in comments] == [(None, "04/11/2020 at 3:00 pm"), (None, "09/06/2020 at 1:53 pm")]


_KEY_WORDS = st.sampled_from(["the", "garden", "gazette", "spring", "x", "tomatoes", "share:", "|", "site"])


@settings(deadline=None)          # a slow example on a busy machine is no failure (it once was one)
@given(st.lists(st.lists(_KEY_WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=14))
def test_an_echo_is_found_through_the_word_index_as_by_scanning_every_line(keys: list[str]) -> None:
    """_echoed looks only at the lines holding the line's rarest inner word: it finds what a scan of every
    line finds."""
    from book.sources.text_score import _echoed, _word_index, _words

    def scanned(pos: int) -> bool:
        key = keys[pos]
        if _words(key) < 3 or len(key) < 12:
            return False
        around = {keys[p] for p in (pos - 1, pos + 1) if 0 <= p < len(keys)}
        return any(abs(p - pos) > 1 and key in other and len(other) <= 2 * len(key) + 40
                   and (abs(p - pos) <= 4 or not around & {keys[q] for q in range(p - 2, p + 3)
                                                           if 0 <= q < len(keys) and q != p})
                   for p, other in enumerate(keys))
    index = _word_index(keys)
    assert [_echoed(keys, index, pos) for pos in range(len(keys))] == [scanned(pos) for pos in range(len(keys))]


def test_a_name_s_shape_allows_the_common_particles_only() -> None:
    """"Ana de Armas" has a name's shape; "Tags do Tópico" (a Portuguese forum's "topic tags") has not: "do" is a
    particle of names too, but as often a phrase's word, and a line read as a name alone is the post's author."""
    from book.sources.text_score import _person

    assert _person("Ana de Armas") and _person("Ludwig van Beethoven")
    assert not _person("Tags do Tópico")


def test_an_update_date_alone_by_the_headline_is_taken_and_warned_of() -> None:
    """Where the page prints only when the post was updated, that day is the post's date, doubted (S324)."""
    title = "Seven things the spring taught us about tomatoes"
    for dated in ("Last updated:\n\nSep 4, 2025", "Updated on\n\nSep 4, 2025"):
        header = score_header(_lines(_copy("en", f"{title}\n\nBy Mary Jones\n\n{dated}\n\n")))
        cap = Capture(engine="text", title=title)
        settle_byline(cap, header)
        assert cap.published == "2025-09-04" and cap.published_doubt is not None, dated
    header = score_header(_lines(_copy("en", f"{title}\n\nBy Mary Jones\n\nPublished:\n\nSep 4, 2025\n\n")))
    cap = Capture(engine="text", title=title)
    settle_byline(cap, header)
    assert cap.published == "2025-09-04" and cap.published_doubt is None


def test_an_update_after_the_publication_date_on_its_line_does_not_make_it_an_update() -> None:
    cap = parse_text(_copy("en", "Seven things the spring taught us about tomatoes\n\nBy Mary Jones\n\n"
                                 "August 16, 2019 - Updated July 9, 2025\n\n"))
    assert cap.published == "2019-08-16" and cap.published_doubt is None


def test_a_threads_labelled_opening_dates_the_post() -> None:
    """A question's "asked DATE" is its date, not an answer's or an edit's printed before it."""
    from book.sources.text_header import thread_start

    lines = ["How do I sort a list?", "edited Feb 12, 2011 at 21:50", "asked Feb 11, 2011 at 23:49",
             "answered Feb 12, 2011 at 1:01"]
    assert thread_start(lines) == "2011-02-11"
    assert thread_start([" Thread starter felixen", " Start date Jul 9, 2022"]) == "2022-07-09"
    assert thread_start(["Discussion in 'Social Networks' started by Ajay, May 11, 2024."]) == "2024-05-11"
    assert thread_start(["asked 3 years ago", "Start date", "We asked Feb 11, 2011 at 23:49 and nobody came"]) is None


def test_a_labelled_byline_beside_a_labelled_date_closing_the_post_is_a_candidate() -> None:
    """"Autor: NAME / Datum: 12.03.2021" under the post: a dated field is no book's facts box ("Seiten: 400")."""
    from book.sources.text_score import _labelled_elsewhere

    lines = ["Headline Of The Post", "", "Some text of the post. " * 20, "", "Autor: Hans Müller", "Datum: 12.03.2021"]
    filled = [k for k, line in enumerate(lines) if line.strip()]
    texts = {k: lines[k] for k in filled}
    assert _labelled_elsewhere(filled, texts, range(0, 1)) == [(2, "Hans Müller")]
    book = ["Titel: Ein Buch", "Autorin: Hans Müller", "Seiten: 400"]
    assert _labelled_elsewhere([0, 1, 2], dict(enumerate(book)), range(0, 0)) == []


def test_a_name_in_the_author_box_is_found_once_the_boxes_are_read() -> None:
    from book.sources.text_score import _author_boxes, _in_author_box

    lines = ["Headline", "By Jane Doe", "text", "About the author", "Jane Doe writes about therapy.", "Other line"]
    boxes = _author_boxes(list(range(len(lines))), dict(enumerate(lines)))
    assert _in_author_box(boxes, "Jane Doe") and not _in_author_box(boxes, "Mark Smith")



def test_a_headline_glued_to_the_sites_name_is_read_without_it() -> None:
    """A copy prints "TITLE | SITE" where the site's name stands elsewhere too (its logo): the title is the part."""
    header = score_header(_lines(_copy("en", "Tomato Weekly\n\nHow the spring taught us about tomatoes | Tomato Weekly\n\n"
                                             "By Mary Jones\n\nMarch 3, 2021\n\n")))
    title = _title(header)
    assert title is not None and title[0] == "How the spring taught us about tomatoes"
    features = header.title_features[("How the spring taught us about tomatoes", title[1])]
    assert features["first part"] == 1.0 and features["rest printed elsewhere"] == 1.0


def test_a_headlines_case_and_shape_are_features() -> None:
    from book.sources.text_score import _case_features

    assert _case_features("The Best Gaming Laptops Under $1,000")["title case"] == 1.0
    assert _case_features("The best gaming laptops under $1,000")["title case"] == 0.0
    assert _case_features("VEHICLE MAINTENANCE SCHEDULE")["capitals"] == 1.0
    assert _case_features("Vehicle maintenance schedule")["capitals"] == 0.0
    assert _case_features("What is an online course?")["question"] == 1.0
    assert _case_features("Tax 101: Understanding the basics")["subtitle"] == 1.0


def test_a_line_that_is_no_candidate_offers_no_parts() -> None:
    """A row of bulleted comments (too long to be a headline) parted by its bullets gives no headline either."""
    row = "  • Comment 1: therapy is slow but worth it. " * 6
    header = score_header(_lines(_copy("en", f"A Very Long Thread\n\n{row}\n\n")))
    assert not any(value.lstrip("• ").startswith("Comment 1") for value, _, _ in header.titles)


def test_a_headline_glued_to_the_sites_name_dates_the_post_by_its_own_line() -> None:
    """The headline taken from "TITLE | SITE": its byline and date are read by that line, not by the title's copy
    in a list of posts under the text (which dated the post by another post's date)."""
    text = ("How the spring planting went this year | Tomato Weekly\n\nBy Mary Jones\n\nMarch 3, 2021\n\n"
            + _PROSE["en"] + "\n\n" + _PROSE["en"] + "\n\nRecent posts\n\n"
            "How the spring planting went this year\n\nBob Stone\n\nJuly 9, 2019\n")
    cap = parse_text(text)
    assert cap.title == "How the spring planting went this year"
    assert cap.published == "2021-03-03"


def test_a_line_in_a_script_without_case_is_not_in_capitals() -> None:
    from book.sources.text_score import _case_features

    for line in ("春天的种植今年怎么样了呢朋友们", "كيف كانت الزراعة في الربيع هذا العام", "इस साल वसंत की बुवाई कैसी रही"):
        assert _case_features(line)["capitals"] == 0.0
    assert _case_features("HOW THE SPRING WENT")["capitals"] == 1.0


def test_a_line_of_separators_alone_is_no_headline() -> None:
    text = "| | |\n\nBy Mary Jones\n\nMarch 3, 2021\n\n" + _PROSE["en"] + "\n\n" + _PROSE["en"] + "\n"
    assert parse_text(text).title != "| | |"


def test_a_name_read_twice_on_its_line_is_one_candidate_by_its_strongest_shape() -> None:
    """"von NAME" under the headline reads as a label's value and as a metadata line: one candidate, the label's,
    so that the model neither weighs it by the weaker shape nor counts it twice."""
    header = score_header(_lines(_copy("de", "Wir unterstützen die Demo\n\nvon flerche\n\n21. September 2019\n\n")))
    named = [(value, line) for value, line, _ in header.authors if value == "flerche"]
    assert len(named) == 1
    assert header.author_features[named[0]]["after a byline label"] == 1.0


def test_a_bylines_value_ends_at_its_date_and_a_glued_handle() -> None:
    from book.sources.text_score import _labelled_name

    assert _labelled_name("Chris Pokorny@DawgsByNature Nov 18, 2019, 11:47am EST") == "Chris Pokorny"
    assert _labelled_name("Mary Jones 12 May 2020") == "Mary Jones"
    assert _labelled_name("Theresa May") == "Theresa May"


def test_dated_entries_of_a_list_are_a_list_not_a_byline() -> None:
    from book.sources.text_score import _dated_entries

    assert _dated_entries("13.02.2020 20:00 Stammtisch", "06.02.2020 20:00 Vorstandssitzung")
    assert _dated_entries("13.02.2020 20:00 Stammtisch", "06.02.2020 20:00 Stammtisch")
    assert not _dated_entries("Mary Jones", "March 3, 2021")                 # a byline over its date
    assert not _dated_entries("13.02.2020 Stammtisch", "Mary Jones 3 March 2021")   # the date first in one only


def test_a_name_signed_under_the_texts_last_sentence_is_a_candidate() -> None:
    """A columnist's name alone under the text's last sentence, the site's links under it: a candidate marked as
    signed; a heading the prose prints in lower case ("More stories") is none, nor is a name over more text."""
    text = ("Home\n\nWhy tutors matter\n\n" + (_PROSE["en"] + "\n\n") * 4
            + "A version of this post also appeared in the Register.\n\nHalina Goetz\n\nBrowse Related:\n\nFaculty\n\n"
            + "Read more stories here.\n\nMore Stories\n\nContact\n")
    header = score_header(_lines(text))
    signed = [value for value, line, _ in header.authors if header.author_features[(value, line)].get("signed under the text")]
    assert signed == ["Halina Goetz"]
    inside = ("Home\n\nWhy tutors matter\n\n" + (_PROSE["en"] + "\n\n") * 8 + "It ends here, as all things do.\n\n"
              + "Peter Smith\n\n" + _PROSE["en"] + "\n")
    header = score_header(_lines(inside))
    assert not any(header.author_features[(value, line)].get("signed under the text") for value, line, _ in header.authors)


def test_a_dates_label_over_unsettled_figures_dates_the_name_over_it() -> None:
    from book.sources.text_score import _dated

    assert _dated("Publié le 01/06/18 à 23h03 — Mis à jour le 01/06/18 à 23h10")
    assert _dated("Updated: 3/4/21")
    assert not _dated("Published in the Register")
