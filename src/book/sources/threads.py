"""Attribution across a thread: the post's author, sign-offs, greetings, initials.

Runs after either parser. The order of evidence: an explicit field (HTML
metadata, "Name says:"), then the writer's own sign-off, then the greeting of a
reply (which names the author of the comment it answers). Initials that match
the post's author mean the post's author. Whatever stays unknown is left
``None`` and reported, never guessed.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from book.sources.attribution import (
    blog_name_near,
    expand_initials,
    greeting,
    initials_of,
    is_initials,
    sign_off,
)
from book.sources.capture import Capture, RawUnit


def attribute(cap: Capture) -> None:
    """Fill in authors on the post and comments of ``cap`` in place; add notes for unknowns."""
    post = cap.post
    signature = sign_off(post.lines) if post else None
    if post and not cap.author and signature:
        cap.author, cap.author_how = signature.name, "sign-off"
    _expand_post_author(cap)
    if post is not None:
        post.author, post.author_how = cap.author, cap.author_how
    if cap.author and not cap.site and not is_initials(cap.author):
        cap.site = blog_name_near(cap.author, "\n".join(u.text for u in cap.units[1:]))
    post_names = [n for n in (cap.author, signature.name if signature else None) if n]
    for unit in cap.units[1:]:
        _from_sign_off(unit, post_names, cap.author)
    for index, unit in enumerate(cap.units[1:], start=1):
        _from_greeting(index, unit, cap, post_names)
    if post is not None and post.author is None and post.text:
        cap.notes.append(("{0}: the post's author is unknown (no byline or sign-off); use --author", (0,)))
    for index, unit in enumerate(cap.units[1:], start=1):
        if unit.author is None:
            cap.notes.append(("{0}: author unknown (no name, sign-off or greeting found)", (index,)))


def _expand_post_author(cap: Capture) -> None:
    """"JS" -> "Jeffrey Smith" when exactly one name in the capture has those initials."""
    if not cap.author or not is_initials(cap.author):
        return
    everything = "\n".join([cap.title or ""] + [u.text for u in cap.units])
    full = expand_initials(cap.author, everything)
    if full:
        cap.author, cap.author_how = full, "initials"


def _from_sign_off(unit: RawUnit, post_names: list[str], post_author: str | None) -> None:
    """A comment with no name of its own takes its writer's sign-off; initials that are the post's writer's
    become the byline. A name the comment prints stays as printed: "Robyn Buchanan" answering under the
    byline "Robyn", or "Kristin" under "Kristin Addis", is who the page shows (the same person, one a
    shorter spelling), and the book quotes the page."""
    found = sign_off(unit.lines)
    if found is None:
        if unit.author and post_author and is_initials(unit.author) \
                and any(same_person(unit.author, n) for n in post_names):
            unit.author = post_author
        return
    if unit.author:                       # explicit metadata wins; a matching signature changes nothing
        return
    if post_author and any(same_person(found.name, name) for name in post_names):
        unit.author, unit.author_how = post_author, "initials" if is_initials(found.name) else "sign-off"
    else:
        unit.author, unit.author_how = found.name, "sign-off"


def _from_greeting(index: int, unit: RawUnit, cap: Capture, post_names: list[str]) -> None:
    """A reply that opens "Dear Pop–" names the author of the comment it answers."""
    if unit.parent is None or unit.parent == 0:
        return
    name = greeting(unit.lines)
    if not name:
        return
    parent = cap.units[unit.parent]
    if cap.author and any(same_person(name, n) for n in post_names):
        name = cap.author
    if parent.author is None:
        parent.author, parent.author_how, parent.author_from = name, "greeting", index
    elif not same_person(parent.author, name):
        said, known = _brace(repr(name)), _brace(repr(parent.author))
        cap.notes.append((f"{{0}} greets {said} but answers {{1}}, attributed to {known}",
                          (index, unit.parent)))


def same_person(a: str | None, b: str | None) -> bool:
    """"JS" ~ "Jeffrey Smith"; "Jeff" or "Jeffery" ~ "Jeffrey Smith"; case does not matter."""
    if not a or not b:
        return False
    a, b = a.strip(), b.strip()
    if a.casefold() == b.casefold():
        return True
    if is_initials(a) or is_initials(b):
        return initials_of(a) == initials_of(b) and len(initials_of(a)) >= 2
    first_a, first_b = a.split()[0].casefold(), b.split()[0].casefold()
    if len(a.split()) == 1 or len(b.split()) == 1:
        short, long = (first_a, first_b) if len(first_a) <= len(first_b) else (first_b, first_a)
        return (len(short) >= 3 and long.startswith(short)) or fuzz.ratio(first_a, first_b) >= 85
    return False


def _brace(text: str) -> str:
    """Escape braces so a name can sit inside a message template."""
    return text.replace("{", "{{").replace("}", "}}")
