"""Annotated reading: an article plus YAML annotations, made into the pages of a static site.

The stages, each a folder: `reading` (files, safely) -> `checking` (JSON Schemas, references, Markdown) ->
`anchoring` (mentions and quotes in the text) -> `rendering` and `pictures` (pages from Jinja templates, maps,
timeline, data for other tools) -> `mkdocs` (the adapter). `model` holds the typed records every stage passes on.

`pipeline.build_site` runs them all and `pipeline.check` reports every problem; the MkDocs plugin, the command
line (`python -m annotated_reading`) and the tests call the same functions. Nothing outside `mkdocs/` imports
MkDocs.
"""
