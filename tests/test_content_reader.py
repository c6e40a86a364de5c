"""The one YAML reader: regular files only, limits, no aliases/tags/duplicates, YAML 1.2 values."""

from __future__ import annotations

import ast
import os
import threading
from pathlib import Path

import pytest

import hipcontent
from hipcontent.content.errors import ContentError
from hipcontent.content.reader import MAX_DEPTH, parse_yaml, read_yaml

PACKAGE = Path(hipcontent.__file__).parent


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: 010", {"a": 10}),  # decimal, not octal 8
        ("a: 1:30", {"a": "1:30"}),  # text, not sexagesimal 90
        ("a: yes\nb: no\nc: on\nd: off\ne: y\nf: n", {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "y", "f": "n"}),
        ("a: 2024-03-01", {"a": "2024-03-01"}),  # dates stay text
        ("a: 2024-03-01 10:00:00", {"a": "2024-03-01 10:00:00"}),
        ("a: 0x1F\nb: 0o17\nc: 1_000", {"a": "0x1F", "b": "0o17", "c": "1_000"}),  # no 1.1 integer forms
        ("a: true\nb: False\nc: null\nd: ~\ne:", {"a": True, "b": False, "c": None, "d": None, "e": None}),
        ("a: 1.5\nb: -2e3\nc: .5\nd: 7", {"a": 1.5, "b": -2000.0, "c": 0.5, "d": 7}),
        ("a: '<<'\n'<<': x", {"a": "<<", "<<": "x"}),
        ("a: =", {"a": "="}),
    ],
)
def test_yaml_1_2_core_values(text, expected):
    assert parse_yaml(text, "t.yaml") == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("a: &x [1]\nb: *x", "anchor or alias"),
        ("a: &x 1", "anchor or alias"),
        ("a: !!python/object:os.system x", "YAML tag"),
        ("a: !!binary aGk=", "YAML tag"),
        ("a: !!str 5", "YAML tag"),
        ("a: !custom 5", "YAML tag"),
        ("a: 1\na: 2", "repeats the key 'a'"),
        ("1: x", "keys must be text"),
        ("true: x", "keys must be text"),
        ("? [a]\n: x", "keys must be text"),
        ("a: .inf", "not a finite number"),
        ("a: -.Inf", "not a finite number"),
        ("a: .nan", "not a finite number"),
        ("a: 1e999", "not a finite number"),
        ("a: 12345678901234567890", "too large"),
        ("a: " + "9" * 5000, "too large"),
        ("a: 2e15", "larger than"),
        ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "levels deep"),
        ("a: [unclosed", "is not valid YAML"),
        ("a: \"\\u202e\"", "bidirectional"),
        ("a: \"x\\u2066y\"", "bidirectional"),
        ("a: \"\\ud800\"", "lone surrogate"),
        ("a: \"\\x07\"", "control character"),
        ("a: \"   \"", "only white space"),
        ("a: " + "x" * 5001, "5,001 characters"),
        ("\"k\\u202e\": 1", "bidirectional"),
    ],
)
def test_hostile_yaml_is_refused_naming_the_file(text, reason):
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "hostile.yaml")
    assert reason in str(caught.value) and str(caught.value).startswith("hostile.yaml")
    assert all(p.file == "hostile.yaml" for p in caught.value.problems)


def test_billion_laughs_is_refused_at_the_first_anchor():
    text = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    with pytest.raises(ContentError, match="anchor or alias"):
        parse_yaml(text, "laughs.yaml")


def test_bad_strings_are_named_by_entry_and_field():
    with pytest.raises(ContentError) as caught:
        parse_yaml("items:\n  - id: first\n    text: ok\n  - id: second\n    text: \"a\\u202eb\"\n", "f.yaml")
    problem = caught.value.problems[0]
    assert (problem.file, problem.entry, problem.field) == ("f.yaml", "second", "text")


def test_not_utf8_names_the_file_and_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: ok\nb: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ContentError, match=r"latin1\.yaml: is not UTF-8 text \(byte 13, line 2\)"):
        read_yaml(path)


def test_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("a: '" + "x" * 300_000 + "'\n")
    with pytest.raises(ContentError, match="larger than 256 KiB"):
        read_yaml(path)
    with pytest.raises(ContentError, match="larger than 1 KiB"):
        read_yaml(path, max_bytes=1024)


def test_a_named_pipe_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    outcome = {}

    def attempt():
        try:
            read_yaml(fifo)
        except ContentError as error:
            outcome["error"] = error

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "read_yaml blocked on a named pipe"
    assert "named pipe" in str(outcome["error"]) and "pipe.yaml" in str(outcome["error"])


def test_a_folder_or_missing_file_is_named(tmp_path):
    with pytest.raises(ContentError, match="is a folder"):
        read_yaml(tmp_path, "folder")
    with pytest.raises(ContentError, match=r"missing\.yaml: cannot be read"):
        read_yaml(tmp_path / "missing.yaml", "missing.yaml")


def test_every_shipped_data_file_reads():
    for path in sorted((PACKAGE / "data").rglob("*.yaml")):
        read_yaml(path)


def test_no_module_but_the_reader_imports_yaml():
    importers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "yaml" or name.startswith("yaml.") for name in names):
                importers.append(str(path.relative_to(PACKAGE)))
    assert sorted(set(importers)) == ["content/reader.py"]


def test_the_text_check_refuses_exactly_control_characters_surrogates_and_bidi():
    import unicodedata

    from hipcontent.content.reader import _BIDI, text_problem

    for code in range(0x10000):
        char = chr(code)
        unwanted = char not in "\t\n" and (unicodedata.category(char) in ("Cc", "Cs") or char in _BIDI)
        reason = text_problem(f"a{char}b")
        assert bool(reason) == unwanted and ("white space" not in reason), hex(code)
