"""The hip-angle explorer's frame time in Chromium: what one picture costs the browser.

    .venv/bin/python benchmarks/explorer.py

1. The drawing alone: the front end's Picture.draw (model maths, femur turned, shaded and sorted,
   paths, lever, both curve panels) at each flexion of a sweep, each followed by a one-pixel read
   that makes Chromium finish rasterising it. Median and 95th percentile in ms, and the frames per
   second that median allows, at 1280 px (pixel ratio 1) and 1920 px (pixel ratio 2, the projector).
2. In the page, as a learner drives it: the static site's host (no kernel), one slider moved to the
   next angle on every animation frame for 3 s; how many frames per second were drawn (the
   display's own rate, 60 in headless Chromium, is the ceiling).

No assertions (timing belongs here, not in tests). /usr/bin/chromium, headless, software raster.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hipcontent.widgets import explorer as explorer_module  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.offline_page import OFFLINE_READY, offline_page  # noqa: E402
from report import print_table  # noqa: E402  (benchmarks/report.py, beside this script)

DRAW = """async ([width, font, repeats]) => {
  const canvas = document.createElement('canvas'); document.body.append(canvas);
  const picture = new window.hx.Picture(canvas, window.payload);
  picture.setLook(width, font, 'sans-serif', [255, 255, 255], [0, 0, 0]);
  const ctx = canvas.getContext('2d'); const times = [];
  picture.draw(0, 0, 0); ctx.getImageData(0, 0, 1, 1);  // the pelvis background, once
  for (let r = 0; r < repeats; r++) {
    for (let f = -30; f <= 120; f += 1) {
      const start = performance.now();
      picture.draw(f, r % 2 ? 10 : 0, r % 2 ? -15 : 0); ctx.getImageData(0, 0, 1, 1);
      times.push(performance.now() - start);
    }
  }
  canvas.remove(); return {times, pixels: [canvas.width, canvas.height]};
}"""

SWEEP = """async (seconds) => {
  const input = document.querySelector('.hip-explorer input[type=range]');
  const canvas = document.querySelector('.hip-explorer canvas');
  let frames = 0, drawn = 0, value = -30, step = 1, last = canvas.dataset.pose;
  const end = performance.now() + seconds * 1000;
  await new Promise((done) => {
    function tick() {
      if (canvas.dataset.pose !== last) { drawn++; last = canvas.dataset.pose; }
      if (performance.now() > end) return done();
      frames++;
      value += 5 * step; if (value >= 120 || value <= -30) step = -step;
      input.value = String(value); input.dispatchEvent(new Event('input', {bubbles: true}));
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  });
  return {frames, drawn, seconds};
}"""


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> int:
    from playwright.sync_api import sync_playwright

    rows = []
    source = "\n".join((explorer_module.STATIC / name).read_text(encoding="utf-8")
                       for name in explorer_module.MODULES[:-1])  # all but the widget
    source = "\n".join(line for line in source.splitlines() if not (line.startswith("import ") and '"./' in line))
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width, ratio in ((1280, 1), (1920, 2)):
            page = browser.new_page(viewport={"width": width, "height": 1000}, device_scale_factor=ratio)
            page.set_content("<!DOCTYPE html><title>explorer benchmark</title>")
            page.add_script_tag(type="module", content=source + "\nwindow.hx = { Picture };\n")
            page.wait_for_function("() => !!window.hx")
            page.evaluate("text => { window.payload = JSON.parse(text); }", explorer_module.PAYLOAD)
            font = 14 * (ratio if width > 1280 else 1)
            result = page.evaluate(DRAW, [min(width - 40, 1100 * font // 14), font, 4])
            times = result["times"]
            median, p95 = statistics.median(times), percentile(times, 95)
            where = f"{width} px, pixel ratio {ratio} ({result['pixels'][0]}x{result['pixels'][1]} device px)"
            rows.append((f"draw, {where}, median", f"{median:.2f} ms", f"{len(times)} frames, sweep -30..120°"))
            rows.append((f"draw, {where}, 95th pct", f"{p95:.2f} ms", f"{1000 / p95:.0f} frames/s at p95"))
            rows.append((f"draw, {where}, frames/s", f"{1000 / median:.0f}", "at the median; 60 needs <= 16.7 ms"))
            page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(offline_page(explorer_module.explore_hip_angles(0), Path(tmp) / "explorer.html").as_uri())
        page.wait_for_function(OFFLINE_READY)
        page.wait_for_function("() => document.querySelector('.hip-explorer canvas[data-pose]')")
        sweep = page.evaluate(SWEEP, 3)
        rows.append(("page, slider moved every frame", f"{sweep['drawn'] / sweep['seconds']:.0f} frames/s",
                     f"{sweep['drawn']} pictures for {sweep['frames']} slider moves in {sweep['seconds']} s"))
        rows.append(("pictures per slider move", f"{sweep['drawn'] / max(1, sweep['frames']):.2f}",
                     "1.00: every move drawn in its own frame"))
        page.close()
        browser.close()
    rows.append(("payload (model, bones, style)", f"{len(explorer_module.PAYLOAD.encode()) / 1000:.1f} KB",
                 "one text shared by every explorer"))
    rows.append(("front end (_esm)", f"{len(explorer_module.HipAngleExplorer._esm.encode()) / 1000:.1f} KB",
                 "the four explorer*.js modules joined"))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
