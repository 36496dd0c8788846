"""Stage 5: the MkDocs adapter, which hands the engine's pages to MkDocs (and ProperDocs)."""
