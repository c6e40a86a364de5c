"""The static site (issue 22): its size, and each page's time to interactive in Chromium.

    python benchmarks/site.py            # build site/ into a temporary folder, then measure
    python benchmarks/site.py --site DIR # measure a site already built

Time to interactive is measured in the page: from navigation start to the moment the widget host
says every widget has started (`data-hip-widgets="ready"`), or to the load event on a page without
widgets. Pages are served from 127.0.0.1; each page is loaded three times, the median is printed
with the page's size and its ratio to the site's fastest page (one run, one machine). A second
column repeats it with Chromium's CPU slowed 4 times (DevTools' "mid-tier mobile" setting, over
the DevTools protocol), a rough stand-in for a phone. No test asserts a time.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tools")]

TTI = """() => new Promise((done) => {
  const finish = () => done(performance.now());
  const widgets = document.querySelector('script[type="application/vnd.jupyter.widget-view+json"]');
  if (!widgets) { if (document.readyState === 'complete') finish(); else addEventListener('load', finish); return; }
  const poll = () => document.documentElement.dataset.hipWidgets === 'ready' ? finish() : setTimeout(poll, 5);
  poll(); })"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


PHONE_SLOWDOWN = 4  # Emulation.setCPUThrottlingRate: 4 = DevTools' mid-tier mobile


def _tti(browser, url: str, slowdown: int) -> float:
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    if slowdown > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    page.goto(url)
    ms = page.evaluate(TTI)
    context.close()
    return ms


def measure(site: Path, repeats: int = 3) -> list[tuple[str, int, float, float]]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for page_path in sorted(site.rglob("*.html")):
                name = page_path.relative_to(site).as_posix()
                desktop = [_tti(browser, f"{base}/{name}", 1) for _ in range(repeats)]
                phone = [_tti(browser, f"{base}/{name}", PHONE_SLOWDOWN) for _ in range(repeats)]
                rows.append((name, page_path.stat().st_size, statistics.median(desktop), statistics.median(phone)))
            browser.close()
    finally:
        server.shutdown()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            import static_site

            site = Path(tmp) / "site"
            static_site.build(site, quiet=True)
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        rows = measure(site)
        fastest = min(ms for _, _, ms, _ in rows)
        print(f"site: {total / 1e6:.2f} MB in {sum(1 for p in site.rglob('*') if p.is_file())} files "
              f"(budget 15 MB)\n")
        print(f"{'page':45} {'KB':>7} {'TTI ms':>7} {'x fastest':>9} {'TTI ms, CPU /' + str(PHONE_SLOWDOWN):>16}")
        for name, size, ms, phone in rows:
            print(f"{name:45} {size / 1e3:7.0f} {ms:7.0f} {ms / fastest:9.1f} {phone:16.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
