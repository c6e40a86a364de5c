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
