"""Paths in the records the build cache keeps as JSON, read back one ``Path`` per distinct text.

A kept chapter repeats its file's path in every excerpt and every problem found in it; validating
the cache's JSON made a new ``Path`` for each (pydantic's own validator, a Python call that parses
the text): 13% of a one-chapter rebuild's CPU at 1M words. :data:`StoredPath` is ``Path`` for every
other purpose; only pydantic reads its metadata, and pydantic is imported only when it does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any


class _OnePathPerText:
    """pydantic metadata for a ``Path`` field: valid input is a ``Path`` or a text, made into a
    ``Path`` once per distinct text (a ``Path`` is immutable, so one may be shared); written as text."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(_path, serialization=core_schema.to_string_ser_schema())


def _path(value: object) -> Path:
    if isinstance(value, Path):
        return value
    if isinstance(value, str) and "\0" not in value:
        return _path_of(value)
    raise ValueError("not a path")


@lru_cache(maxsize=16384)
def _path_of(text: str) -> Path:
    return Path(text)


StoredPath = Annotated[Path, _OnePathPerText()]
"""A ``Path`` field of a record the build cache keeps (a chapter, a source, a problem found)."""
