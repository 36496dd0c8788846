"""Reading a contributor's file as text: size limit, UTF-8 (with or without a BOM), Unix line ends."""

from __future__ import annotations

import os
from pathlib import Path

from annotated_reading.errors import Problem

MAX_BYTES = 1024 * 1024
"""No annotation needs more; a larger file is refused before it is read in full."""


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """A UTF-8 file's text (BOM allowed, every line end made a newline), or why it is refused.

    Arguments:
        path: the file.
        display: how problems name it (relative to the project, with forward slashes).
    """
    raw, problems = read_bytes(path, display)
    return (None, problems) if raw is None else decode(raw, display)


def read_bytes(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or why they are refused: a file over MAX_BYTES is not read."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        # One byte more than the limit: a file that grew after it was measured is refused too.
        data = handle.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
    if size > MAX_BYTES or len(data) > MAX_BYTES:
        return None, [
            Problem(
                display,
                1,
                1,
                f"file is {max(size, len(data)):,} bytes; the limit is {MAX_BYTES:,} (1 MiB)",
                "split it, or shorten the text: no annotation needs this much",
            )
        ]
    return data, []


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """Bytes as text with Unix line ends (BOM allowed), or where they stop being UTF-8."""
    try:
        # "utf-8-sig" would count an error's position from after the BOM: strip it after decoding instead.
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                column,
                f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                "save the file as UTF-8 in your editor",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
