"""Browser copies of French and Croatian blog and news threads (batch `ro1`): a reply button glued after a
comment's date in the page's language, a numeric date with a French time connector, "Ping: TITLE" pingbacks and
long linking titles, a theme's counter glued to its number, Canalblog's signatures under the text, and Blogger's
name glued to a day-first date and its "Ajouter un commentaire" form.

Each test is one mechanism on a small copy written for the test, the way Chromium copies such pages.
"""

from __future__ import annotations

from book.sources import chrome
from book.sources.capture_text import parse_text
from book.sources.dates import date_line
from book.sources.text_lines import name_date

from .helpers import MORE, PROSE

HEAD = "Le jardin au printemps\n\nPublié le 11 novembre 2014 par Anne Martin\n\n" + PROSE + "\n\n" + MORE + "\n\n"


def units(text: str) -> list[tuple[str, str | None, int | None]]:
    return [(unit.kind, unit.author, unit.parent) for unit in parse_text(text).units[1:]]


def test_a_numeric_date_with_a_french_time_connector_is_a_date_line() -> None:
    """"12/11/2014 à 5:35": a date (day and month are ambiguous, so no ISO date), as "at" would be."""
    found = date_line("12/11/2014 à 5:35")
    assert found is not None and found.iso is None
    assert date_line("23/03/2016 à 10:21").iso == "2016-03-23"
    assert date_line("12/11/2014 à la plage") is None


def test_a_name_over_a_date_and_the_french_reply_button() -> None:
    """WordPress.com's French theme: " NAME" over "DATE à TIME Réponse", the button glued to the date line."""
    text = (HEAD + "3 réflexions sur “Le jardin au printemps”\n\n anne\n\n12/11/2014 à 5:35 Réponse\n\n"
            "Désolée, mais le jardin n’est pas une construction sociale du tout.\n\nJ'aimeJ'aime\n\n VM\n\n"
            "12/11/2014 à 7:18 Réponse\n\nLes études que vous évoquez sont en réalité très contestables.\n\n"
            "Votre commentaire\n\nEntrez votre commentaire...\n\nRecherche\n\nArticles récents\n")
    assert [(kind, author) for kind, author, _parent in units(text)] == [("comment", "anne"), ("comment", "VM")]


def test_ping_lines_and_long_linking_titles_are_pingbacks() -> None:
    """"Ping: TITLE" (some WordPress.com themes) and a "Pingback:" line whose linking title runs past 160
    characters each name a linking page."""
    long_title = "« Entre franche camaraderie et amours socratiques : l’espace trouble " * 3 + "– Les Nuances de Dave"
    text = (HEAD + "4 réflexions sur “Le jardin au printemps”\n\nPing: Blackness & black feminism | Pearltrees\n\n"
            " Marquise dit :\n\ndécembre 4, 2013 à 23:04\n\nTon article me fait tellement penser à ce qui se passe "
            "ailleurs.\n\nRéponse\n\nPingback: " + long_title + "\n\nPing: Définitions | Pearltrees\n\n"
            "Laisser un commentaire\n")
    assert [(kind, author) for kind, author, _parent in units(text)] == [
        ("pingback", "Blackness & black feminism | Pearltrees"), ("comment", "Marquise"), ("pingback", long_title),
        ("pingback", "Définitions | Pearltrees")]


def test_counters_glued_to_their_number_and_in_more_languages() -> None:
    assert chrome.counted("9commentaires") == 9
    assert chrome.counted("27 réflexions sur “Le genre”") == 27
    assert chrome.counted("Komentari 9") == 9 and chrome.counted("12 comentários") == 12
    assert chrome.is_comment_counter('Commentaires sur "Va mener les vrais combats ailleurs"')
    assert not chrome.is_comment_counter("9 commentaires sont arrivés hier et je les ai lus")


