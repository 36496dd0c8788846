"""The vendored base map: reproduced byte for byte from the pinned world-atlas."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import ROOT

from annotated_reading.pipeline import Project


def test_vendor_script_reproduces_the_committed_extract(tmp_path: Path) -> None:
    """scripts/vendor_map_data.py, run again on the pinned world-atlas, writes the committed file byte for byte."""
    if not (ROOT / "node_modules" / "world-atlas").is_dir():
        pytest.fail("node_modules/world-atlas is missing: run `npm ci` (make test does)")
    import vendor_map_data  # scripts/tools/, on the test path (pyproject.toml)

    out = tmp_path / "countries.json"
    vendor_map_data.main(["--output", str(out)])
    assert out.read_bytes() == Project(ROOT).map_data.read_bytes()
