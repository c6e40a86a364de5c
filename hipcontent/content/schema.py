"""JSON Schema checking for hipcontent's data files, in one place.

Every data module (anatomy facts, quizzes, lesson evidence, exercises) checks its YAML against
a schema in hipcontent/data/ through `validator(...)`, then adds the checks a schema cannot
express and words the errors for its own readers.
"""

from __future__ import annotations

import importlib
import json
import sys
from functools import cache
from importlib import resources


def _import_jsonschema():
    """Import jsonschema without building rfc3987-syntax's IRI grammar.

    jsonschema imports rfc3987-syntax (present through Jupyter's dependencies) for its optional
    "iri" format check, and that module compiles a Lark grammar at import: measured 2.3 s, more
    than a lesson's own work. hipcontent's schemas use no "iri" format, so the import is skipped
    (for this process's jsonschema only; the module itself stays importable afterwards).
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return importlib.import_module("jsonschema")
    sys.modules["rfc3987_syntax"] = None  # makes `import rfc3987_syntax` raise ImportError
    try:
        return importlib.import_module("jsonschema")
    finally:
        del sys.modules["rfc3987_syntax"]


@cache
def schema(name: str) -> dict:
    """A schema from hipcontent/data/, e.g. "quizzes/schema.json"."""
    return json.loads(resources.files("hipcontent").joinpath("data", name).read_text("utf-8"))


@cache
def validator(name: str):
    """A Draft 2020-12 validator for the schema file `name` (the schema is checked first)."""
    draft = _import_jsonschema().Draft202012Validator
    draft.check_schema(schema(name))
    return draft(schema(name))


def best_match(errors):
    """jsonschema's pick of the most relevant error among alternatives (oneOf/anyOf)."""
    return _import_jsonschema().exceptions.best_match(errors)


def _path_text(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def locate(document: object, path, keyed: bool = False) -> tuple[str, str]:
    """(entry, field) for a place in a document: the entry is the `id` of the deepest mapping on
    the path that has one (or, for a file keyed by id such as the bibliography, the top-level key;
    else "#n" for the n-th item of a top-level list); the field is the rest of the path."""
    steps = list(path)
    node, entry, rest = document, "", steps
    for depth, step in enumerate(steps):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            entry, rest = node["id"], steps[depth + 1:]
        elif depth == 0 and keyed and isinstance(step, str):
            entry, rest = step, steps[1:]
        elif not entry and isinstance(step, int) and depth <= 1:
            entry, rest = f"#{step + 1}", steps[depth + 1:]
    return entry, _path_text(rest)


def schema_problems(document: object, name: str, file: str, keyed: bool = False) -> list:
    """Every way `document` breaks the schema file `name`, as Problems naming entry and field."""
    from hipcontent.content.errors import Problem

    found = []
    errors = sorted(validator(name).iter_errors(document), key=lambda e: ([str(p) for p in e.absolute_path], e.message))
    for error in errors:
        entry, field = locate(document, error.absolute_path, keyed)
        missing = error.validator == "required" and error.message.split("'")[1:2]
        if missing:
            field = f"{field}.{missing[0]}" if field else missing[0]
        found.append(Problem(file, entry, field or "(whole entry)", f"{_short(error.message)} (see {name})"))
    return found


def _short(message: str, limit: int = 200) -> str:
    """jsonschema quotes the offending value whole; a 20,000-letter value must not flood the report."""
    return message if len(message) <= limit else message[: limit - 1] + "…"
