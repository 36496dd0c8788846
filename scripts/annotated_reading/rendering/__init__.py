"""Stage 4, render: the article pages, the reference pages and the data for other tools, as HTML and JSON."""
