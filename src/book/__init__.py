"""book: turn captured web sources into an edited anthology (EPUB 3 and print PDF)."""

__version__ = "0.1.0"
