"""MkDocs hook for the benchmark's plain build: the theme's compiled templates kept between builds.

The annotated site's plugin keeps them the same way, so the two builds compare like for like.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    """Use a bytecode cache in the project's .cache/jinja."""
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
