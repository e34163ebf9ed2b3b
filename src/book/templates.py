"""The Jinja2 environment: the manuscript's ``styles/`` first, then the package defaults.

Markdown templates (``*.md.j2``) are not autoescaped; XHTML templates
(``*.xhtml.j2``) are, so a title with ``&`` or ``<`` can never break the markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import jinja2

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@])")


def md_escape(text: object) -> str:
    """Escape a plain string (a name, a title) for safe use inside Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def blockquote(text: str) -> str:
    """Prefix every line with ``> `` so a multi-paragraph quotation stays one block quote."""
    return "\n".join(("> " + line) if line.strip() else ">" for line in text.split("\n"))


def make_environment(styles_dirs: Sequence[Path]) -> jinja2.Environment:
    """A strict environment: an undefined variable in a template is an error, not blank text."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in styles_dirs]),
        autoescape=lambda name: bool(name) and name.endswith((".xhtml.j2", ".xml.j2")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Pandoc's attribute syntax "{#id}" would open a Jinja comment; use "{## … ##}" instead.
        comment_start_string="{##",
        comment_end_string="##}",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.filters["blockquote"] = blockquote
    return env


def find_style_file(styles_dirs: Sequence[Path], name: str) -> Path:
    """The first ``styles/<name>`` in lookup order (the manuscript's own wins)."""
    for directory in styles_dirs:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)
