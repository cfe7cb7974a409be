"""Jinja2 in text values: a sandbox with strict undefined names and the `num` filter.

The sandbox keeps templates from reaching Python's internals; the limits here keep them from
exhausting the machine: a text may render to at most MAX_TEXT characters, no operator, filter
or method may be asked to make a larger string, list or number first, and a template that runs
longer than MAX_SECONDS (loops in loops) is stopped. Each is an error naming the file and key.
"""

from __future__ import annotations

import re
import sys
import time
from functools import wraps
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .errors import Problem
from .i18n import Language

MAX_TEXT = 20_000  # characters one text value may render to (a page of text is about 3,000)
MAX_SECONDS = 2.0  # for one text value
MAX_TOTAL_SECONDS = 10.0  # for all the texts of one deck
MAX_EXPONENT_BITS = 4_096  # the largest number `**` may make, in bits
_WIDE_FORMAT = re.compile(r"\d{5,}")  # a field width or precision of 10,000 or more ("%099999d", "{:>99999}")


class TooLarge(Exception):
    """A template asked for more than the limits allow."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _check_args(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_TEXT:
            raise TooLarge(f"the number {value} is too large here (at most {MAX_TEXT})")
        if isinstance(value, str) and ("%" in value or "{" in value) and _WIDE_FORMAT.search(value):
            raise TooLarge("a format's width or precision is too large")


def _checked(result: Any) -> Any:
    if _size(result) > MAX_TEXT:
        raise TooLarge(f"it makes {_size(result)} characters or items; at most {MAX_TEXT}")
    return result


def _bounded_filter(f):
    @wraps(f)
    def run(*args, **kwargs):
        _check_args(args[1:] if args else args, kwargs)
        return _checked(f(*args, **kwargs))

    return run


def _bounded_range(*args: int):
    _check_args(args, {})
    return _checked(range(*args))


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with sizes checked before an operator, filter or method makes a value."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}
        self.globals.pop("lipsum", None)  # makes any amount of text on request; a review has no use for it
        self.globals["range"] = _bounded_range

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * max(times, 0) > MAX_TEXT:
                    raise TooLarge(f"it makes {len(seq) * times} characters or items; at most {MAX_TEXT}")
        elif operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            if abs(left) > 1 and abs(right) * max(abs(left), 2).bit_length() > MAX_EXPONENT_BITS:
                raise TooLarge(f"{left} ** {right} is too large a number")
        elif operator == "%" and isinstance(left, str):
            _check_args((left,), {})
        return _checked(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any):
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDE_FORMAT.search(value.__self__):
            def refuse(*args, **kwargs):
                raise TooLarge("a format's width or precision is too large")
            return refuse
        return wrapped

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        _check_args(args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))


class _Deadline:
    """A trace function that stops the template it runs in when its time is up."""

    def __init__(self, seconds: float):
        self.end = time.perf_counter() + seconds
        self.events = 0

    def __call__(self, frame, event, arg):
        self.events += 1
        if self.events & 1023 == 0 and time.perf_counter() > self.end:
            raise TooLarge("it takes too long to render (loops in loops?)")
        return self


class TextRenderer:
    """Renders text values; problems are collected with the file, line and key they came from."""

    def __init__(self, language: Language, context: dict[str, Any]):
        self.env = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
        self.env.filters["num"] = lambda value, digits=1: language.number(float(value), int(digits))
        self.context = context
        self.problems: list[Problem] = []
        self.budget = MAX_TOTAL_SECONDS

    def __call__(self, text: str | None, where: tuple[str, int | None, str], **extra) -> str:
        if text is None:
            return ""
        if "{{" not in text and "{%" not in text and "{#" not in text:
            return text
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

    def _render(self, text: str, context: dict[str, Any]) -> str:
        if self.budget <= 0:
            raise TooLarge(f"the deck's templates together take more than {MAX_TOTAL_SECONDS:.0f} s")
        template = self.env.from_string(text)
        if "{%" not in text:  # expressions only: no loops, so no time limit is needed
            return _checked(template.render(context))
        previous = sys.gettrace()
        sys.settrace(_Deadline(min(MAX_SECONDS, self.budget)))
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
