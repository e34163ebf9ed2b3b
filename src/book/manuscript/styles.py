"""The book's styles: templates, CSS, Typst files and fonts, the manuscript's ``styles/`` first.

One :class:`Styles` object per set of style folders answers every lookup of a run:
``find`` a file, the Jinja2 ``environment`` and the ``font_dirs``. Markdown templates
(``*.md.j2``) are not autoescaped; XHTML and HTML templates (``*.xhtml.j2``, ``*.html.j2``) are, so a title with
``&`` or ``<`` can never break the markup.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import jinja2
import jinja2.sandbox

from book.model import Manuscript
from book.support.diagnostics import BookError, Report

PACKAGE_STYLES = Path(__file__).resolve().parent.parent / "styles"   # the defaults shipped in the wheel
COMPILED_TEMPLATES = PACKAGE_STYLES.parent / "__pycache__"
"""Where the package's own templates are kept compiled (:class:`PackageTemplateCache`): beside the
package's bytecode, which Python already writes and trusts."""

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@&])")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n][\s]*")


def md_escape(text: object) -> str:
    """Escape a plain string (a name, a title) for safe use inside Markdown: on one line, since the
    templates put it inside a heading or a span (a title written ``"A\\n\\n# B\\n\\n::: x"`` broke the
    chapter's heading, lost its id and opened a div), with every character pandoc reads as markup,
    an entity's ``&`` too, escaped."""
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))


def blockquote(text: str) -> str:
    """Prefix every line with ``> `` so a multi-paragraph quotation stays one block quote."""
    return "\n".join(("> " + line) if line.strip() else ">" for line in text.split("\n"))


AUTOESCAPED = (".xhtml.j2", ".xml.j2", ".html.j2")
SYNTAX = {"keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True,
          # Pandoc's attribute syntax "{#id}" would open a Jinja comment; use "{## … ##}" instead.
          "comment_start_string": "{##", "comment_end_string": "##}"}
"""What, beside a template's text, decides the code Jinja2 compiles it to (with the sandbox and
Jinja2's own version): part of :class:`PackageTemplateCache`'s keys."""


class PackageTemplateCache(jinja2.BytecodeCache):
    """The package's own templates, compiled once and kept in the package's ``__pycache__``.

    Jinja2 compiles every template a run uses (about 5 ms each; a one-chapter rebuild uses ten, a
    tenth of its own work). Only the package's templates are kept, and only beside the package's
    bytecode, which Python trusts as it trusts the package: a manuscript's templates are compiled
    afresh, and nothing compiled is ever read from the manuscript or the build folder, whose files
    are data (a manuscript's link to a package file is the manuscript's: see :meth:`get_cache_key`).
    Jinja2 drops a kept template whose text changed; the key holds the rest.
    A package that cannot be written (a system install) compiles as before."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else COMPILED_TEMPLATES

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """A key for a template of the package, loaded by its own name; ``""`` (never kept) for any other.

        The file must be the package's file of that name as the loader found it, links not followed:
        Jinja2 compiles escaping from the name a template is loaded under, so a manuscript's
        ``styles/half.md.j2`` linked to the package's ``half-title.xhtml.j2`` compiles unescaped and must
        never be kept under the package file's key. The key holds everything else the compiled code
        depends on: the name, the sandbox, the syntax, this module's filters (by its own bytes), Jinja2's
        version and the Python that compiled it."""
        if filename is None or os.path.abspath(filename) != os.path.abspath(PACKAGE_STYLES / name):
            return ""
        setting = repr((name, "sandboxed", AUTOESCAPED, sorted(SYNTAX.items()), "StrictUndefined",
                        jinja2.__version__, sys.implementation.cache_tag, _this_module()))
        return hashlib.sha256(setting.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"template-{key}.jinja"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not bucket.key:
            return
        try:
            data = self._path(bucket.key).read_bytes()
        except OSError:
            return
        bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Written whole or not at all (another process may be reading it), with the mode the umask gives, as
        Python's own bytecode is; silently not when the package's folder cannot be written, nor
        when Python is told to write no bytecode (``PYTHONDONTWRITEBYTECODE``, ``-B``)."""
        if not bucket.key or sys.dont_write_bytecode:
            return
        from book.support.files import new_temporary

        try:
            self.folder.mkdir(exist_ok=True)
            fd, tmp = new_temporary(self.folder, "")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(bucket.bytecode_to_string())
            os.replace(tmp, self._path(bucket.key))
        except OSError:
            Path(tmp).unlink(missing_ok=True)


