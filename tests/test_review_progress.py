"""The review's progress file: saved atomically, reloaded, bounded; a damaged, truncated, foreign
or newer file gets a message naming it and the reason, is kept aside (never overwritten or
deleted), and the learner starts afresh."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcontent.review import progress as progress_module
from hipcontent.review.deck import Review
from hipcontent.review.progress import FORMAT, VERSION, Progress, load_progress

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
CARD = {"state": 2, "stability": 2.3, "difficulty": 2.1, "due": "2026-12-07T09:00:00+00:00",
        "last_review": "2026-12-05T09:00:00+00:00", "reviews": 1, "lapses": 0}


def _document(**changes) -> dict:
    document = {"format": FORMAT, "version": VERSION, "lessons": ["01-anatomy"],
                "cards": {"01-anatomy/iliopsoas-insertion": dict(CARD)}}
    document.update(changes)
    return document


def _write(path, document) -> bytes:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    path.write_bytes(data)
    return data


def test_save_and_reload(tmp_path):
    path = tmp_path / "review.json"
    _write(path, _document())
    loaded = load_progress(path)
    assert (loaded.lessons, loaded.cards, loaded.notice) == (["01-anatomy"], _document()["cards"], "")
    loaded.lessons.append("02-function")
    loaded.save()
    again = load_progress(path)
    assert again.lessons == ["01-anatomy", "02-function"] and again.cards == loaded.cards
    stored = json.loads(path.read_text())
    assert stored["format"] == FORMAT and stored["version"] == VERSION
    assert [p.name for p in tmp_path.iterdir()] == ["review.json"]  # no temporary file left behind


def test_a_missing_file_is_a_fresh_start_and_nothing_is_written(tmp_path):
    loaded = load_progress(tmp_path / "review.json")
    assert (loaded.lessons, loaded.cards, loaded.notice) == ([], {}, "")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "review.json"
    before = _write(path, _document())
    progress = load_progress(path)
    progress.cards["01-anatomy/x"] = {**CARD, "stability": float("nan")}  # not JSON: refused before writing
    with pytest.raises(ValueError):
        progress.save()
    assert path.read_bytes() == before
    progress.cards.pop("01-anatomy/x")

    monkeypatch.setattr(progress_module, "replacing", _failing_replacing(progress_module.replacing))
    with pytest.raises(OSError, match="disk full"):
        progress.save()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["review.json"]


def _failing_replacing(replacing):
    import contextlib

    @contextlib.contextmanager
    def failing(path, **kwargs):
        with replacing(path, **kwargs) as handle:
            handle.write("{\"format\": ")  # half written ...
            raise OSError("disk full")  # ... then the disk fills up
            yield handle

    return failing


BAD_FILES = {
    "truncated": (lambda data: data[: len(data) // 2], "cut short"),
    "not JSON": (lambda data: b"lessons = 01, 02\n", "not valid JSON"),
    "empty": (lambda data: b"", "empty"),
    "not text": (lambda data: b"\xff\xfe\x00binary", "not text"),
    "foreign": (lambda data: json.dumps({"cards": [], "deck": "someone else's"}).encode(), "not a hipcontent review file"),
    "a list": (lambda data: b"[1, 2, 3]", "not a hipcontent review file"),
    "newer": (lambda data: json.dumps(_document(version=VERSION + 1)).encode(), "newer hipcontent"),
    "extra field": (lambda data: json.dumps(_document(owner="x")).encode(), "fields a review file does not have"),
    "bad key": (lambda data: json.dumps(_document(cards={"../../etc": CARD})).encode(), "not \"<lesson>/<question id>\""),
    "bad lesson": (lambda data: json.dumps(_document(lessons=["<script>"])).encode(), "not a lesson name"),
    "NaN": (lambda data: data.replace(b"2.3", b"NaN"), "not valid JSON"),
    "difficulty out of range": (lambda data: data.replace(b"2.1", b"99"), "difficulty"),
    "bad date": (lambda data: data.replace(b"2026-12-07T09:00:00+00:00", b"next Tuesday"), "not a date"),
    "naive date": (lambda data: data.replace(b"2026-12-07T09:00:00+00:00", b"2026-12-07T09:00:00"), "time zone"),
    "year 9999": (lambda data: data.replace(b"2026-12-07", b"9999-12-07"), "2000"),
    "negative count": (lambda data: data.replace(b"\"reviews\": 1", b"\"reviews\": -1"), "reviews"),
    "huge number": (lambda data: data.replace(b"2.3", b"1" + b"0" * 400), "stability"),
    "boolean state": (lambda data: data.replace(b"\"state\": 2", b"\"state\": true"), "state"),
    "deep nesting": (lambda data: b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_an_unreadable_file_is_kept_aside_with_a_message_and_the_learner_starts_afresh(tmp_path, name):
    damage, reason = BAD_FILES[name]
    path = tmp_path / "hipcontent-review.json"
    bad = _write(path, damage(json.dumps(_document()).encode()))
    loaded = load_progress(path)
    assert (loaded.lessons, loaded.cards) == ([], {})
    assert "hipcontent-review.json" in loaded.notice and reason in loaded.notice
    assert "hipcontent-review-damaged.json" in loaded.notice and "nothing deleted" in loaded.notice
    assert (tmp_path / "hipcontent-review-damaged.json").read_bytes() == bad  # kept, byte for byte
    assert not path.exists()


def test_a_second_damaged_file_never_replaces_the_first_one_kept(tmp_path):
    path = tmp_path / "hipcontent-review.json"
    _write(path, b"first damaged")
    load_progress(path)
    _write(path, b"second damaged")
    loaded = load_progress(path)
    assert "hipcontent-review-damaged-2.json" in loaded.notice
    assert (tmp_path / "hipcontent-review-damaged.json").read_bytes() == b"first damaged"
    assert (tmp_path / "hipcontent-review-damaged-2.json").read_bytes() == b"second damaged"


def test_the_review_starts_afresh_after_a_damaged_file_and_saves_a_good_one(tmp_path):
    path = tmp_path / "hipcontent-review.json"
    _write(path, b'{"format": "hipcontent-review", "version": 1, "lessons": ["01-anat')
    review = Review(path, now=NOW)
    assert "cut short" in review.notice
    review.study(["01-anatomy"])
    assert load_progress(path).lessons == ["01-anatomy"]
    assert (tmp_path / "hipcontent-review-damaged.json").exists()


def test_bounds_on_what_the_file_may_hold(tmp_path, monkeypatch):
    path = tmp_path / "review.json"
    monkeypatch.setattr(progress_module, "MAX_BYTES", 1000)
    _write(path, _document(cards={f"01-anatomy/q{i}": CARD for i in range(50)}))
    assert "larger than" in load_progress(path).notice
    monkeypatch.setattr(progress_module, "MAX_BYTES", 2_000_000)
    monkeypatch.setattr(progress_module, "MAX_CARDS", 10)
    _write(path, _document(cards={f"01-anatomy/q{i}": CARD for i in range(11)}))
    assert "at most 10" in load_progress(path).notice
    _write(path, _document(lessons=[f"{i:02d}-x" for i in range(51)]))
    assert "at most 50" in load_progress(path).notice
    _write(path, _document(cards={"01-anatomy/" + "q" * 300: CARD}))
    assert "not \"<lesson>/<question id>\"" in load_progress(path).notice


def test_a_file_that_cannot_be_set_aside_says_what_to_do(tmp_path, monkeypatch):
    path = tmp_path / "review.json"
    _write(path, b"garbage")

    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(progress_module, "set_aside", refuse)
    with pytest.raises(OSError, match="move it away yourself"):
        load_progress(path)
    assert path.read_bytes() == b"garbage"


def test_a_folder_is_not_a_review_file(tmp_path):
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(IsADirectoryError, match="is a folder"):
        load_progress(tmp_path / "folder.json")


def test_the_path_is_checked(tmp_path):
    with pytest.raises(ValueError, match=r"\.json"):
        load_progress(tmp_path / "review.txt")
    with pytest.raises(TypeError):
        load_progress(42)
    assert isinstance(load_progress(tmp_path / "r.json"), Progress)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300),
                      st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                                   lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                                   max_leaves=20).map(lambda value: json.dumps({"format": FORMAT, "version": 1, "cards": value}).encode())))
def test_any_file_content_gives_a_progress_or_a_fresh_start_with_a_message(tmp_path, data):
    path = tmp_path / "fuzz.json"
    for kept in tmp_path.glob("fuzz-damaged*.json"):
        kept.unlink()
    path.write_bytes(data)
    loaded = load_progress(path)  # never raises for what is inside the file
    assert isinstance(loaded.cards, dict) and isinstance(loaded.lessons, list)
    if loaded.notice:
        assert "fuzz.json" in loaded.notice and (tmp_path / "fuzz-damaged.json").read_bytes() == data
    else:
        assert path.read_bytes() == data
