"""The SOURCES stage: capture web pages and text copies, clean them, store them.

``book sources import`` turns a saved page (HTML) or a copied text capture into
``manuscript/sources/<id>.yaml``; :mod:`book.sources.store` reads those files
back (merging the editor's ``<id>.edits.yaml``) into :class:`book.model.Source`.
"""
