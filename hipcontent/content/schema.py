"""JSON Schema checking for hipcontent's data files, in one place.

Every data module (anatomy facts, quizzes, lesson evidence, exercises) checks its YAML against
a schema in hipcontent/data/ through `validator(...)`, then adds the checks a schema cannot
express and words the errors for its own readers.
"""

from __future__ import annotations

import difflib
import importlib
import json
import math
import numbers
import re
import sys
from functools import cache
from importlib import resources

from hipcontent.content.errors import locate, path_text


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


def _whole(pattern: str) -> str:
    """A schema pattern anchored with ``$`` matched as a whole string: Python's ``$`` also matches
    before a final newline, so "gray1918\\n" would pass ``^[a-z0-9_]+$``; ``\\Z`` does not."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


def _is_number(_checker, value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _unique_key(value):
    """A hashable stand-in for a JSON value, equal exactly when the values are equal as JSON:
    True is not 1, 1 is 1.0, a mapping's key order does not count. Raises TypeError for a value
    that is not JSON (the caller then compares those items one by one)."""
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, str):
        return ("text", value)
    if isinstance(value, numbers.Real):
        return ("number", value)
    if isinstance(value, dict):
        return ("mapping", frozenset((key, _unique_key(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_unique_key(item) for item in value))
    raise TypeError(type(value).__name__)


def first_repeat(items) -> tuple[int, int] | None:
    """(first index, repeated index) of the first item equal to an earlier one, or None.

    Linear: each item is hashed once (see _unique_key). jsonschema's own check compares every
    pair when items cannot be sorted (mappings), which took ~30 s on a 63 KiB exercise file with
    a long list of links. Items that are not JSON values fall back to comparison, only among
    themselves."""
    seen: dict[object, int] = {}
    odd: list[tuple[int, object]] = []
    for index, item in enumerate(items):
        try:
            key = _unique_key(item)
        except (TypeError, RecursionError):
            for earlier, other in odd:
                if other == item:
                    return earlier, index
            odd.append((index, item))
            continue
        if key in seen:
            return seen[key], index
        seen[key] = index
    return None


def _is_integer(_checker, value) -> bool:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    return isinstance(value, numbers.Integral) or (math.isfinite(value) and float(value).is_integer())


@cache
def _draft():
    """Draft 2020-12, with whole-string patterns and numpy numbers counted as numbers."""
    jsonschema = _import_jsonschema()
    base = jsonschema.Draft202012Validator

    def pattern(validator, value, instance, _schema):
        if validator.is_type(instance, "string") and not re.search(_whole(value), instance):
            yield jsonschema.ValidationError(f"{_short(repr(instance), 60)} does not match {value!r}")

    def unique_items(validator, value, instance, _schema):
        if value and validator.is_type(instance, "array"):
            repeat = first_repeat(instance)
            if repeat is not None:
                first, again = repeat
                yield jsonschema.ValidationError(
                    f"item [{again}] repeats item [{first}] ({_short(repr(instance[again]), 60)}); "
                    "each item may appear once", path=[again])

    checker = base.TYPE_CHECKER.redefine_many({"number": _is_number, "integer": _is_integer})
    return jsonschema.validators.extend(base, {"pattern": pattern, "uniqueItems": unique_items},
                                        type_checker=checker)


@cache
def validator(name: str):
    """A Draft 2020-12 validator for the schema file `name` (the schema is checked first)."""
    draft = _draft()
    draft.check_schema(schema(name))
    return draft(schema(name))


def best_match(errors):
    """jsonschema's pick of the most relevant error among alternatives (oneOf/anyOf)."""
    return _import_jsonschema().exceptions.best_match(errors)


def _reason(error) -> tuple[list, str]:
    """(path, reason) for one schema error, in words an author can act on."""
    parts, reason = list(error.absolute_path), error.message
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        if missing:
            return parts + [missing[0]], "is required but missing"
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        if extra:
            hint = difflib.get_close_matches(extra[0], allowed, n=1)
            reason = "is not a known field" + (f" (did you mean {hint[0]!r}?)" if hint else "")
            return parts + [extra[0]], reason + ("; allowed: " + ", ".join(allowed) if allowed else "")
    elif error.validator == "enum":
        return parts, f"{_short(repr(error.instance), 60)} is not one of: " + ", ".join(map(str, error.validator_value))
    elif error.validator == "maxLength":
        return parts, f"is {len(error.instance):,} characters long; the limit is {error.validator_value}"
    elif error.validator == "minLength":
        return parts, "is empty" if not error.instance else f"is shorter than {error.validator_value} characters"
    shown = repr(error.instance)
    if len(shown) > 60 and shown in reason:  # jsonschema quotes the value whole: keep the reason readable
        reason = reason.replace(shown, _short(shown, 60))
    return parts, _short(reason)


def schema_problems(document: object, name: str, file: str, *, entry: str | None = None,
                    keyed: bool = False) -> list:
    """Every way `document` breaks the schema file `name`, as Problems naming entry and field.

    The entry is `entry` if given (a file that is one entry, such as an exercise), else found by
    `locate`. Values no schema can refuse (non-finite numbers, hostile strings in data built in
    Python rather than read from a file) are checked first, the same way the reader checks files."""
    from hipcontent.content.errors import Problem
    from hipcontent.content.reader import value_problems

    found = value_problems(document, file)  # bounded: huge lists are refused before the schema looks
    if found:
        return found
    for error in sorted(validator(name).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path]):
        if error.context:  # a choice between sub-schemas: report the closest match
            error = best_match(error.context)
        parts, reason = _reason(error)
        if entry is None:
            where, field = locate(document, parts, keyed)
        else:
            where, field = entry, path_text(parts)
        found.append(Problem(file, where, field or "(whole entry)", reason))
    return found


def checked(document: object, name: str, file: str, error, *, keyed: bool = False):
    """Raise `error` (a ContentError kind) if `document` breaks the schema `name`; otherwise
    return an empty Problems collector for the checks a schema cannot express."""
    from hipcontent.content.errors import Problems

    problems = Problems(file)
    problems.extend(schema_problems(document, name, file, keyed=keyed))
    problems.raise_if_any(error)
    return problems


def _short(message: str, limit: int = 200) -> str:
    """jsonschema quotes the offending value whole; a 20,000-letter value must not flood the report."""
    return message if len(message) <= limit else message[: limit - 1] + "…"
