"""``python -m book`` runs the command line."""

from .cli import main

main()
