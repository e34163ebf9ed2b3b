"""Spam and promotions: prose that is not a writer's contribution.

A comment is spam when it is a link farm, offers pills, money or gambling, or
advertises a service without taking part in the conversation. A post paragraph
is a promotion when it sells something ("*** Now Available: ... ***"). Both are
removed from the units but kept in ``dropped`` so the editor can review them.
Rules are deliberately conservative: losing a genuine comment is worse than
keeping an odd one.
"""

from __future__ import annotations

import re

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PILLS_AND_MONEY = re.compile(
    r"\b(?:viagra|cialis|levitra|kamagra|tramadol|xanax|valium|phentermine|pharmacy|pills? online|"
    r"casino|poker|slots?|betting|sportsbook|payday loans?|cash loans?|loan offers?|bitcoin|crypto(?:currency)?|"
    r"forex|binary options|make money (?:online|fast)|earn \$?\d+|work from home|replica (?:watch|bag)s?|"
    r"cheap (?:\w+ )?(?:online|for sale)|buy \w+ online|escort|weight loss pills?|essay writing service|"
    r"seo services?|backlinks?|hack(?:ed)? (?:account|whatsapp|instagram)|spell ?caster|love spells?)\b",
    re.IGNORECASE,
)
_COMMERCIAL = re.compile(
    r"\b(?:services? in [A-Z][a-z]+|near me|affordable|best price|discount|buy now|order now|free shipping|"
    r"visit (?:our|my) (?:website|site|page|blog)|check out (?:our|my) (?:website|site|services?)|our website|"
    r"contact us|call us|click here|sign up (?:now|today)|limited (?:time )?offer|we offer|we provide|our team|"
    r"our services|solutions|professional \w+ services|top[- ]rated|book (?:a|your) (?:free )?(?:consultation|appointment))\b"
)
_AD_LABEL = re.compile(r"(?:advertisement|advertising|advert|sponsored(?: (?:post|content|links?))?|ads?|"
                       r"anzeige|werbung|publicité|publicidad|pubblicità|reclame|advertentie|реклама|广告|廣告)",
                       re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|me|myself)\b")
_PRAISE_ONLY = re.compile(r"^(?:great|nice|good|awesome|wonderful|very (?:good|nice|informative)|thanks? for sharing|"
                          r"informative)\b.{0,80}$", re.IGNORECASE)
_COMMERCIAL_NAME = re.compile(r"(?:\.com\b|\.net\b|\bservices?\b|\bloans?\b|\bcheap\b|\bonline\b|\bSEO\b|\bcasino\b|"
                              r"\binsurance\b|\bclinic\b|\bagency\b|\brehab\b|\bcenter\b|\bcentre\b)", re.IGNORECASE)


LINK_FARM = "spam: link farm"


def spam_reason(text: str, author: str | None = None, links: int | None = None) -> str | None:
    """Return why a comment is spam ("link farm", "pills and money", "advertisement"), or None.

    ``links`` is the number of links in an HTML comment; text captures count URLs.
    """
    urls = len(_URL.findall(text)) if links is None else max(links, len(_URL.findall(text)))
    words = len(text.split())
    if (urls >= 3 and words < 40 * urls or urls >= 2 and words < 60) and not _conversing(text):
        return LINK_FARM                 # links, not prose: a long argument citing its sources is a comment
    if author and _AD_LABEL.fullmatch(author.strip()):
        return "spam: advertisement"     # an ad set in the thread as a message, signed by its label
    if _PILLS_AND_MONEY.search(text) or (author and _PILLS_AND_MONEY.search(author)):
        return "spam: pills and money"
    commercial = len(_COMMERCIAL.findall(text))
    personal = bool(_FIRST_PERSON.search(text))
    if commercial >= 1 and not personal and words < 120:
        return "spam: advertisement"
    if author and _COMMERCIAL_NAME.search(author) and (urls or commercial):
        return "spam: advertisement"
    if urls and words < 25 and _PRAISE_ONLY.match(_URL.sub("", text).strip()):
        return "spam: link with generic praise"
    return None


def _conversing(text: str) -> bool:
    """A comment that takes part in the conversation around its links: it asks something or speaks for
    its writer in a sentence or two of its own. A link farm's words are its links and their anchors."""
    prose = _URL.sub(" ", text)
    own = len(prose.split())
    return own >= 12 and ("?" in prose or bool(_FIRST_PERSON.search(prose))) and not _PILLS_AND_MONEY.search(prose)


_PROMOTION = re.compile(
    r"^(?:\*{2,}.*\*{2,}|(?:now available|available now|out now|pre-?order|buy (?:the|my|our) (?:new )?(?:book|e-?book|course)|"
    r"get (?:your|my|the) (?:free )?(?:copy|e-?book|guide)|download (?:my|our|the|your) free|"
    r"sign up for (?:my|our|the) newsletter|subscribe to (?:my|our|the) newsletter|"
    r"join (?:my|our) mailing list|book (?:a|your) (?:free )?(?:consultation|session|call))\b.*)$",
    re.IGNORECASE,
)
_SELLING = re.compile(r"\b(?:amazon|kindle|e-?book|books?|paperback|audiobook|order|buy|download|newsletter|course|"
                      r"workshop|sale|discount|shop|store|consultation|subscribe)\b", re.IGNORECASE)


def is_promotion(paragraph: str) -> bool:
    """A paragraph that sells: a starred banner or a "Now available" line that names a product or shop."""
    para = paragraph.strip()
    if len(para) > 400 or not _PROMOTION.match(para):
        return False
    return bool(_SELLING.search(para))
