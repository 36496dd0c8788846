"""Stage 2, check: each file against its JSON Schema, entries against each other, Markdown that would be lost."""
