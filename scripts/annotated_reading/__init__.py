"""Annotated reading: an article plus YAML annotations, merged into pages for a static site.

The package is the pure core of the engine. It never imports MkDocs: `load`, `validate`,
`anchor` and `render` take plain data and return plain data or strings. `build.build_site`
runs the whole pipeline; `mkdocs_hooks.py` (beside this package) and `cli.py` call it.
"""
