"""Write a synthetic manuscript of about N words, for benchmarks.

    python bench/generate.py --words 300000 --out /tmp/book-300k

The manuscript follows format v1 and builds cleanly (``book check -m DIR``,
``book build epub -m DIR``): a ``book.yaml`` with the sample reader's structure,
front and back matter, many chapters of about 3,000 words, each with every
section and excerpts in most sections, and sources with a post and a long
comment thread each (about one source per two chapters). Every excerpt is cut
from its source unit (sometimes with an omission, straight instead of curly
quotes and re-wrapped lines), so verification does real work. Chapters carry
footnotes with labels unique in the book. The same arguments always give the
same files (a fixed seed).

N counts the words of the book's text (chapters and matter pages); the sources
add a comparable amount of captured text that is read and verified but quoted
only in part.
"""

from __future__ import annotations

import argparse
import random
import shutil
import textwrap
from pathlib import Path

STRUCTURE = """\
structure:
  - name: epigraph
    type: epigraph
  - name: letter
    title: The Letter
    required: true
  - name: reply
    title: The Reply
    required: true
  - name: voices
    title: Other Voices
  - name: commentary
    title: Commentary
    required: true
    ornament: true
  - name: reflection
    title: For Reflection
    required: true
"""

_ONSETS = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "ch", "st", "th",
           "tr", "sh", "pl", "gr", ""]
_VOWELS = ["a", "e", "i", "o", "u", "ea", "ou", "ai", "io"]
_CODAS = ["", "n", "r", "s", "t", "l", "nd", "st", "ng", "m", "ck"]
_FIRST = ["Anna", "Ben", "Clara", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kemi", "Lars",
          "Mina", "Noor", "Otto", "Priya", "Quinn", "Rosa", "Sami", "Tess", "Uma", "Vik", "Wren", "Yusuf"]
_ROLES = ["a client", "a therapist", "a reader", "a parent", "a counsellor", None]


