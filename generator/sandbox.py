"""Jinja's sandbox with the limits of textrender.py: imported when a text first holds a
template (most texts hold none, and Jinja's import is a good part of a rebuild's time)."""

from __future__ import annotations

import re
import time
from functools import wraps
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from .textrender import MAX_TEXT

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


def checked(result: Any) -> Any:
    if _size(result) > MAX_TEXT:
        raise TooLarge(f"it makes {_size(result)} characters or items; at most {MAX_TEXT}")
    return result


def _bounded_filter(f):
    @wraps(f)
    def run(*args, **kwargs):
        _check_args(args[1:] if args else args, kwargs)
        return checked(f(*args, **kwargs))

    return run


def _bounded_range(*args: int):
    _check_args(args, {})
    return checked(range(*args))


class Sandbox(SandboxedEnvironment):
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
        return checked(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any):
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDE_FORMAT.search(value.__self__):
            def refuse(*args, **kwargs):
                raise TooLarge("a format's width or precision is too large")
            return refuse
        return wrapped

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        _check_args(args, kwargs)
        return checked(super().call(__context, __obj, *args, **kwargs))


class Deadline:
    """A trace function that stops the template it runs in when its time is up."""

    def __init__(self, seconds: float):
        self.end = time.perf_counter() + seconds
        self.events = 0

    def __call__(self, frame, event, arg):
        self.events += 1
        if self.events & 1023 == 0 and time.perf_counter() > self.end:
            raise TooLarge("it takes too long to render (loops in loops?)")
        return self


