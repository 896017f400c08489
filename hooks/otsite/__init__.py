"""The site's core: load and validate data/, render generated pages as Markdown.

Nothing in this package imports MkDocs, so another site generator can reuse
it (Material for MkDocs reaches end of life in May 2027). The MkDocs adapter
is hooks/ot_site_hook.py.
"""
