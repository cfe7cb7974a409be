"""Jinja2 in text values: a sandbox with strict undefined names and the `num` filter."""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .errors import Problem
from .i18n import Language


class TextRenderer:
    """Renders text values; problems are collected with the file, line and key they came from."""

    def __init__(self, language: Language, context: dict[str, Any]):
        self.env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
        self.env.filters["num"] = lambda value, digits=1: language.number(float(value), int(digits))
        self.context = context
        self.problems: list[Problem] = []

    def __call__(self, text: str | None, where: tuple[str, int | None, str], **extra) -> str:
        if text is None:
            return ""
        if "{{" not in text and "{%" not in text and "{#" not in text:
            return text
        try:
            return self.env.from_string(text).render({**self.context, **extra})
        except SecurityError as exc:
            self._add(where, f"not allowed in a template: {exc}")
        except UndefinedError as exc:
            self._add(where, f"unknown name in template: {exc.message}")
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            self._add(where, f"template error: {exc.message if hasattr(exc, 'message') else exc}" + (f" (template line {line})" if line and line > 1 else ""))
        except Exception as exc:  # an error raised while evaluating, e.g. a division by zero
            self._add(where, f"template error: {exc}")
        return text

    def _add(self, where, message: str) -> None:
        file, line, key = where
        self.problems.append(Problem(file, message, line, key))
