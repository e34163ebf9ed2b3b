"""Whether a title the importer read looks like a headline at all.

Every reader of a page's header (markup, a text copy's byline and date lines, a breadcrumb trail)
can land on the wrong line: a menu entry, a row of share buttons, a date, the writer's name, the
link to the next post. Measured on pages nobody here had tuned on, most wrong titles were of these
kinds and came with no warning. Whatever reader chose the title, this looks at the result: a title
of one of these shapes is kept (there may be nothing better) but the editor is told why it is in
doubt (S323), so that a wrong title is never printed in silence.
"""

from __future__ import annotations

import re
import unicodedata

from book.sources import chrome
from book.sources.dates import find_date, is_date_line
from book.sources.text_lines import UPDATE_LABEL

# Words of a page's interface, in the languages the importer reads: a title made of them is a
# button row, a menu or a label, not a headline.
_INTERFACE_WORDS = frozenset("""
    share shares shared via follow following report reply replies comment comments comentarios comentario
    kommentar kommentare commentaires commentaire commenti reacties sections section menu search subscribe
    newsletter login log sign signin signup register home startseite accueil inicio facebook twitter x
    flipboard whatsapp linkedin pinterest reddit telegram instagram youtube tiktok mastodon threads bluesky
    e-mail email mail print drucken imprimer teilen partager compartir condividi delen share-this
    sin keine aucun no nessun geen this post article artikel me us on as at auf sur en the der die das le la
    editor redaktion rédaction redacción redazione staff admin author autor auteur autore
    news nachrichten actualités noticias notizie blog more mehr plus más weiterlesen lire leer read
    rss feed tags tag labels label categories category kategorie kategorien catégories archive archives
    bei von of de sur ratings rating bewertungen bewertung reviews review votes stimmen avis valoraciones
""".split())
_STRONG_INTERFACE = frozenset("""
    share via follow report reply comments comentarios kommentare commentaires commenti sections menu search
    subscribe newsletter login signin signup register facebook twitter flipboard whatsapp linkedin pinterest
    reddit telegram instagram e-mail email print drucken teilen partager compartir condividi editor rss tags
    ratings bewertungen reviews votes valoraciones
""".split())
# A menu's overflow button ("More"), a headline only in no language the importer reads.
_MORE = frozenset({"more", "mehr", "plus", "más", "altro", "meer", "mais", "więcej", "ещё", "еще"})
_HANDLE = re.compile(r"@\w+")
_WORD = re.compile(r"[\w'’-]+")
_UPDATE_START = re.compile(rf"^(?:{UPDATE_LABEL}|published|posted|veröffentlicht|publié|publicado|pubblicato)\b",
                           re.IGNORECASE)
_TRAIL_SEPARATORS = re.compile(r"\s[»›>/|]\s")
_ARROW_START = re.compile(r"^\s*[←‹«]")
_ARROW_END = re.compile(r"[→›»]\s*$")
_SENTENCE_PUNCTUATION = re.compile(r"[.,;:!?…\"“”«»]")
# A picture's caption or credit: a label before the credit ("Foto: NAME / MTI", "… Bild: NAME / AP") or an agency's or the
# archive's credit closing it ("… Arkivbild.", "(Getty Images)"). A copy's reader may land on the caption
# under the lead picture, between the headline and the text.
_CAPTION = re.compile(r"^(?:source|quelle)\s*:|(?:^|\s)(?:foto|fotó|photo|photograph|bild|image|kép|zdjęcie|"
                      r"credit|crédit)\s*:"
                      r"|\b(?:arkivbild|archivbild|archive photo|getty images|shutterstock|imago|picture alliance)"
                      r"\W{0,3}$|©", re.IGNORECASE)
# An address or a link: a contact line ("… news@site.example …"), never a headline.
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.\w", re.IGNORECASE)
# A conjunction in small letters opening the line: the middle of a sentence (a line of the text wrapped
# in the copy), not a headline's start.
_CONTINUATION = re.compile(r"^(?:and|but|or|then|which|because|und|oder|aber|sondern|denn|weil|dass|et|mais|ou|donc|"
                           r"pero|sino|porque|ma|però|perché|en|maar|omdat)\s", re.UNICODE)


def doubt(title: str | None, author: str | None = None, site: str | None = None) -> str | None:
    """Why ``title`` may not be the page's headline, in words for the editor; None when it reads
    like one. Only shapes a headline never has are doubted: a long or odd headline passes."""
    if not title or not title.strip():
        return None
    text = " ".join(title.split())
    key = _key(text)
    reasons = (
        (author and key == _key(author), "it is the writer's name"),
        (site and key == _key(site), "it is the site's name"),
        (chrome.is_chrome_line(text), "it reads like the page's furniture (a menu, share or comment link)"),
        (_date_line(text), "it is a date line"),
        (len(_TRAIL_SEPARATORS.findall(text)) >= 2, "it is a breadcrumb trail"),
        (_other_post(text), "it is a link to another post"),
        (_interface(text), "it is made of the page's interface words (share, follow, comments, a menu)"),
        (_tag_row(text), "it is a row of tags in capitals"),
        (_mostly_figures(text), "it is mostly figures"),
        (bool(_CAPTION.search(text)), "it reads like a picture's caption or credit"),
        (bool(_ADDRESS.search(text)), "it holds an e-mail address or a link"),
        (bool(_CONTINUATION.match(text)), "it starts in the middle of a sentence"),
    )
    return next((reason for hit, reason in reasons if hit), None)


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).strip(" .:|-–—")


def _date_line(text: str) -> bool:
    """A date with little else ("March 3, 2021", "Updated: 9.45pm"), or an update's label."""
    if _UPDATE_START.match(text) and (re.search(r"\d", text) or len(_WORD.findall(text)) <= 4):
        return True                     # "Updated: 9.45pm"; not "Update on the case of the missing painting"
    if is_date_line(text):
        return True
    found = find_date(text)
    return found is not None and len(_WORD.findall(text)) <= 5


def _other_post(text: str) -> bool:
    """An arrow before or after it ("← Previous", "Next post →"); guillemets that quote are not arrows."""
    if _ARROW_START.search(text):
        return not (text.lstrip().startswith("«") and "»" in text)
    if _ARROW_END.search(text):
        return not (text.rstrip().endswith("»") and "«" in text)
    return False


def _interface(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(_HANDLE.sub(" ", text)) if not w.replace(",", "").isdigit()]
    if not words or len(words) > 8:
        return False
    if len(words) == 1:                 # "More", "Mehr": a menu's overflow button, alone on its line
        return words[0] in _STRONG_INTERFACE or words[0] in _MORE
    return sum(w in _INTERFACE_WORDS for w in words) >= 0.75 * len(words) and any(w in _STRONG_INTERFACE
                                                                                  for w in words)


def _tag_row(text: str) -> bool:
    """Four or more words in capitals with no punctuation between them: a site's tag list. Capitals only
    where the script has them: a Chinese headline, having no case, is never "in capitals"."""
    words = text.split()
    return len(words) >= 4 and text.upper() == text and any(c.isupper() for c in text) \
        and not _SENTENCE_PUNCTUATION.search(text)


def _mostly_figures(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    return digits >= 2 and digits >= letters
