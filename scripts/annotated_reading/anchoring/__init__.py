"""Stage 3, anchor: find every mention and quote in the articles' text."""
