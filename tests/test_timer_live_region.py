"""The kernel-side timer's status line: one persistent live region whose text changes on phase
and state changes only, never on the ticks in between."""

from __future__ import annotations

from hipcontent.widgets import timer as timer_widget
from hipcontent.widgets.timer import ExerciseTimer, LiveRegion


class FakeClock:
    def __init__(self):
        self.now = 50.0

    def __call__(self):
        return self.now


def test_the_status_is_one_live_region_widget_updated_on_phase_changes_only():
    clock = FakeClock()
    timer = ExerciseTimer.alternating(30, clock=clock)
    region = timer.status_html
    assert isinstance(region, LiveRegion) and "hipcontent-timer-status" in region._dom_classes
    spoken = []
    region.observe(lambda change: spoken.append(change["new"]), names="text")
    timer.start_button.click()
    for _ in range(29):  # 29 seconds of ticks inside the first hold
        clock.now += 1
        timer.tick()
    assert region is timer.status_html  # the same widget (and page node) all along
    assert spoken == ["RIGHT leg. Hold, 30 seconds."]  # one change for starting, none for the ticks
    clock.now += 2  # into "switch sides"
    timer.tick()
    assert len(spoken) == 2 and spoken[-1] != spoken[0]
    timer.start_button.click()
    assert spoken[-1].startswith("Paused.")
    for task in list(timer_widget._LIVE_TASKS):
        task.cancel()


def test_the_status_text_is_escaped_in_its_html_view():
    region = LiveRegion(text="<b>Hold</b> & breathe")
    assert region.value == ('<div role="status" aria-live="polite" aria-atomic="true">'
                            "&lt;b&gt;Hold&lt;/b&gt; &amp; breathe</div>")


def test_the_front_end_makes_the_node_once_and_sets_text_only():
    script = LiveRegion._esm
    assert script.count("createElement") == 1 and "textContent" in script and "innerHTML" not in script


def test_the_timer_brings_the_course_stylesheet_and_a_visible_focus_rule():
    from hipcontent.views.display import course_css

    css = LiveRegion._css
    assert css.startswith(course_css())
    assert "outline: 3px solid var(--jp-brand-color1)" in css and "outline-offset: 2px" in css
    timer = ExerciseTimer.countdown(5)
    assert "hipcontent-timer-buttons" in timer.children[5]._dom_classes
