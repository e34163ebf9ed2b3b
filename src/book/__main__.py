"""``python -m book`` runs the command line."""

from book.cli import main

main()
