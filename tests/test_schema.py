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


def _schema_names():
    from pathlib import Path

    import hipcontent

    data = Path(hipcontent.__file__).parent / "data"
    return sorted(str(p.relative_to(data)) for p in data.rglob("*.json") if "schema" in p.name)


def test_every_schema_file_is_valid_and_used_by_a_loader():
    from pathlib import Path

    import hipcontent

    sources = "\n".join(p.read_text("utf-8") for p in (Path(hipcontent.__file__).parent / "content").glob("*.py"))
    for name in _schema_names():
        validator(name)  # checks the schema itself
        assert f'"{name}"' in sources, f"{name} is read by no loader"


def test_patterns_match_whole_strings_and_numpy_numbers_are_numbers():
    import numpy as np

    check = validator("lessons.schema.json")
    entry = {"file": "01-anatomy.ipynb", "title": "T", "summary": "S", "minutes": np.int64(5)}
    assert not list(check.iter_errors([entry]))
    assert list(check.iter_errors([{**entry, "file": "01-anatomy.ipynb\n"}]))  # '$' would allow it
    assert not list(check.iter_errors([{**entry, "minutes": 5.0}]))  # a whole number written 5.0
    assert list(check.iter_errors([{**entry, "minutes": 5.5}]))
