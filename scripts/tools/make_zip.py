"""Pack the built site into one zip for offline reading: `python scripts/tools/make_zip.py [SITE] [ZIP]`.

The archive is deterministic: entries sorted by path, every timestamp set from SOURCE_DATE_EPOCH (the time of the
last commit, as the Makefile exports it), fixed permissions. Everything sits under one top folder, so that
unpacking it anywhere gives `annotated-reading/index.html`, which works straight from disk. The site's 404.html is
left out: a web host serves it for any missing address, and its links start from the site's address on the web,
so that from disk it would lead nowhere.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import zipfile
from pathlib import Path

TOP = "annotated-reading"
WEB_ONLY = frozenset({"404.html"})
"""Files of the site, relative to it, that work only on a web host."""
ZIP_EPOCH = 315532800  # 1980-01-01: the earliest time a zip entry can record


def entry_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """The zip timestamp for a Unix time, clamped to what the format can hold."""
    year, month, day, hour, minute, second = time.gmtime(max(epoch, ZIP_EPOCH))[:6]
    return year, month, day, hour, minute, second


def make_zip(site: Path, target: Path, epoch: int, top: str = TOP) -> int:
    """Write every file under site into target, under the folder top; return the number of files."""
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}/index.html not found: build the site first (make site)")
    files = sorted(
        (p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() not in WEB_ONLY),
        key=lambda p: p.relative_to(site).as_posix(),
    )
    stamp = entry_time(epoch)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(target)
    return len(files)


def main(argv: list[str] | None = None) -> int:
    """Command line: pack SITE (default site/) into ZIP (default annotated-reading.zip)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("zip", nargs="?", default=f"{TOP}.zip", type=Path, help=f"the archive (default: {TOP}.zip)")
    args = parser.parse_args(argv)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    count = make_zip(args.site, args.zip, epoch)
    print(f"Wrote {args.zip} ({count} files); unpack it and open {TOP}/index.html")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
