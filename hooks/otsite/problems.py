"""Problems found in writers' files, reported all together in one message."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .source_excerpt import excerpt, excerpt_text


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake, located precisely enough for a writer to fix it."""

    path: str  # relative to the project root, e.g. data/clinics.yml
    line: int  # 1-based; 0 when the file as a whole is wrong
    field: str  # e.g. clinics[3].phone; "" for the whole file
    message: str
    column: int = 0  # 1-based character of the line where the mistake is; 0 for the whole line or unknown

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so writers fix them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self, root: Path | None = None) -> str:
        """Every problem on a line of its own; given the project folder, each followed by its line with a marker under the spot."""
        count = len(self.problems)
        head = f"Found {count} problem{'s' if count != 1 else ''} in the site's content:"
        lines = [head]
        for problem in self.problems:
            lines.append(f"  {problem}")
            shown = excerpt(problem, root) if root is not None else None
            if shown is not None:
                lines.extend(f"    {line}" for line in excerpt_text(shown).splitlines())
        return "\n".join(lines)
