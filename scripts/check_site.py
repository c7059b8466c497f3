"""Open every page of the built book in headless Chromium; check that it works offline.

Usage: python scripts/check_site.py BUILD_DIR [--screenshots DIR] [--pages GLOB]
                                    [--search-word WORD] [--search-expect TEXT]

BUILD_DIR is served from a local HTTP server on 127.0.0.1; every .html page (except
_sources/ and _static/) is opened in one Chromium browser and checked for:

  math        MathJax typeset the page's math; no raw TeX (\\( \\) \\[ \\] $$) is
              left visible
  widgets     every embedded ipywidget view rendered to a visible element
  images      every <img> loaded (naturalWidth > 0)
  outputs     no cell output shows an error or a traceback
  links       every internal link points to an existing file and anchor (parsed, no
              browser)
  offline     no request leaves the machine
  console     no JavaScript console error or uncaught exception (except ALLOWED_CONSOLE)
  phone       at 390 px wide the page does not scroll sideways (code, tables, math and
              widget outputs may scroll inside themselves)
  search      search.html?q=WORD lists the expected page

Screenshots of every page at 1280 px and 390 px wide go to --screenshots
(default: BUILD_DIR/../site-screenshots). Prints one line per page, then "N passed,
M failed"; exits 1 if anything failed. Chromium is Debian's /usr/bin/chromium (no
`playwright install`).
"""

import argparse
import fnmatch
import functools
import html.parser
import http.server
import re
import sys
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
HARMLESS_SCHEMES = {"data", "blob", "about"}
WAIT_MS = 10_000  # longest wait for MathJax, widgets, images, search results

# Console errors that are known to be harmless:
# (regex on the message text, why it is harmless).
ALLOWED_CONSOLE = [
    # pydata-sphinx-theme's inline <head> script sets <html data-mode> to localStorage
    # "mode" or "" on a first visit; its setTheme() then logs this and falls back to
    # "auto", which is the theme's documented default. Only the empty mode is allowed,
    # not any other value.
    (
        r"^Got invalid theme mode: \. Resetting to auto\.$",
        "pydata theme first-visit default",
    ),
    # sphinx-thebe 0.3.1's init_thebe_core() adds the same inline config script twice
    # per page (`const THEBE_JS_URL = ...; const thebe_selector = ...`). The two copies
    # are byte-identical, so the second one's SyntaxError leaves exactly the values the
    # first one set; and thebe is off in _config.yml, so nothing ever reads them (the
    # unpkg URL in it is never requested: the offline check would say so).
    (
        r"^uncaught: Identifier 'THEBE_JS_URL' has already been declared$",
        "sphinx-thebe duplicate",
    ),
]

TEX_MARKERS = ["\\(", "\\)", "\\[", "\\]", "$$"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves BUILD_DIR without logging; lets Chromium cache it.

    The files don't change mid-run.
    """

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(
            sys.exc_info()[1], ConnectionError
        ):  # a tab closed mid-response
            super().handle_error(request, client_address)


def start_server(root):
    handler = functools.partial(QuietHandler, directory=str(root))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def find_pages(root, pattern=None):
    pages = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if rel.split("/")[0] in ("_sources", "_static"):
            continue
        if pattern is None or fnmatch.fnmatch(rel, pattern):
            pages.append(rel)
    return pages


def is_external(url):
    parts = urlsplit(url)
    return parts.scheme not in HARMLESS_SCHEMES and parts.hostname not in LOCAL_HOSTS


# ---------------------------------------------------------------- links (no browser)


class LinkParser(html.parser.HTMLParser):
    """Collects a[href], meta-refresh targets and every id/name of one HTML file."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href") is not None:
            self.hrefs.append(attrs["href"])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url\s*=\s*(\S+)", attrs.get("content") or "", re.I)
            if match:
                self.hrefs.append(match.group(1).strip("'\""))


@functools.cache
def parse_html(path):
    parser = LinkParser()
    parser.feed(Path(path).read_text(encoding="utf-8", errors="replace"))
    return parser


def check_links(root, page, warnings):
    failures, external = [], []
    base = f"http://127.0.0.1/{page}"
    for href in parse_html(root / page).hrefs:
        if href.startswith(("mailto:", "javascript:", "tel:")):
            continue
        url = urlsplit(urljoin(base, href))
        if url.scheme not in ("http", "https") or url.hostname != "127.0.0.1":
            external.append(href)
            continue
        target = (root / unquote(url.path).lstrip("/")).resolve()
        if url.path.endswith("/"):
            target = target / "index.html"
        if root.resolve() not in target.parents or not target.is_file():
            failures.append(("links", f"{href} -> missing file"))
        elif url.fragment and target.suffix == ".html":
            if unquote(url.fragment) not in parse_html(target).ids:
                failures.append(("links", f"{href} -> no anchor #{url.fragment}"))
    if external:
        warnings.append(
            f"{page}: {len(external)} external link(s), not checked: "
            + ", ".join(list(dict.fromkeys(external))[:3])
            + (" ..." if len(external) > 3 else "")
        )
    return failures