class Words:
    """A deterministic stream of pseudo-English text."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        vocab = set()
        while len(vocab) < 3000:
            syllables = rng.choice([1, 1, 2, 2, 2, 3])
            vocab.add("".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                              for _ in range(syllables)))
        self.vocab = sorted(vocab)
        self.common = ["the", "a", "of", "and", "to", "in", "that", "it", "was", "for", "with", "as", "her",
                       "his", "we", "she", "not", "but", "what", "is", "be", "on"]

    def word(self) -> str:
        if self.rng.random() < 0.45:
            return self.rng.choice(self.common)
        return self.rng.choice(self.vocab)

    def sentence(self, curly: bool = True) -> str:
        n = self.rng.randint(7, 22)
        words = [self.word() for _ in range(n)]
        words[0] = words[0].capitalize()
        if n > 10 and self.rng.random() < 0.4:
            words[self.rng.randint(3, n - 4)] += ","
        if self.rng.random() < 0.08:
            words[self.rng.randint(1, n - 2)] += "’s" if curly else "'s"
        if self.rng.random() < 0.05:
            i = self.rng.randint(1, n - 3)
            q = ("“", "”") if curly else ('"', '"')
            words[i] = q[0] + words[i]
            words[i + 1] += q[1]
        return " ".join(words) + self.rng.choice([".", ".", ".", ".", "?", "!"])

    def sentences(self, count: int) -> list[str]:
        return [self.sentence() for _ in range(count)]

    def paragraph(self, words: int) -> str:
        out: list[str] = []
        total = 0
        while total < words:
            s = self.sentence()
            out.append(s)
            total += len(s.split())
        return " ".join(out)


def wrap(text: str, width: int = 78) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False))


def count_words(text: str) -> int:
    return len(text.split())


# ------------------------------------------------------------------ sources

class SourceDoc:
    def __init__(self, sid: str, units: list[dict]):
        self.id = sid
        self.units = units                 # {"id", "kind", "author", "parent", "date", "paras": [[sentences]]}


def make_source(words: Words, index: int, comments: int) -> SourceDoc:
    rng = words.rng
    units = []
    post_paras = [words.sentences(rng.randint(4, 9)) for _ in range(rng.randint(8, 14))]
    units.append({"id": "post", "kind": "post", "author": f"{rng.choice(_FIRST)} Writer{index}",
                  "parent": None, "date": f"20{10 + index % 14:02d}-0{1 + index % 9}-1{index % 10}",
                  "paras": post_paras})
    for c in range(1, comments + 1):
        parent = None if c < 3 or rng.random() < 0.5 else f"c{rng.randint(1, c - 1)}"
        paras = [words.sentences(rng.randint(2, 6)) for _ in range(rng.randint(1, 3))]
        units.append({"id": f"c{c}", "kind": "comment", "author": rng.choice(_FIRST), "parent": parent,
                      "date": f"20{10 + index % 14:02d}-1{c % 3}-{10 + c % 18}", "paras": paras})
    return SourceDoc(f"source-{index:04d}", units)


def unit_text(unit: dict) -> str:
    return "\n\n".join(" ".join(p) for p in unit["paras"])


def write_source(doc: SourceDoc, directory: Path) -> int:
    lines = [
        "# Imported by `book sources import`; do not edit by hand: put corrections in "
        f"{doc.id}.edits.yaml",
        "format: 1",
        f"id: {doc.id}",
        f"title: A Synthetic Thread Number {doc.id[-4:]}",
        f"author: {doc.units[0]['author']}",
        "site: The Benchmark Blog",
        f"url: https://example.org/{doc.id}",
        f"published: {doc.units[0]['date']}",
        "license: null",
        "accessed: 2026-01-01",
        "captured_from: null",
        "sha256: null",
        "units:",
    ]
    total = 0
    for unit in doc.units:
        text = unit_text(unit)
        total += count_words(text)
        lines += [f"  - id: {unit['id']}", f"    kind: {unit['kind']}", f"    author: {unit['author']}",
                  f"    parent: {unit['parent'] or 'null'}", f"    date: {unit['date']}", "    text: |"]
        lines += [("      " + line) if line else "" for line in text.split("\n")]
    lines.append("dropped: []")
    (directory / f"{doc.id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    post = doc.units[0]
    first = post["paras"][0]
    edits = [
        f"# The editor's corrections to {doc.id}.yaml.",
        "rights: {status: quotation, note: \"Quoted for comment and criticism.\"}",
        "units:",
        "  post: {role: the blog's author}",
        "  c1: {role: a client}",
        "voices:",
        f"  - {{unit: post, start: \"{first[1].split()[0]} {first[1].split()[1]}\", "
        f"end: null, author: {doc.units[1]['author']}, role: a reader}}",
    ]
    # the voice starts at the second sentence's first words: valid, and attribution does work
    (directory / f"{doc.id}.edits.yaml").write_text("\n".join(edits) + "\n", encoding="utf-8")
    return total


def excerpt_from(words: Words, doc: SourceDoc, unit_id: str | None = None, length: int = 3) -> tuple[str, str]:
    """(unit id, excerpt text) cut from a unit: whole sentences, maybe with an omission."""
    rng = words.rng
    unit = next(u for u in doc.units if u["id"] == unit_id) if unit_id else rng.choice(doc.units[1:])
    sentences = [s for p in unit["paras"] for s in p]
    start = rng.randint(0, max(0, len(sentences) - length))
    chosen = sentences[start:start + length]
    text = " ".join(chosen)
    if len(chosen) >= 3 and rng.random() < 0.4:
        text = " ".join(chosen[:1]) + " … " + " ".join(chosen[2:])
    if rng.random() < 0.3:
        text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return unit["id"], text


def excerpt_block(source_id: str, unit_id: str, text: str) -> str:
    return f'::: {{.excerpt source="{source_id}" unit="{unit_id}"}}\n{wrap(text)}\n:::'


# ------------------------------------------------------------------ chapters

def make_chapter(words: Words, number: int, target: int, sources: list[SourceDoc]) -> str:
    rng = words.rng
    main = sources[(number - 1) // 2 % len(sources)]
    other = sources[(number * 7) % len(sources)]
    excerpts_words = 0
    parts: list[str] = [f"---\ntitle: {words.sentence()[:-1].title()[:60].strip()}",
                        f"short_title: Chapter Title {number}", "---", ""]

    def prose(share: float) -> str:
        nonlocal excerpts_words
        paras = []
        budget = int(target * share)
        while budget > 0:
            n = rng.randint(60, 160)
            paras.append(wrap(words.paragraph(n)))
            budget -= n
        return "\n\n".join(paras)

    def quote(doc: SourceDoc, unit: str | None = None, length: int = 3) -> str:
        nonlocal excerpts_words
        unit_id, text = excerpt_from(words, doc, unit, length)
        excerpts_words += count_words(text)
        return excerpt_block(doc.id, unit_id, text)

    parts += ["::: epigraph", quote(main, "post", 1), ":::", ""]
    parts += ["::: letter", prose(0.08), "", quote(main, "post"), "", prose(0.06), "", quote(main, "post", 4),
              ":::", ""]
    parts += ["::: reply", prose(0.08), "", quote(main, "post"), "", prose(0.06), "", quote(main, "post"), ":::", ""]
    voices = ["::: voices", prose(0.05)]
    for _ in range(rng.randint(3, 5)):
        voices += ["", quote(main), "", prose(0.03)]
    voices += ["", quote(other), ":::", ""]
    parts += voices
    commentary = ["::: commentary"]
    notes = []
    for k in range(1, 4):
        para = words.paragraph(int(target * 0.12))
        label = f"ch{number:04d}-{k}"
        para += f"[^{label}]"
        notes.append(f"[^{label}]: {words.paragraph(rng.randint(15, 40))}")
        commentary += [wrap(para), ""]
    commentary += [wrap("We *stress* the **point** once more: " + words.paragraph(int(target * 0.05))), ""]
    commentary += notes
    commentary += [":::", ""]
    parts += commentary
    questions = "\n".join(f"{i}. " + wrap(words.paragraph(rng.randint(20, 45))).replace("\n", "\n   ")
                          for i in range(1, 5))
    parts += ["::: reflection", questions, ":::", ""]
    return "\n".join(parts)


def matter(title: str | None, kind: str | None, body: str) -> str:
    head = ["---"]
    if title:
        head.append(f"title: {title}")
    if kind:
        head.append(f"type: {kind}")
    head.append("---")
    return "\n".join(head) + "\n\n" + body + "\n"


def generate(words_wanted: int, out: Path, seed: int = 8) -> dict[str, int]:
    rng = random.Random(seed)
    words = Words(rng)
    if out.exists():
        shutil.rmtree(out)
    for sub in ("chapters", "front", "back", "sources"):
        (out / sub).mkdir(parents=True)

    matter_words = max(300, min(6000, words_wanted // 50))
    body_words = max(1000, words_wanted - matter_words)
    chapters = max(3, round(body_words / 3000))
    per_chapter = body_words // chapters
    n_sources = max(2, (chapters + 1) // 2)
    source_words = 0
    sources = []
    for i in range(1, n_sources + 1):
        doc = make_source(words, i, comments=rng.randint(40, 70))
        source_words += write_source(doc, out / "sources")
        sources.append(doc)

    pages = {
        "front/content-note.md": matter("A Note on Content", None, wrap(words.paragraph(matter_words // 6))),
        "front/preface.md": matter("Preface", "preface",
                                   "\n\n".join(wrap(words.paragraph(150)) for _ in range(matter_words // 3 // 150 + 1))),
        "back/about-this-edition.md": matter("About This Edition", "appendix",
                                             "\n\n".join(wrap(words.paragraph(150))
                                                         for _ in range(matter_words // 2 // 150 + 1))),
    }
    text_words = 0
    for rel, text in pages.items():
        (out / rel).write_text(text, encoding="utf-8")
        text_words += count_words(text)

    # scale the prose so the chapter (prose + excerpts) comes out near per_chapter words
    chapter_files = []
    for number in range(1, chapters + 1):
        rel = f"chapters/{number:04d}-chapter.md"
        text = make_chapter(words, number, int(per_chapter * 0.70), sources)
        (out / rel).write_text(text, encoding="utf-8")
        text_words += count_words(text)
        chapter_files.append(rel)

    config = [
        "# A synthetic manuscript written by bench/generate.py.",
        f"title: The Benchmark Reader ({words_wanted} words)",
        "subtitle: Synthetic Threads for Timing",
        "creators:",
        "  - name: The Benchmark Editors",
        "    role: editor",
        "language: en",
        "identifier: urn:uuid:0b9a6c1e-7d55-4c7e-8f0e-2a7f3b1c9d08",
        "publisher: The Book Project",
        "date: 2026-01-01",
        "version: 1.0.0",
        "rights: © 2026 The Benchmark Editors.",
        "description: A generated book for measuring the speed of `book`.",
        "front_matter:",
        "  - half-title",
        "  - title-page",
        "  - copyright",
        "  - front/content-note.md",
        "  - contents",
        "  - front/preface.md",
        "chapters:",
        *[f"  - {rel}" for rel in chapter_files],
        "back_matter:",
        "  - back/about-this-edition.md",
    ]
    (out / "book.yaml").write_text("\n".join(config) + "\n" + STRUCTURE, encoding="utf-8")
    return {"words": text_words, "chapters": chapters, "sources": n_sources, "source_words": source_words}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, required=True, help="words of book text to write")
    parser.add_argument("--out", type=Path, required=True, help="the manuscript folder (replaced)")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    stats = generate(args.words, args.out, args.seed)
    print(f"{args.out}: {stats['words']} words in {stats['chapters']} chapters; "
          f"{stats['sources']} sources of {stats['source_words']} words")


if __name__ == "__main__":
    main()
