"""The audit's server: the site's files gzipped to clients that accept it, as a web host sends them."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from serve_gzip import serving


def _get(url: str, encoding: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_pages_go_gzipped_to_clients_that_take_gzip(tmp_path: Path) -> None:
    """A page is sent gzipped to a client that accepts gzip and plain to one that does not; a miss gets 404.html."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    page = ("<!doctype html><title>t</title>" + "<p>words words words</p>" * 200).encode()
    (site / "index.html").write_bytes(page)
    (site / "404.html").write_bytes(b"<!doctype html><title>Not found</title>")
    (site / "assets" / "site.css").write_text("p { color: red; }\n" * 100, encoding="utf-8")
    with serving(site) as url:
        status, headers, body = _get(url + "index.html", "gzip")
        assert (status, headers["Content-Encoding"]) == (200, "gzip")
        assert gzip.decompress(body) == page
        assert "Accept-Encoding" in headers["Vary"]
        status, headers, body = _get(url + "index.html", "identity")
        assert (status, body) == (200, page)
        assert "Content-Encoding" not in headers
        status, headers, body = _get(url + "assets/site.css", "gzip")
        assert (headers["Content-Encoding"], headers["Content-Type"]) == ("gzip", 'text/css; charset="utf-8"')
        assert _get(url + "nowhere.html", "gzip")[::2] == (404, b"<!doctype html><title>Not found</title>")
    assert not (site / "index.html.gz").exists()  # the site itself is left as it was


def test_no_site_no_server(tmp_path: Path) -> None:
    """Without a built site, the server says what to do."""
    with pytest.raises(SystemExit, match="make site"), serving(tmp_path):
        pass