# ---------------------------------------------------------------- browser checks


def check_math(page, source):
    # The `defer`red MathJax script has run by the load event; startup.promise resolves
    # once the page is typeset. Without MathJax.startup (no MathJax, or its script
    # failed) there is no wait.
    finished = page.evaluate(
        """(ms) => !(window.MathJax && MathJax.startup && MathJax.startup.promise)
        || Promise.race([MathJax.startup.promise.then(() => true),
                         new Promise(done => setTimeout(() => done(false), ms))])""",
        WAIT_MS,
    )
    failures = (
        []
        if finished
        else [("math", f"MathJax did not finish within {WAIT_MS // 1000} s")]
    )
    if 'class="math' in source and page.locator("mjx-container").count() == 0:
        failures.append(("math", "page has math but MathJax typeset nothing"))
    raw = page.evaluate(
        """(markers) => {
        const skip =
            'pre, code, .highlight, script, style, form, mjx-container, textarea';
        const walker =
            document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (!el || el.closest(skip) || !el.checkVisibility()) continue;
            const m = markers.find(m => n.data.includes(m));
            if (m) {
                const i = n.data.indexOf(m);
                return n.data.slice(Math.max(0, i - 30), i + 40).trim();
            }
        }
        return null;
    }""",
        TEX_MARKERS,
    )
    if raw is not None:
        failures.append(("math", f'raw TeX in visible text: "{raw}"'))
    return failures


def check_widgets(page):
    missing_js = """() => [...document.querySelectorAll(
            'script[type="application/vnd.jupyter.widget-view+json"]')]
        .map((s, i) => {
            const area =
                s.parentElement.querySelector('.widget-subarea, .jupyter-widgets');
            const box = area && area.getBoundingClientRect();
            return box && box.width > 0 && box.height > 0
                ? null : `widget view #${i + 1}`;
        }).filter(x => x)"""
    try:
        page.wait_for_function(f"({missing_js})().length === 0", timeout=WAIT_MS)
        return []
    except PlaywrightTimeout:
        return [
            ("widgets", f"{name} not rendered after {WAIT_MS // 1000} s")
            for name in page.evaluate(missing_js)
        ]


def check_images(page):
    page.evaluate(
        "() => document.querySelectorAll('img').forEach(i => i.loading = 'eager')"
    )
    try:
        page.wait_for_function(
            "[...document.images].every(i => i.complete)", timeout=WAIT_MS
        )
    except PlaywrightTimeout:
        pass
    broken = page.evaluate("""() => [...document.images]
        .filter(i => !i.complete || i.naturalWidth === 0)
        .map(i => (i.getAttribute('src') || '(no src)').slice(0, 80))""")
    return [("images", f"not loaded: {src}") for src in broken]


def check_outputs(page):
    errors = page.evaluate("""() => {
        const found = [];
        document.querySelectorAll('.output.traceback').forEach(e => found.push(e));
        document.querySelectorAll('.output.stderr').forEach(e => {
            if (/Traceback|Error/.test(e.textContent)) found.push(e); });
        document.querySelectorAll('.output .ansi-red-fg, .cell_output .ansi-red-fg')
            .forEach(e => { if (e.textContent.includes('Error')) found.push(e); });
        return found.map(e => e.textContent.trim().split('\\n')[0].slice(0, 100));
    }""")
    return [("outputs", f'error output: "{text}"') for text in errors]


def check_requests(requests):
    return [
        ("offline", f"request to {url}")
        for url in dict.fromkeys(requests)
        if is_external(url)
    ]


def check_console(messages):
    failures = []
    for text in messages:
        if not any(re.search(pattern, text) for pattern, _ in ALLOWED_CONSOLE):
            failures.append(("console", text[:200]))
    return failures


def check_phone_width(page):
    offenders = page.evaluate("""() => {
        const width = window.innerWidth;
        if (document.scrollingElement.scrollWidth <= width + 1) return [];
        const scrollable =
            'pre, .highlight, table, .table-wrapper, mjx-container, .math, '
            + '.cell_output, .output, .jupyter-widgets, .widget-subarea';
        const over = el =>
            el.getBoundingClientRect().right > width + 1 && el.checkVisibility();
        return [...document.body.querySelectorAll('*')]
            .filter(el => over(el)
                          && !(el.parentElement && el.parentElement.closest(scrollable))
                          && !el.matches('.jupyter-widgets, .widget-subarea'))
            // outermost only
            .filter(el => !(el.parentElement && over(el.parentElement)))
            .slice(0, 5)
            .map(el => `${el.tagName.toLowerCase()}${
                    el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : ''
                } (right edge at `
                + `${Math.round(el.getBoundingClientRect().right)} px)`);
    }""")
    if not offenders:
        return []
    return [
        ("phone", f"scrolls sideways at {PHONE['width']} px: {', '.join(offenders)}")
    ]