@lru_cache(maxsize=1)
def _this_module() -> str:
    """The SHA-256 of this module's source: the filters a compiled template calls are defined here, and
    Jinja2 compiles how each is called (``pass_context`` or not) into the template's code."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def make_environment(styles_dirs: Sequence[Path]) -> jinja2.Environment:
    """A strict environment: an undefined variable in a template is an error, not blank text.

    Sandboxed, because a manuscript's ``styles/`` may override any template: a template reaches the
    book's data, never Python (``cycler.__init__.__globals__.os`` ran a shell command at build time);
    what it tries is a template error (E501)."""
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in styles_dirs]),
        autoescape=lambda name: bool(name) and name.endswith(AUTOESCAPED),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=PackageTemplateCache(),
        **SYNTAX,
    )
    env.filters["md"] = md_escape
    env.filters["blockquote"] = blockquote
    env.filters["tie"] = tie
    env.filters["attr"] = attribute_value
    return env


def render_template(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render the template ``name``; a failure is E501 naming the template's file (and line when
    Jinja knows it), since a manuscript's ``styles/`` may override any of them: a syntax error, an
    undefined variable, or something the sandbox refuses is the editor's to correct, never an
    internal error."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        path, line = _template_place(exc, env, name)
        raise BookError(f"template error: {getattr(exc, 'message', None) or exc}", "E501", path, line) from None


def _template_place(exc: jinja2.TemplateError, env: jinja2.Environment, name: str) -> tuple[Path | None, int | None]:
    """The template file and line a Jinja error points at: the syntax error's own, else the deepest
    frame of the traceback that runs a template, else the file ``name`` is loaded from."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Path(exc.filename), exc.lineno
    tb = exc.__traceback__
    found: tuple[Path | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = Path(filename), tb.tb_lineno
        tb = tb.tb_next
    if found[0] is None:
        try:
            found = Path(env.loader.get_source(env, name)[1] or name), None
        except jinja2.TemplateNotFound:
            found = Path(name), None
    return found


def attribute_value(text: str) -> str:
    """Text for a double-quoted value of pandoc's attribute syntax (``{data-writer="..."}``)."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"')


TIE_UP_TO = 32      # characters: a longer name may break, or it would stick out of a narrow measure


def tie(text: str) -> str:
    """A short name of a work or site with no-break spaces, so that no line ends inside it
    ("Moments of / Change"). For both editions: the EPUB's reader breaks lines too."""
    return text.replace(" ", "\u00a0") if len(text) <= TIE_UP_TO else text


TRUST_LUA = "BOOK_TRUST_LUA"


def untrusted_lua(path: Path) -> bool:
    """Whether ``path`` is a Lua filter from outside the package that nobody has vouched for.

    Pandoc runs a Lua filter as a program, with the rights of whoever builds the book
    (``os.execute``, ``io.open``, ``pandoc.pipe``); a manuscript from someone else that carries
    one would run it on this machine. Typst templates and Jinja templates are sandboxed; a filter
    cannot be. So a manuscript's own filter runs only when ``BOOK_TRUST_LUA=1`` is set by the
    person building, never by anything in the manuscript."""
    if path.suffix != ".lua" or os.environ.get(TRUST_LUA) == "1":
        return False
    return not path.resolve().is_relative_to(PACKAGE_STYLES.resolve())


def refuse_lua(report: Report, path: Path) -> None:
    """E250 for an untrusted filter: what it would do, and how the builder may allow it."""
    report.error("E250", f"a Lua filter in the manuscript runs as a program on this machine when the book is "
                         f"built: set {TRUST_LUA}=1 to build with it only if you wrote it or trust whoever did", path)


def find_style_file(styles_dirs: Sequence[Path], name: str) -> Path:
    """The first ``styles/<name>`` in lookup order (the manuscript's own wins)."""
    for directory in styles_dirs:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)


@dataclass(frozen=True)
class Styles:
    """Where a run finds its templates, styles and fonts: the manuscript's ``styles/``, then the package's."""

    dirs: tuple[Path, ...]

    @staticmethod
    def of(manuscript: Manuscript) -> "Styles":
        """The styles of a manuscript; built once per set of folders, so its environment is shared."""
        return _styles(manuscript.styles_dirs)

    def find(self, name: str) -> Path:
        """The first ``styles/<name>`` in lookup order; FileNotFoundError when none has it.

        A Lua filter other than the package's own is refused (E250) unless the person building
        has said they trust it: see :func:`untrusted_lua`."""
        path = find_style_file(self.dirs, name)
        if untrusted_lua(path):
            report = Report()
            refuse_lua(report, path)
            raise BookError(report)
        return path

    @cached_property
    def environment(self) -> jinja2.Environment:
        """The one Jinja2 environment of the run (its templates compiled once)."""
        return make_environment(self.dirs)

    @cached_property
    def font_dirs(self) -> tuple[Path, ...]:
        """``styles/fonts/`` of the manuscript, then the package's; system fonts are never used."""
        dirs = [d / "fonts" for d in self.dirs]
        return tuple(d for d in dict.fromkeys(dirs) if d.is_dir())

    def is_default(self, name: str) -> bool:
        """Whether ``name`` comes from the package's defaults (the manuscript does not override it)."""
        return self.find(name).resolve() == (PACKAGE_STYLES / name).resolve()

    def renders_as_ours(self) -> bool:
        """Whether the Markdown pandoc reads is laid out by the package's own templates (:data:`RENDERING`):
        then the check knows every id a link may go to before rendering (E251); otherwise only the
        rendering does (E539)."""
        return all(self.is_default(name) for name in RENDERING)


RENDERING = ("chapter.md.j2", "excerpt.md.j2", "matter.md.j2", "sources-and-permissions.md.j2")
"""The templates that write the Markdown of the book's documents, hence its ids."""


@lru_cache(maxsize=8)
def _styles(dirs: tuple[Path, ...]) -> Styles:
    return Styles(dirs)
