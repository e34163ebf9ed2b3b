"""Leaves every stage may use, that use no stage: diagnostics and their codes, atomic writes,
reproducible zips and build times, external tools, YAML with line marks, media types, words."""
