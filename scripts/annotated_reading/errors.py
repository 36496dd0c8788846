"""Problems found in the input, and the exception that carries them."""

from __future__ import annotations

import msgspec


class Problem(msgspec.Struct, frozen=True, order=True):
    """One thing wrong with one input file, at a 1-based line and column."""

    path: str
    """The file, relative to the project root, with forward slashes."""
    line: int
    column: int
    message: str
    """What is wrong, and what was expected."""
    hint: str = ""
    """How to fix it."""

    def format(self) -> str:
        """Render as `path:line:column: message (hint)`, the form editors make clickable."""
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class AnnotationError(Exception):
    """Raised when the input has problems; holds all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, followed by a count."""
        lines = [p.format() for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found.")
        return "\n".join(lines)
