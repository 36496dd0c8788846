"""The records every stage passes on: kinds of annotation, entries, articles."""
