"""The one PDF writer: all pages or nothing, the old file kept on any failure, one glyph warning."""

from __future__ import annotations

import os
import warnings

import pytest
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from hipcontent.figures.text import MissingGlyphWarning
from hipcontent.printing.pdf import PrintedPDF, pdf_path, save_pdf

OLD = b"%PDF-1.4 the coach's old handout, which must survive\n%%EOF\n"


class Exploding(Artist):
    """An artist that fails when drawn: a page that breaks halfway through the file."""

    def draw(self, renderer):
        raise RuntimeError("the page broke while drawing")


def _page(text="A page", fail=False) -> Figure:
    figure = Figure(figsize=(8.27, 11.69))
    figure.text(0.1, 0.9, text, parse_math=False)
    if fail:
        figure.add_artist(Exploding())
    return figure


def _leftovers(folder):
    return sorted(name for name in os.listdir(folder) if name != "handout.pdf")


def test_a_page_failing_mid_write_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "handout.pdf"
    target.write_bytes(OLD)
    pages = [_page("one"), _page("two"), _page("three", fail=True), _page("four")]
    with pytest.raises(RuntimeError, match="the page broke"):
        save_pdf(pages, target, what="Handout", title="t", overwrite=True)
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []  # the temporary file is gone too


def test_an_interrupt_mid_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    from matplotlib.backends import backend_pdf

    target = tmp_path / "handout.pdf"
    target.write_bytes(OLD)
    calls = []

    def interrupted(self, figure=None, **kwargs):
        calls.append(figure)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, figure, **kwargs)

    real = backend_pdf.PdfPages.savefig
    monkeypatch.setattr(backend_pdf.PdfPages, "savefig", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_pdf([_page(), _page(), _page()], target, what="Handout", title="t", overwrite=True)
    assert target.read_bytes() == OLD and _leftovers(tmp_path) == []


def test_success_replaces_the_file_keeping_its_permissions(tmp_path):
    target = tmp_path / "handout.pdf"
    target.write_bytes(OLD)
    os.chmod(target, 0o640)
    printed = save_pdf([_page(), _page()], target, what="Handout", title="t", overwrite=True)
    assert printed == PrintedPDF("Handout", target, 2) and repr(printed) == f"Handout written: {target.as_posix()} (2 pages)"
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and data != OLD and b"CreationDate" not in data
    assert os.stat(target).st_mode & 0o777 == 0o640 and _leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        save_pdf(_page(), tmp_path / "handout.pdf", what="Cards", title="t")
    finally:
        os.umask(umask)
    assert os.stat(tmp_path / "handout.pdf").st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("path", "message"),
    [("", "path must be a file name"), (None, "path must be a file name"), ("h.txt", "must end in .pdf"),
     ("missing/h.pdf", "does not exist"), ("folder.pdf", "is a folder")],
)
def test_bad_paths_are_refused_before_any_page_is_drawn(tmp_path, monkeypatch, path, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(ValueError, match=message):
        pdf_path(path)


def test_pages_must_be_figures(tmp_path):
    with pytest.raises(ValueError, match="no pages given"):
        save_pdf([], tmp_path / "h.pdf", what="Cards", title="t")
    with pytest.raises(ValueError, match="page 2 must be a matplotlib Figure; got str"):
        save_pdf([_page(), "page"], tmp_path / "h.pdf", what="Cards", title="t")
    assert not (tmp_path / "h.pdf").exists()


def test_missing_glyphs_are_named_in_one_warning(tmp_path):
    pages = [_page("Lift \U0001F3CB \U0001F3CB"), _page("Fire \U0001F525"), _page("Plain text")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save_pdf(pages, tmp_path / "emoji.pdf", what="Cards", title="t")
    ours = [w for w in caught if issubclass(w.category, MissingGlyphWarning)]
    assert len(ours) == 1 and not [w for w in caught if "missing from font" in str(w.message)]
    message = str(ours[0].message)
    assert message.startswith("Cards emoji.pdf: the font (DejaVuSans.ttf) has no glyph for")
    assert "U+1F3CB WEIGHT LIFTER" in message and "U+1F525 FIRE" in message and "write them as words" in message
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save_pdf([_page("Ünïcödé — “quotes” · ✓ \U0001F600")], tmp_path / "fine.pdf", what="Cards", title="t")
    assert not caught  # characters the font has (DejaVu Sans even has this smiley): no warning at all


def test_replacing_writes_text_in_full_or_not_at_all(tmp_path):
    from hipcontent.printing.files import replacing

    target = tmp_path / "handout.pdf"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OSError):
        with replacing(target, text=True, overwrite=True) as handle:
            handle.write("half of the new")
            raise OSError("disk full")
    assert target.read_text(encoding="utf-8") == "old" and _leftovers(tmp_path) == []
    with replacing(target, text=True, overwrite=True) as handle:
        handle.write("new ✓\n")
    assert target.read_bytes() == "new ✓\n".encode() and _leftovers(tmp_path) == []


# --- nothing of the coach's is lost (issue 17 item 6) and no process-wide side effects (issue 21 item 7)


def test_an_existing_file_is_never_replaced_without_overwrite(tmp_path):
    target = tmp_path / "handout.pdf"
    target.write_bytes(OLD)
    with pytest.raises(FileExistsError) as caught:
        save_pdf([_page()], target, what="Handout", title="t")
    message = str(caught.value)
    assert message.startswith(f"{target.as_posix()} already exists and was left as it is")
    assert "overwrite=True" in message and "'handout-2.pdf'" in message
    assert target.read_bytes() == OLD and _leftovers(tmp_path) == []


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path):
    from hipcontent.printing.files import replacing

    target = tmp_path / "player.html"
    with pytest.raises(FileExistsError, match="player.html already exists"):
        with replacing(target, text=True, overwrite=False) as handle:
            handle.write("ours")
            target.write_text("the coach's, saved meanwhile", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "the coach's, saved meanwhile"
    assert [p.name for p in tmp_path.iterdir()] == ["player.html"]  # no temporary file left


def test_overwrite_must_be_a_bool(tmp_path):
    with pytest.raises(ValueError, match="overwrite must be True or False"):
        save_pdf([_page()], tmp_path / "h.pdf", what="Cards", title="t", overwrite="no")


def test_next_free_path_counts_on_from_the_name(tmp_path):
    from hipcontent.printing.files import next_free_path

    target = tmp_path / "handout.pdf"
    assert next_free_path(target) == target
    target.write_bytes(b"x")
    assert next_free_path(target) == tmp_path / "handout-2.pdf"
    (tmp_path / "handout-2.pdf").write_bytes(b"x")
    assert next_free_path(target) == tmp_path / "handout-3.pdf"
    assert next_free_path(tmp_path / "handout-2.pdf") == tmp_path / "handout-3.pdf"
    (tmp_path / "my-session").mkdir()
    assert next_free_path(tmp_path / "my-session") == tmp_path / "my-session-2"


def test_the_writer_never_touches_the_process_umask(tmp_path, monkeypatch):
    from hipcontent.printing import files

    calls = []
    monkeypatch.setattr(files.os, "umask", lambda *a: calls.append(a) or 0o022)
    save_pdf([_page()], tmp_path / "new.pdf", what="Cards", title="t")
    with files.replacing(tmp_path / "new.txt", text=True) as handle:
        handle.write("x")
    assert calls == []


def test_another_threads_files_keep_the_umask_while_the_writer_works(tmp_path):
    import threading

    from hipcontent.printing.files import replacing

    previous = os.umask(0o022)
    try:
        stop = threading.Event()
        made = []

        def other_thread():
            n = 0
            while not stop.is_set() and n < 2000:
                path = tmp_path / f"other-{n}.txt"
                with open(path, "w") as handle:
                    handle.write("x")
                made.append(path)
                n += 1

        worker = threading.Thread(target=other_thread)
        worker.start()
        try:
            for n in range(60):
                with replacing(tmp_path / f"ours-{n}.txt", text=True) as handle:
                    handle.write("ours")
        finally:
            stop.set()
            worker.join()
        assert made and all(os.stat(p).st_mode & 0o777 == 0o644 for p in made)
        assert all(os.stat(tmp_path / f"ours-{n}.txt").st_mode & 0o777 == 0o644 for n in range(60))
    finally:
        os.umask(previous)


def test_footers_count_the_pages_of_the_whole_document(tmp_path):
    from hipcontent.coaching.session import plan_session

    plan = plan_session(["supine-toe-tap", "psoas-march"])
    written = plan.handout(tmp_path / "handout.pdf")
    from hipcontent.printing.cards import card_pages
    from hipcontent.printing.handout import plan_pages

    pages = plan_pages(plan) + [p for item in plan.items for p in card_pages(item.exercise, item.dosage)]
    from hipcontent.printing.layout import number_pages

    number_pages(pages)
    footers = [page.texts[-1].get_text() for page in pages]
    assert written.pages == len(pages) >= 3
    assert [f[-len(f"page {i} of {len(pages)}"):] for i, f in enumerate(footers, 1)] == [
        f"page {i} of {len(pages)}" for i in range(1, len(pages) + 1)]
