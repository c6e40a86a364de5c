"""The course as a static, offline site (issue 22), built fresh and opened in Chromium.

The site is built once for the module (every lesson executed in a temporary copy, exported through
the site's own template), served from 127.0.0.1, and every request that is not to that server is
blocked and recorded. What is checked here: no page asks for anything outside the site, every
lesson's widgets start with no kernel, its "Go deeper" sections are closed <details>, figures load, a quiz judges answers and keeps its score in
the browser, a lesson timer counts and pauses, the pages work from file://, and after one visit a
reload works with the network gone (service worker), no page is wider than a 390 px phone, and axe
finds no serious issue in the light scheme at 1280 px or the dark one (the lessons follow the
reader's system, as JupyterLab's dark theme) at 390 px. Every widget of every lesson starts with no
"needs Python" line; dragging the explorer changes its picture and words; the session form makes a
plan and starts its timer.
"""

from __future__ import annotations

import functools
import http.server
import json
import posixpath
import re
import sys
import threading
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect
import static_site  # tools/ is on sys.path (tests/conftest.py)

pytestmark = pytest.mark.browser

READY = "document.documentElement.dataset.hipWidgets === 'ready'"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a page left mid-load resets its connection
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    report = static_site.build(out, execute_all=True, quiet=True)
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield out, f"http://127.0.0.1:{server.server_address[1]}", report
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def visit(site, chromium):
    """A fresh browser context whose non-site requests are blocked and recorded."""
    out, base, _ = site
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith((base, "blob:", "data:", "file:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page, base, outside, errors
    finally:
        context.close()


def test_the_build_lists_every_page_within_the_size_budget(site):
    out, _, report = site
    lessons = [path.with_suffix(".html").name for path in static_site.lesson_files()]
    assert set(lessons) <= set(report["pages"]) and "index.html" in report["pages"]
    assert {f"players/ready-{m}.html" for m in static_site.READY_MINUTES} <= set(report["pages"])
    assert sum(page.startswith("exercises/") for page in report["pages"]) >= 12
    assert (out / "sheets" / "class-30-participant.pdf").read_bytes().startswith(b"%PDF")
    assert 0 < report["bytes"] <= static_site.BUDGET_BYTES
    for notebook in static_site.lesson_files():  # each collapsed "Go deeper" section is a closed <details>
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        collapsed = sum(bool(c.get("metadata", {}).get("jp-MarkdownHeadingCollapsed")) for c in cells)
        html = (out / notebook.with_suffix(".html").name).read_text(encoding="utf-8")
        assert html.count('<details class="hip-site-deeper">') == collapsed, notebook.name
        assert html.count("<details") == html.count("</details>"), notebook.name
    worker = (out / "sw.js").read_text(encoding="utf-8")
    assert all(f'"{page}"' in worker for page in report["pages"])  # every page is cached for offline use


# What sticks out past the right edge of a phone's screen without a box of its own that scrolls it.
TOO_WIDE = """() => { const width = document.documentElement.clientWidth; const found = [];
  for (const node of document.querySelectorAll('main *')) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let up = node.parentElement, scrolls = false;
    for (; up; up = up.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) { scrolls = true; break; }
    if (!scrolls) found.push(`${node.tagName}.${node.className} right edge ${Math.round(box.right)}`);
  }
  return found.slice(0, 5); }"""


class Anchors(HTMLParser):
    """A page's link targets and the ids it offers."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def test_every_link_inside_the_site_reaches_its_page_and_place(site):
    out, _, report = site
    parsed = {}
    for name in report["pages"]:
        parsed[name] = Anchors()
        parsed[name].feed((out / name).read_text(encoding="utf-8"))
    broken, checked = [], 0
    for name, anchors in parsed.items():
        for href in anchors.hrefs:
            link = urlsplit(href)
            if link.scheme or link.netloc:
                continue  # references on the web open in the browser as links do anywhere
            checked += 1
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(link.path))) if link.path else name
            if not (out / target).is_file():
                broken.append(f"{name}: {href}")
            elif link.fragment and target in parsed and not {link.fragment, unquote(link.fragment)} & parsed[target].ids:
                broken.append(f"{name}: {href}")  # a browser tries the fragment as written, then decoded
    assert checked > 300  # lessons to lessons, contents, references, exercises, players
    assert any(href.startswith("exercises/") for href in parsed["04-exercises.html"].hrefs)  # cards -> pages
    assert broken == []


def test_every_page_loads_nothing_from_outside_and_its_widgets_start(site, visit):
    out, _, report = site
    page, base, outside, errors = visit
    for name in report["pages"]:
        page.goto(f"{base}/{name}")
        if re.fullmatch(r"\d\d-[a-z0-9-]+\.html", name):
            page.wait_for_function(READY, timeout=20000)
            assert page.locator(".hip-site-widget-error").count() == 0, name
            assert page.locator(".hip-site-needs-python").count() == 0, f"{name}: a widget still needs Python"
        broken = page.evaluate("""() => [...document.images].filter(i => i.loading !== 'lazy'
            && !i.closest('.hip-explorer, .hip-quiz') && !(i.complete && i.naturalWidth)).map(i => i.alt)""")
        assert broken == [], f"{name}: figures not shown: {broken}"
        links = page.evaluate("() => [...document.querySelectorAll('a[href$=\".ipynb\"]')].map(a => a.href)")
        assert links == [], f"{name} links to notebooks: {links[:3]}"
        assert page.evaluate(TOO_WIDE) == [], f"{name}: wider than a 390 px phone"
    assert outside == [], f"requests outside the site: {outside[:5]}"
    assert errors == []


def test_a_quiz_judges_and_scores_in_the_browser_with_no_kernel(visit):
    page, base, _, _ = visit
    page.goto(f"{base}/01-anatomy.html")
    page.wait_for_function(READY, timeout=20000)
    quiz = page.locator(".hip-quiz").first
    question = quiz.locator(".hip-quiz-question").first  # where the iliopsoas inserts
    feedback, score = question.locator(".hip-quiz-feedback"), quiz.locator(".hip-quiz-score")
    question.get_by_role("radio", name=re.compile("greater trochanter", re.I)).check()
    question.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Your choice, wrong")
    expect(score).to_contain_text("0 right")
    question.get_by_role("radio", name=re.compile("lesser trochanter", re.I)).check()
    question.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Your choice, right")
    expect(score).to_contain_text("1 right")


def test_a_lesson_timer_counts_and_pauses_in_the_browser(visit):
    page, base, _, _ = visit
    page.clock.install()
    page.goto(f"{base}/05-timers.html")
    page.wait_for_function(READY, timeout=20000)
    clock = page.locator(".hipcontent-clock").first
    digits = clock.locator(".hipcontent-clock-digits")
    before = digits.inner_text()
    clock.get_by_role("button", name=re.compile("^(Start|Resume)")).click()
    page.clock.run_for(3000)
    running = digits.inner_text()
    assert running != before
    clock.focus()
    page.keyboard.press("Space")
    page.clock.run_for(3000)
    assert digits.inner_text() == running  # paused


CANVAS_HASH = "canvas => canvas.toDataURL().length + ':' + canvas.toDataURL().slice(-64)"


def test_dragging_the_explorer_changes_its_picture_and_its_words(visit):
    page, base, _, errors = visit
    page.goto(f"{base}/02-function.html")
    page.wait_for_function(READY, timeout=20000)
    explorer = page.locator(".hip-explorer").first
    canvas, words = explorer.locator("canvas"), explorer.locator(".hip-explorer-words")
    explorer.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.hip-explorer canvas[data-pose]')")
    before_picture, before_words = canvas.evaluate(CANVAS_HASH), words.inner_text()
    before_pose = canvas.get_attribute("data-pose")
    slider = explorer.get_by_role("slider", name="Hip flexion (degrees)")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] / 2)  # a finger's drag
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    expect(canvas).not_to_have_attribute("data-pose", before_pose)
    expect(words).not_to_have_text(before_words, timeout=5000)
    assert canvas.evaluate(CANVAS_HASH) != before_picture
    assert errors == []


def test_the_session_form_makes_a_plan_and_starts_its_timer(visit):
    page, base, _, errors = visit
    page.clock.install()
    page.goto(f"{base}/06-coach-session.html")
    page.wait_for_function(READY, timeout=20000)
    form = page.locator(".hip-session-form").first
    rows = form.locator(".hip-session-plan tbody tr")
    before, total = rows.count(), form.locator(".hip-session-total").inner_text()
    assert before > 0  # the form starts from a ready class
    form.get_by_label("Exercise", exact=True).select_option("heel-slide")
    form.get_by_role("button", name="Add to the session").click()
    expect(rows).to_have_count(before + 1)
    expect(form.locator(".hip-session-total")).not_to_have_text(total)
    form.get_by_role("button", name="Show the timer").click()
    clock = page.locator(".hip-session-timer-box .hipcontent-clock").first
    clock.wait_for()
    digits = clock.locator("[role=timer]")
    first = digits.inner_text()
    clock.focus()
    page.keyboard.press("Space")
    page.clock.run_for(3000)
    assert digits.inner_text() != first  # counting
    phases = page.evaluate("document.querySelector('.hip-session-timer-box .hipcontent-clock')"
                           ".hipcontentController.data.phases.length")
    assert phases > before  # the whole new plan, not the saved one
    assert errors == []


def test_a_lesson_works_from_a_file_with_no_server(site, chromium):
    out, _, _ = site
    page = chromium.new_page()
    try:
        page.goto((out / "05-timers.html").as_uri())
        page.wait_for_function(READY, timeout=20000)
        assert page.locator(".hipcontent-clock").count() >= 1
    finally:
        page.close()


def test_after_one_visit_a_reload_works_offline(site, chromium):
    _, base, _ = site
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(f"{base}/index.html")
        # The worker caches every file on install, then claims the page (sw.js).
        page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=30000)
        context.set_offline(True)
        page.goto(f"{base}/03-weakness-and-testing.html")
        page.wait_for_function(READY, timeout=20000)
        assert "needs Python" not in page.locator(".hip-quiz").first.inner_text()
    finally:
        context.close()


# Axe on a static page: the viewport made tall, so colour contrast sees every element, in chunks.
AXE_CHUNK = """async ([top, tags]) => { window.scrollTo(0, top);
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target.join(' '))]); }"""


@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 390)])
def test_axe_finds_no_serious_issue_on_any_page(site, chromium, scheme, width):
    import audit  # tools/audit.py: the course's axe-core, fetched once and cached

    try:
        axe = audit.axe_script()
    except (SystemExit, OSError) as error:
        pytest.skip(f"axe-core is not cached and could not be fetched: {error}")
    _, base, report = site
    height = 6000
    context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        for name in report["pages"]:
            page.goto(f"{base}/{name}")
            if re.fullmatch(r"\d\d-[a-z0-9-]+\.html", name):
                page.wait_for_function(READY, timeout=20000)
            page.add_script_tag(path=str(axe))
            total = page.evaluate("() => document.documentElement.scrollHeight")
            for top in range(0, total, height):
                for rule, nodes in page.evaluate(AXE_CHUNK, [top, audit.WCAG_TAGS]):
                    found.setdefault(f"{name}: {rule}", nodes)
    finally:
        context.close()
    assert found == {}, found


def test_a_lesson_follows_the_readers_dark_scheme(site, chromium):
    _, base, _ = site
    context = chromium.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{base}/02-function.html")
        page.wait_for_function(READY, timeout=20000)
        assert page.evaluate("document.body.dataset.jpThemeLight") == "false"  # what the widgets read
        ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert sum(map(int, re.findall(r"\d+", ground)[:3])) < 3 * 64, ground  # a dark page, not white
    finally:
        context.close()
