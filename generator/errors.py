"""DeckError: a problem in the input, carrying the file, line and key it concerns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Problem:
    """One problem in the input: where it is and what was expected."""

    file: str
    message: str
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        if not self.file:  # a message that names what it concerns itself
            return self.message
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            return f"{where}: {self.key}: {self.message}"
        return f"{where}: {self.message}"


class DeckError(Exception):
    """A problem in the input; the build stops and reports every problem it collected."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(file="", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # keep the problems when raised in a worker process
        return (DeckError, (self.problems,))


class Collector:
    """Collects problems so that a run reports all of them at once."""

    def __init__(self, root: Path | None = None):
        self.root = root
        self.problems: list[Problem] = []

    def name(self, path: Path | str) -> str:
        path = Path(path)
        if self.root is not None:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return str(path)

    def add(self, file: Path | str, message: str, line: int | None = None, key: str | None = None) -> None:
        self.problems.append(Problem(self.name(file), message, line, key))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise DeckError(self.problems)
