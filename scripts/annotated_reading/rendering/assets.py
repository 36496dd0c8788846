"""Our stylesheets and scripts as shipped: without comments and spacing (the sources in docs/assets stay readable)."""

from __future__ import annotations

import rcssmin
import rjsmin


def minify(path: str, text: str) -> str | None:
    """A stylesheet or script, minified by its type (`.css` or `.js`); None for any other file."""
    if path.endswith(".css"):
        return str(rcssmin.cssmin(text))
    if path.endswith(".js"):
        return str(rjsmin.jsmin(text))
    return None
