"""Serve a built site on localhost as a web host does, gzipped: `python scripts/tools/serve_gzip.py [SITE] [--port N]`.

For audits that must see the site as readers on the web get it (Lighthouse weighs transfer sizes): a copy of the
site gets a `.gz` beside each file that gains from it (WhiteNoise's compressor), and WhiteNoise serves it from a
threaded WSGI server of the standard library, with `Content-Encoding: gzip` to clients that accept it. A missing
path gets the site's 404.html with status 404, as GitHub Pages answers.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

MAX_AGE = 600
"""Seconds a browser may keep a file, as GitHub Pages sends them."""

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def compressed_copy(site: Path, folder: Path) -> Path:
    """A copy of site in folder, with a gzipped version beside each file that compression makes smaller."""
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}/index.html not found: build the site first (make site)")
    root = folder / "site"
    shutil.copytree(site, root)
    compressor = Compressor(use_brotli=False, quiet=True)
    for path in sorted(root.rglob("*")):
        if path.is_file() and compressor.should_compress(path.name):
            compressor.compress(str(path))
    return root


def application(root: Path) -> WhiteNoise:
    """The WSGI application that serves root: its files, gzipped when the client accepts it, else its 404.html."""
    missing = (root / "404.html").read_bytes() if (root / "404.html").is_file() else b"Not found"

    def not_found(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
        return [missing]

    return WhiteNoise(not_found, root=str(root), index_file=True, max_age=MAX_AGE)


@contextmanager
def serving(site: Path, port: int = 0) -> Iterator[str]:
    """Serve a gzipped copy of site on 127.0.0.1 in a background thread; yield its address, ending in `/`."""
    with tempfile.TemporaryDirectory(prefix="serve-gzip-") as folder:
        server = make_server(
            "127.0.0.1",
            port,
            application(compressed_copy(site, Path(folder))),
            server_class=_Server,
            handler_class=_QuietHandler,
        )
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}/"
        finally:
            server.shutdown()
            server.server_close()


def main(argv: list[str] | None = None) -> int:
    """Command line: serve SITE (default site/) until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--port", type=int, default=8001, help="the port on 127.0.0.1 (default: 8001)")
    args = parser.parse_args(argv)
    with serving(args.site, args.port) as url:
        print(f"Serving {args.site} gzipped at {url} (Ctrl+C stops)", flush=True)  # noqa: T201
        with suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
