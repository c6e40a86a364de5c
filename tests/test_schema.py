import subprocess
import sys

from hipcontent.content.schema import validator


def test_validator_reports_what_breaks_a_schema():
    errors = list(validator("quizzes/schema.json").iter_errors({"lesson": 1}))
    assert errors, "a document of the wrong shape must not pass"


def test_jsonschema_is_imported_without_building_the_iri_grammar():
    probe = (
        "import sys, hipcontent.content.schema as s; s.validator('exercise.schema.json');"
        "print('rfc3987_syntax' in sys.modules);"
        "import rfc3987_syntax; print('importable')"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "importable"]
