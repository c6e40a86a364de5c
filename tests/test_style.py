"""Projector style: it changes rcParams in one place and always puts them back."""

import copy

import matplotlib
import nbformat
import pytest
from conftest import NOTEBOOKS
from matplotlib.figure import Figure

from hipcontent.figures import style
from hipcontent.figures.palette import OKABE_ITO


@pytest.fixture(autouse=True)
def _always_off():
    yield
    style.use_projector_style(False)


def _snapshot():
    return copy.deepcopy(dict(matplotlib.rcParams))


def test_context_manager_sets_and_restores_rcparams():
    before = _snapshot()
    with style.projector_style():
        assert matplotlib.rcParams["font.size"] == style.PROJECTOR_RC["font.size"] > before["font.size"]
        assert matplotlib.rcParams["lines.linewidth"] > before["lines.linewidth"]
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == list(style.PROJECTOR_CYCLE)
    assert _snapshot() == before


def test_context_manager_restores_rcparams_after_an_error():
    before = _snapshot()
    with pytest.raises(RuntimeError):
        with style.projector_style():
            raise RuntimeError("drawing failed")
    assert _snapshot() == before


def test_switch_on_then_off_restores_everything_even_when_repeated():
    before = _snapshot()
    assert bool(style.use_projector_style()) and style.is_projector_style_on()
    style.use_projector_style(True)  # twice: must not save the projector values as "before"
    assert matplotlib.rcParams["font.size"] == style.PROJECTOR_RC["font.size"]
    assert not style.use_projector_style(False)
    assert _snapshot() == before
    style.use_projector_style(False)
    assert _snapshot() == before


def test_switch_reports_its_state_in_words():
    assert repr(style.use_projector_style()).startswith("Projector style on: text 18 pt")
    assert repr(style.use_projector_style(False)) == "Projector style off: matplotlib's usual sizes."


def test_switch_refuses_non_bool():
    with pytest.raises(ValueError, match="True or False"):
        style.use_projector_style("yes")


def test_figures_built_in_the_style_get_large_text_and_thick_lines():
    with style.projector_style():
        figure = Figure(figsize=(4, 3))
        axes = figure.add_subplot()
        (line,) = axes.plot([0, 1], [0, 1])
        label = axes.set_xlabel("seconds")
        tick_size = axes.xaxis.get_major_ticks()[0].label1.get_fontsize()
    assert line.get_linewidth() == style.PROJECTOR_RC["lines.linewidth"]
    assert line.get_color().upper() == OKABE_ITO["blue"]
    assert label.get_fontsize() > 18  # "large" relative to 18 pt
    assert tick_size == 18


def test_cycle_is_okabe_ito_without_faint_yellow():
    assert set(style.PROJECTOR_CYCLE) <= set(OKABE_ITO.values())
    assert OKABE_ITO["yellow"] not in style.PROJECTOR_CYCLE
    assert len(set(style.PROJECTOR_CYCLE)) == len(style.PROJECTOR_CYCLE)


def _notebook(*slide_types):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("nav", metadata={"tags": ["navigation"]})]
    for slide_type in slide_types:
        metadata = {} if slide_type is None else {"slideshow": {"slide_type": slide_type}}
        notebook.cells.append(nbformat.v4.new_markdown_cell("x", metadata=metadata))
    return notebook


def test_slide_check_accepts_complete_metadata_and_skips_navigation():
    assert style.slide_problems(_notebook("slide", "-", "fragment", "subslide", "notes", "skip")) == []


def test_slide_check_names_missing_invalid_and_first_cell_problems():
    problems = style.slide_problems(_notebook("fragment", None, "page"))
    assert any("cell 2" in p and "must start a slide" in p for p in problems)
    assert any("cell 3" in p and "no slideshow.slide_type" in p for p in problems)
    assert any("cell 4" in p and "'page'" in p for p in problems)


def test_coach_session_notebook_works_as_slides():
    notebook = nbformat.read(NOTEBOOKS / "06-coach-session.ipynb", as_version=4)
    assert style.slide_problems(notebook) == []
