"""The session form's plan made in the browser (static/session_plan.js) is Python's plan, run in
Chromium: for ready classes, a reordered class, every preset of every exercise, rest 0 and 600, an
untimeable preset, the most exercises a session may have. Compared: the table (rows, caption, the
table's DOM against SessionPlan.table().html), the total line, the refusal words, the timer payload
against plan.timer()'s, and the player page against printing.player's."""

from __future__ import annotations

import dataclasses
import json

import pytest
from offline_page import OFFLINE_READY, import_module, offline_page

from hipcontent.coaching.ready import ready_class
from hipcontent.content.exercises import load_library
from hipcontent.printing.player import player_html
from hipcontent.widgets.session_form import STATIC, SessionBuilder

pytestmark = pytest.mark.browser

# What the browser makes of one selection, with the form's own payload (window.formData).
RUN = """([chosen, rest, pythonTable]) => {
  const P = window.sessionPlan;
  const data = window.formData;
  const plan = P.buildPlan(data, chosen, rest);
  if (!plan.program) return { problem: plan.problem };
  const box = document.createElement("template");
  box.innerHTML = pythonTable;
  return {
    problem: plan.problem, rows: plan.rows, caption: plan.caption, totalLine: plan.totalLine, total: plan.total,
    timer: P.timerPayload(data, plan), player: P.playerPage(data, plan),
    sameTable: box.content.firstElementChild.isEqualNode(P.tableNode(document, plan.caption, P.PLAN_HEADER, plan.rows)),
  };
}"""


def _counted_march():
    march = load_library()["psoas-march"]  # a coach's copy that counts reps with no pace: it cannot be timed
    return dataclasses.replace(march, id="counted-march", name="Counted march", builtin=False, dosage=tuple(
        dataclasses.replace(d, seconds_per_rep=None, tempo=()) for d in march.dosage))


@pytest.fixture(scope="module")
def form_page(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("session-plan-js")
    library = load_library()
    builder = SessionBuilder([*library, _counted_march()], folder=folder / "out")
    path = offline_page(builder.form, folder / "form.html")
    page = chromium.new_page()
    page.goto(path.as_uri())
    page.wait_for_function(OFFLINE_READY)
    assert import_module(page, (STATIC / "session_plan.js").read_text(encoding="utf-8"), "sessionPlan") > 5
    page.evaluate("(text) => { window.formData = JSON.parse(text); }", builder.form.payload)
    yield builder, page
    page.close()
    builder.close()


def _every_preset():
    return [[e.id, p.id] for e in load_library() for p in e.dosage if p.timeable]


def _selections():
    library = load_library()
    picks = {f"ready {m}": ([[i.exercise_id, i.preset] for i in ready_class(m).items], int(ready_class(m).rest_between))
             for m in (15, 30, 45)}
    thirty = picks["ready 30"][0]
    picks["ready 30 reordered"] = (thirty[::-1], 45)
    picks["every preset, rest 0"] = (_every_preset(), 0)
    picks["twelve presets, rest 600"] = (_every_preset()[:12], 600)
    picks["one exercise"] = ([["supine-toe-tap", "post-30s"]], 600)
    picks["mixed presets, rest 17"] = ([["psoas-march", "beginner"], ["deep-lunge-side-bend-stretch", "short-holds"],
                                        ["psoas-march", "standard"], ["seated-knee-lift", "standard"]], 17)
    assert "seated-knee-lift" in library
    return picks


REFUSALS = {
    "untimeable preset": ([["supine-toe-tap", "standard"], ["counted-march", "beginner"]], 60),
    "past four hours": ([["supine-toe-tap", "post-60s"]] * 1000, 30),
    "every preset, rest 600: past four hours": (_every_preset(), 600),
    "too many phases": ([["seated-knee-lift", "standard"]] * 1000, 0),
    "past the most exercises": ([["supine-toe-tap", "post-30s"]] * 1001, 600),
}


def _python(builder, chosen, rest):
    with builder.form.hold_sync():
        builder.form.rest = rest
        builder.form.chosen = chosen
    return builder.plan


@pytest.mark.parametrize("name", list(_selections()))
def test_the_browsers_plan_is_pythons(form_page, name):
    builder, page = form_page
    chosen, rest = _selections()[name]
    plan = _python(builder, chosen, rest)
    assert plan is not None, builder.form.status
    got = page.evaluate(RUN, [chosen, rest, plan.table().html])
    assert got["problem"] == ""
    assert got["rows"] == [list(row) for row in plan.rows()]
    assert got["caption"] == plan.summary_line()
    assert got["sameTable"], "the table's DOM differs from SessionPlan.table().html"
    assert got["totalLine"] == builder.form.total
    assert got["total"] == plan.total_seconds
    timer = plan.timer()
    try:
        expected = json.loads(timer.payload)
    finally:
        timer.close()
    assert got["timer"]["phases"] == expected["phases"]
    assert got["timer"] == expected
    page_text = player_html(plan.program, **plan._timer_options({}))
    _same_player(got["player"], page_text)


def _same_player(browser: str, python: str) -> None:
    """The same page: every byte but the program's JSON, which must be the same data (JSON writes 10.0 as 10)."""
    start = '<script type="application/json" id="hipcontent-program">'

    def split(text):
        head, rest = text.split(start, 1)
        data, tail = rest.split("</script>", 1)
        return head, json.loads(data), tail

    b_head, b_data, b_tail = split(browser)
    p_head, p_data, p_tail = split(python)
    assert b_head == p_head
    assert b_tail == p_tail
    assert b_data == p_data


@pytest.mark.parametrize("name", list(REFUSALS))
def test_the_browser_refuses_in_pythons_words(form_page, name):
    builder, page = form_page
    chosen, rest = REFUSALS[name]
    plan = _python(builder, chosen, rest)
    got = page.evaluate(RUN, [chosen, rest, plan.table().html if plan else ""])
    if plan is None:
        assert builder.form.problem and got["problem"] == builder.form.problem
    else:  # 1,001 asked: both keep the first 1,000
        assert len(plan.items) == 1000 and got["rows"] == [list(row) for row in plan.rows()]


def test_a_title_with_quotes_and_markup_is_named_and_escaped_as_python_does(chromium, tmp_path):
    """The title goes into the caption, the refusal (Python's repr) and the player page (escaped)."""
    title = "Ann's \"hip\" <class> & co"
    builder = SessionBuilder(["supine-toe-tap", "psoas-march", _counted_march()], title=title, folder=tmp_path / "o")
    page = chromium.new_page()
    try:
        page.goto(offline_page(builder.form, tmp_path / "title.html").as_uri())
        page.wait_for_function(OFFLINE_READY)
        import_module(page, (STATIC / "session_plan.js").read_text(encoding="utf-8"), "sessionPlan")
        page.evaluate("(text) => { window.formData = JSON.parse(text); }", builder.form.payload)
        chosen = [["supine-toe-tap", "post-60s"], ["psoas-march", "standard"]]
        plan = _python(builder, chosen, 20)
        got = page.evaluate(RUN, [chosen, 20, plan.table().html])
        assert got["caption"] == plan.summary_line() and got["sameTable"]
        _same_player(got["player"], player_html(plan.program, **plan._timer_options({})))
        assert "&lt;class&gt; &amp; co" in got["player"] and "<class>" not in got["player"].split("<script")[0]
        long = [["supine-toe-tap", "post-60s"]] * 1000
        assert _python(builder, long, 30) is None
        assert page.evaluate(RUN, [long, 30, ""])["problem"] == builder.form.problem
        assert repr(title) in builder.form.problem
    finally:
        page.close()
        builder.close()