def check_search(page, base_url, word, expect):
    page.goto(f"{base_url}/search.html?q={quote(word)}")
    links_js = (
        "() => [...document.querySelectorAll('#search-results li a, ul.search li a')]"
        ".map(a => a.href)"
    )
    try:
        page.wait_for_function(
            f"""() => ({links_js})().some(h => h.includes({expect!r}))
                      || (document.querySelector('.search-summary') || {{}})
                         .textContent""",
            timeout=WAIT_MS,
        )
    except PlaywrightTimeout:
        pass
    hrefs = page.evaluate(links_js)
    if any(expect in href for href in hrefs):
        return []
    return [
        (
            "search",
            f"q={word!r}: no result containing {expect!r} "
            f"(got {len(hrefs)}: {hrefs[:5]})",
        )
    ]


def settle(page, network=True):
    """Let late requests (web fonts, widget assets) happen.

    So their errors are seen every run.
    """
    page.evaluate("() => document.fonts.ready.then(() => true)")
    if not network:
        return
    try:
        page.wait_for_load_state("networkidle", timeout=5_000)
    except PlaywrightTimeout:
        pass


def screenshot_name(rel, kind):
    return rel.removesuffix(".html").replace("/", "__") + f".{kind}.png"


def open_page(context, url, viewport, requests, console):
    """A tab at `url` and this viewport size, recording requests and console errors."""
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.on("request", lambda req: requests.append(req.url))
    page.on("pageerror", lambda exc: console.append(f"uncaught: {exc}"))

    def on_console(msg):
        url = msg.location.get("url", "")
        # An aborted outside request is already reported by the offline check.
        if msg.type == "error" and not (
            url and is_external(url) and "net::ERR" in msg.text
        ):
            console.append(
                msg.text + (f" [{url}]" if "Failed to load" in msg.text else "")
            )

    page.on("console", on_console)
    page.goto(url, wait_until="load")
    return page


def check_page(context, base_url, root, rel, shots, options):
    """Run every check on one page; return a list of (assertion, detail).

    The page is loaded twice: at desktop width for the content checks, then freshly at
    phone width (as a phone would load it, not a resized desktop layout) for the
    sideways-scroll check.
    """
    requests, console, failures = [], [], []
    source = (root / rel).read_text(encoding="utf-8", errors="replace")
    redirect = re.search(
        r'http-equiv="refresh"', source, re.I
    )  # stub: links/offline/console only
    for kind, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = None
        try:
            page = open_page(context, f"{base_url}/{rel}", viewport, requests, console)
            if redirect:
                page.wait_for_url(lambda url: not url.endswith(rel))
                break
            math = check_math(page, source)
            widgets = check_widgets(page)
            if kind == "desktop":
                failures += math + widgets + check_images(page) + check_outputs(page)
            settle(page, network=(kind == "desktop"))
            if (
                kind == "desktop" and rel == "search.html"
            ):  # the screenshot then shows results
                failures += check_search(
                    page, base_url, options["search_word"], options["search_expect"]
                )
            if kind == "phone":
                failures += check_phone_width(page)
            if shots:
                page.screenshot(
                    path=str(shots / screenshot_name(rel, kind)), full_page=True
                )
        except (
            Exception
        ) as exc:  # a crashed page is one failure, not the end of the run
            failures.append(
                ("load", f"{kind}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            )
        finally:
            if page:
                page.close()
    return (
        failures
        + check_requests(requests)
        + check_console(list(dict.fromkeys(console)))
    )


def check_site(
    root, pages=None, screenshots=None, search_word="perceptron", search_expect="neuron"
):
    """Check every page; return ({page: [(assertion, detail), ...]}, [warning, ...])."""
    root = Path(root)
    if screenshots:
        Path(screenshots).mkdir(parents=True, exist_ok=True)
    options = {"search_word": search_word, "search_expect": search_expect}
    results, warnings = {}, []
    server = start_server(root)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=DESKTOP)
            context.route(is_external, lambda route: route.abort())
            for rel in find_pages(root, pages):
                failures = check_links(root, rel, warnings)
                failures += check_page(
                    context,
                    base_url,
                    root,
                    rel,
                    screenshots and Path(screenshots),
                    options,
                )
                results[rel] = failures
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results, warnings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path)
    parser.add_argument(
        "--screenshots", type=Path, help="default: BUILD_DIR/../site-screenshots"
    )
    parser.add_argument(
        "--pages", help="only pages whose path matches this glob, e.g. 'book/*'"
    )
    parser.add_argument("--search-word", default="perceptron")
    parser.add_argument(
        "--search-expect", default="neuron", help="text in the expected result's URL"
    )
    args = parser.parse_args(argv)
    shots = args.screenshots or args.build_dir.resolve().parent / "site-screenshots"
    results, warnings = check_site(
        args.build_dir, args.pages, shots, args.search_word, args.search_expect
    )
    for rel, failures in results.items():
        if not failures:
            print(f"ok {rel}")
        for assertion, detail in failures:
            print(f"FAIL {rel}: {assertion}: {detail}")
    for line in warnings:
        print(f"warning {line}")
    failed = sum(1 for failures in results.values() if failures)
    print(f"screenshots: {shots}")
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
