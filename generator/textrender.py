"""Jinja2 in text values: a sandbox with strict undefined names and the `num` filter.

The sandbox keeps templates from reaching Python's internals; the limits here keep them from
exhausting the machine: a text may render to at most MAX_TEXT characters, no operator, filter
or method may be asked to make a larger string, list or number first, and a template that runs
longer than MAX_SECONDS (loops in loops) is stopped. Each is an error naming the file and key.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from .errors import Problem
from .i18n import Language

MAX_TEXT = 20_000  # characters one text value may render to (a page of text is about 3,000)
MAX_SECONDS = 2.0  # for one text value
MAX_TOTAL_SECONDS = 10.0  # for all the texts of one deck


class TextRenderer:
    """Renders text values; problems are collected with the file, line and key they came from."""

    def __init__(self, language: Language, context: dict[str, Any]):
        self.language = language
        self._env = None
        self.context = context
        self.problems: list[Problem] = []
        self.budget = MAX_TOTAL_SECONDS

    def __call__(self, text: str | None, where: tuple[str, int | None, str], **extra) -> str:
        if text is None:
            return ""
        if "{{" not in text and "{%" not in text and "{#" not in text:
            return text
        from jinja2 import TemplateError, UndefinedError
        from jinja2.sandbox import SecurityError

        from .sandbox import TooLarge

        start = time.perf_counter()
        try:
            return self._render(text, {**self.context, **extra})
        except TooLarge as exc:
            self._add(where, f"template too large: {exc}")
        except SecurityError as exc:
            self._add(where, f"not allowed in a template: {exc}")
        except UndefinedError as exc:
            self._add(where, f"unknown name in template: {exc.message}")
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            self._add(where, f"template error: {exc.message if hasattr(exc, 'message') else exc}" + (f" (template line {line})" if line and line > 1 else ""))
        except (MemoryError, RecursionError) as exc:
            self._add(where, f"template too large: {type(exc).__name__}")
        except Exception as exc:  # an error raised while evaluating, e.g. a division by zero
            self._add(where, f"template error: {exc}")
        finally:
            self.budget -= time.perf_counter() - start
        return text

    @property
    def env(self):
        if self._env is None:
            from jinja2 import StrictUndefined

            from .sandbox import Sandbox

            self._env = Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
            self._env.filters["num"] = lambda value, digits=1: self.language.number(float(value), int(digits))
        return self._env

    def _render(self, text: str, context: dict[str, Any]) -> str:
        from .sandbox import Deadline, TooLarge, checked

        if self.budget <= 0:
            raise TooLarge(f"the deck's templates together take more than {MAX_TOTAL_SECONDS:.0f} s")
        template = self.env.from_string(text)
        if "{%" not in text:  # expressions only: no loops, so no time limit is needed
            return checked(template.render(context))
        previous = sys.gettrace()
        sys.settrace(Deadline(min(MAX_SECONDS, self.budget)))
        try:
            pieces, length = [], 0
            for piece in template.generate(context):  # a loop's output is counted as it grows
                length += len(piece)
                if length > MAX_TEXT:
                    raise TooLarge(f"it renders to more than {MAX_TEXT} characters")
                pieces.append(piece)
            return "".join(pieces)
        finally:
            sys.settrace(previous)

    def _add(self, where, message: str) -> None:
        file, line, key = where
        self.problems.append(Problem(file, message, line, key))