def test_a_numbered_theme_whose_counter_is_glued_to_its_number() -> None:
    """"9commentaires" over "1" / "NAME le DATE à TIME" / "Réponse": the thread starts at the counter."""
    text = (HEAD + "2commentaires\n\nAjoutez le vôtre\n\n1\n\nTamarara12 le 18 octobre 2015 à 18:21\n\nRéponse\n\n"
            "C’est drôle, parce que ce rappeur a oublié ce que le monde sait déjà.\n\n2\n\n"
            "Marco le 18 octobre 2015 à 18:39\n\nRéponse\n\nJ’adore l’argument « le monde n’est pas encore prêt ».\n\n"
            "Commenter\n\nEntrez votre commentaire...\n")
    assert [author for _kind, author, _parent in units(text)] == ["Tamarara12", "Marco"]


def test_canalblog_signatures_under_the_text_with_their_buttons() -> None:
    text = (HEAD + 'Commentaires sur "Le jardin au printemps"\n\nA votre attention\n\n'
            "Je m'appelle Rousse et je voudrais vous parler de mon propre jardin aujourd'hui.\n\n"
            "Posté par Rousse, 13 mars 2019 à 13:35 | | Répondre\n\n"
            "J’ai lu votre article avec plaisir et je vous en remercie beaucoup, madame.\n\n"
            "Posté par Vivianne, 17 mars 2020 à 19:37 | | Répondre\n\nNouveau commentaire\n\nAnnuler la réponse\n\n"
            " Recevoir un email lorsqu'un commentaire est publié sur ce message.\n\nPublier\n")
    assert units(text) == [("comment", "Rousse", None), ("comment", "Vivianne", None)]


def test_a_name_glued_to_a_day_first_date() -> None:
    """Blogger copies its avatar's boundary as nothing: "Anonyme25 janvier 2017 à 10:51"."""
    assert name_date("Sophie Gourion25 janvier 2017 à 11:13")[0] == "Sophie Gourion"
    assert name_date("Anonyme25 janvier 2017 à 10:51")[1].iso == "2017-01-25"
    assert name_date("Max Muster19. Juni 2019")[0] == "Max Muster"


def test_bloggers_french_form_ends_the_thread() -> None:
    text = (HEAD + "2 commentaires:\n\nAnonyme25 janvier 2017 à 10:51\n\nBonjour Sophie, as-tu vu ça sur le site ?\n\n"
            "RépondreSupprimer\n\nRéponses\n\nRépondre\n\nSophie Gourion25 janvier 2017 à 11:13\n\n"
            "Ah non j'avais loupé ça! Au secours!\n\nRépondreSupprimer\n\nAjouter un commentaire\n\n"
            "Charger la suite...\n\nArticle plus récent Article plus ancien Accueil\n\n"
            "Inscription à : Publier les commentaires (Atom)\n\nLe blog de mon fils!\n\nArchives du blog\n")
    assert [(kind, author) for kind, author, _parent in units(text)] == [("comment", None),
                                                                         ("comment", "Sophie Gourion")]


def test_a_long_title_and_its_date_over_an_excerpt_is_a_pingback() -> None:
    """"TITLE DATE" on one line, as the comments' "NAME DATE", over "[…] excerpt": the linking page."""
    title = "[Végéphobie?] Suicide d’un écolier – Webzine végane – actualités, animaux, recettes, santé, astuces"
    text = (HEAD + "2 commentaires\n\nMatmout 18 octobre 2017 at 16 h 44 min\n\nDu coup comme ça m’intéresse de "
            "réfléchir à ça, je vais tenter de reprendre point par point.\n\n" + title + " 27 novembre 2017 at 12 h 00 "
            "min\n\n[…] Ce terme crée d’ailleurs la polémique depuis plusieurs années […]\n\n« 1 2\n\nInstagram\n")
    assert [(kind, author) for kind, author, _parent in units(text)] == [("comment", "Matmout"), ("pingback", title)]
