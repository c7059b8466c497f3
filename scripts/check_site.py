"""Open every page of the built book in headless Chromium; check that it works offline.

Usage: python scripts/check_site.py BUILD_DIR [--screenshots DIR] [--pages GLOB]
                                    [--search QUERY=PAGE ...] [--workers N]

BUILD_DIR is served from a local HTTP server on 127.0.0.1; every .html page (except
_sources/ and _static/) is opened in headless Chromium (--workers browsers share the
pages out) and checked for:

  math        MathJax typeset the page's math; no raw TeX (\\( \\) \\[ \\] $$) is
              left visible
  widgets     every embedded ipywidget view rendered to a visible element
  explorers   moving any range input of an explorer's static copy one step (arrow
              key) changes its figure; an explorer with a fixed control, or embedded
              as a live ipywidget (dead without a kernel), shows "static preview —
              run the notebook to explore"
  weight      the page's images (inline base64, explorer frames and widget state
              included, plus local <img> files) weigh <= MAX_IMAGE_BYTES (parsed)
  images      every <img> loaded (naturalWidth > 0)
  outputs     no cell output shows an error or a traceback
  figures     every image file a notebook cell outputs (not a widget's or an HTML
              output's inline image) is a numbered figure
              ("Figure N.M") with a caption and an alt text that describes it (not a
              file name); its PNG is the house width (mlp_lib.plots: FIGURE_WIDTH x
              FIGURE_DPI px); at 1280 px its smallest text, SMALLEST_FONT_PT at
              FIGURE_DPI scaled by displayed / natural width, is >= MIN_TEXT_PX; at
              390 px tapping it opens the full-size image (it is inside a link to it)
  links       every internal link points to an existing file and anchor (parsed, no
              browser)
  scripts     no JavaScript is included twice: the same src, or the same inline code
              (parsed, no browser)
  offline     no request leaves the machine
  console     no JavaScript console error or uncaught exception, none at all (also
              while the checks below click through the page)
  phone       at 390 px wide the page does not scroll sideways (code, tables, math and
              widget outputs may scroll inside themselves)
  equations   at 390 px no display equation is clipped: each fits its column, or
              scrolls sideways (overflow-x auto) with a visible cue (scroll shadows:
              a gradient background, a box-shadow or a ::before/::after marker)
  code        at 1280 px no code cell, output or printed source overflows sideways
              (code lines are <= 88 columns; long outputs wrap)
  download    the landing page (index.html's redirect target) links to a .zip of the
              course holding every notebook in _sources/, mlp_lib, requirements.txt,
              pyproject.toml and a README.md that gives `make book` and `make test`
              (parsed, no browser)
  nav         where the page has a site navigation sidebar: at 390 px clicking the
              visible ☰ (.primary-toggle) opens it as a drawer, and where it has
              in-page contents, clicking the visible contents button
              (.secondary-toggle) shows them; at 1280 px ☰ hides the sidebar and
              shows it again
  solutions   every dropdown admonition (solutions) starts closed, opens when its
              title text is clicked, without following a link, and closes again
  answers     every exercise whose notebook cell (not a solution's) checks a numeric
              answer has an answer box; typing into each box a typical mistake (a
              hint), a wrong value, a near miss, text that is no number and the right
              answer, then clicking Check, shows exactly the verdict and message that
              mlp_lib.exercises.check gives for the same entry
  search      on search.html, each --search QUERY=PAGE (default: the five topics in
              SEARCHES) lists PAGE first, and the first results' snippets show neither
              raw TeX nor code (import lines)

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
import os
import re
import sys
import threading
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from mlp_lib import exercises, plots

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
NAV_WAIT_MS = 2_000  # longest wait for a drawer or sidebar to open or close
ACTION_MS = 20_000  # longest wait for a field to be filled or a click delivered
MAX_IMAGE_BYTES = 3_000_000  # images per page
# Pages checked at once, each worker with its own Chromium: the checker mostly waits
# on the browser, and the browser's work (layout, MathJax, screenshots) spreads over
# the cores.
WORKERS = max(1, min(2, os.cpu_count() or 1))

# Each query must list its page first: a chapter leads the search for its own topic.
SEARCHES = [
    ("softmax", "book/05_softmax.html"),
    ("batch normalization", "book/06_batchnorm.html"),
    ("ROC", "book/09_roc.html"),
    ("Adam", "book/10_optimizers.html"),
    ("backpropagation", "book/03_backprop.html"),
]
SNIPPETS_CHECKED = 3  # the first results' snippets must be prose
SNIPPET_TEX = re.compile(r"\\[a-zA-Z]+|\\[()\[\]]|\$")
SNIPPET_CODE = re.compile(r"\bfrom\s+[\w.]+\s+import\s+\w|\bimport\s+[\w.]+\s+as\s+\w")

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


# -------------------------------------------------------- links, scripts (no browser)


JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


class LinkParser(html.parser.HTMLParser):
    """Collects a[href], meta-refresh targets, every id/name and the JavaScript
    <script>s (src, or the inline code) of one HTML file."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.scripts = [], set(), []
        self._script = None  # the inline JavaScript being read

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
        if tag == "script" and (attrs.get("type") or "").lower() in JS_TYPES:
            if attrs.get("src"):
                self.scripts.append(f"src={attrs['src']}")
            else:
                self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            code = "".join(self._script).strip()
            if code:
                self.scripts.append(code)
            self._script = None


def check_scripts(root, page):
    """No script is included twice (the same src, or the same inline code)."""
    scripts = parse_html(root / page).scripts
    return [
        ("scripts", f"included {scripts.count(script)} times: {script[:100]}")
        for script in dict.fromkeys(scripts)
        if scripts.count(script) > 1
    ]


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


# The landing page offers the whole course as one zip: every notebook of the book, the
# library, what installs it, and a README that says how to build and test it.
COURSE_FILES = (
    "mlp_lib/__init__.py",
    "requirements.txt",
    "pyproject.toml",
    "README.md",
)
COURSE_README_COMMANDS = ("make book", "make test")


def landing_page(root):
    """The page index.html redirects to (Jupyter Book's), else index.html itself."""
    index = Path(root) / "index.html"
    if not index.is_file():
        return None
    source = index.read_text(encoding="utf-8", errors="replace")
    match = re.search(r'http-equiv="refresh"[^>]*url\s*=\s*([^"\'\s>]+)', source, re.I)
    return unquote(urlsplit(match.group(1)).path) if match else "index.html"


def check_download(root, page):
    """`page` links to a .zip of the course that holds COURSE_FILES and every notebook
    the site was built from (_sources/), possibly under one top-level folder."""
    root = Path(root)
    links = [
        h for h in parse_html(root / page).hrefs if urlsplit(h).path.endswith(".zip")
    ]
    if not links:
        return [("download", "no link to a .zip of the course on the landing page")]
    notebooks = sorted(
        p.relative_to(root / "_sources").as_posix()
        for p in (root / "_sources").rglob("*.ipynb")
    )
    failures = []
    for href in dict.fromkeys(links):
        target = (root / page).parent / unquote(urlsplit(href).path)
        try:
            with zipfile.ZipFile(target) as archive:
                names = archive.namelist()
                tops = {name.split("/")[0] for name in names}
                top = f"{tops.pop()}/" if len(tops) == 1 and len(names) > 1 else ""
                inside = {name.removeprefix(top) for name in names}
                readme = top + "README.md"
                text = (
                    archive.read(readme).decode("utf-8", "replace")
                    if readme in names
                    else ""
                )
        except FileNotFoundError:
            failures.append(("download", f"{href} -> missing file"))
            continue
        except zipfile.BadZipFile:
            failures.append(("download", f"{href} is not a zip file"))
            continue
        missing = [f for f in COURSE_FILES + tuple(notebooks) if f not in inside]
        if not any(name.endswith(".ipynb") for name in inside):
            missing.append("any notebook (.ipynb)")
        if missing:
            failures.append(("download", f"{href} lacks {', '.join(missing[:6])}"))
        if text and not all(cmd in text for cmd in COURSE_README_COMMANDS):
            failures.append(
                (
                    "download",
                    f"{href}: its README.md does not give "
                    + " and ".join(COURSE_README_COMMANDS),
                )
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


# The house figure (mlp_lib.plots): every PNG is FIGURE_PX wide, and its smallest text
# is SMALLEST_FONT_PT at FIGURE_DPI, i.e. TEXT_PX_AT_NATURAL_SIZE px before the page
# scales it.
FIGURE_PX = round(plots.FIGURE_WIDTH * plots.FIGURE_DPI)
TEXT_PX_AT_NATURAL_SIZE = plots.SMALLEST_FONT_PT * plots.FIGURE_DPI / 72
MIN_TEXT_PX = 9  # at desktop width
FIGURE_NUMBER = re.compile(r"^Figure \d+\.\d+:?$")
ALT_IS_A_FILE = re.compile(
    r"\.(png|jpe?g|svg|gif)\b|_images/|^\.\./|^[0-9a-f]{16,}", re.I
)
# A notebook's image output is a file in _images/; an image inline in an HTML output
# (data:, e.g. an explorer's frame) or in a widget is not a figure.
FIGURES_JS = """() => [...document.querySelectorAll('.cell_output img')]
    .filter(img => !(img.getAttribute('src') || '').startsWith('data:')
                   && !img.closest('.jupyter-widgets, .widget-subarea'))
    .map(img => {
        const figure = img.closest('figure');
        const caption = figure && figure.querySelector('figcaption');
        const part = sel => caption && caption.querySelector(sel)
            ? caption.querySelector(sel).textContent.trim() : null;
        const link = img.closest('a[href]');
        return {src: (img.getAttribute('src') || '').split('/').pop().slice(0, 40),
                alt: (img.getAttribute('alt') || '').trim(),
                number: part('.caption-number'), caption: part('.caption-text'),
                natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
                visible: img.checkVisibility(),
                enlarges: !!link && link.href === img.src};
    })"""


def check_figures(page, kind):
    """Notebook figures: numbered, captioned, described, house width, legible text
    (desktop); enlargeable by a tap (phone)."""
    failures = []
    for i, fig in enumerate(page.evaluate(FIGURES_JS), 1):
        name = f"figure image #{i} ({fig['src']})"

        def fail(detail, name=name):
            failures.append(("figures", f"{name}: {detail}"))

        if kind == "phone":
            if not fig["enlarges"]:
                fail("not inside a link to its full-size image (tap to enlarge)")
            continue
        if fig["number"] is None:
            fail("not in a numbered figure with a caption")
        elif not FIGURE_NUMBER.match(fig["number"]):
            fail(f'caption number "{fig["number"]}" is not "Figure N.M"')
        elif len((fig["caption"] or "").split()) < 3:
            fail(f'caption "{fig["caption"]}" does not say what is plotted')
        if len(fig["alt"].split()) < 3 or ALT_IS_A_FILE.search(fig["alt"]):
            fail(f'alt text "{fig["alt"][:60]}" does not describe the figure')
        if fig["natural"] and fig["natural"] != FIGURE_PX:
            fail(f"{fig['natural']} px wide, not the house width {FIGURE_PX} px")
        if fig["natural"] and fig["visible"]:
            text_px = TEXT_PX_AT_NATURAL_SIZE * fig["shown"] / fig["natural"]
            if text_px < MIN_TEXT_PX:
                fail(
                    f"smallest text {text_px:.1f} px < {MIN_TEXT_PX} px (shown "
                    f"{fig['shown']:.0f} of {fig['natural']} px)"
                )
    return failures


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
    """Every console error fails: the book has none to excuse."""
    return [("console", text[:200]) for text in messages]


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


# A display equation wider than its box must scroll (overflow-x auto or scroll on it or
# an ancestor inside its div.math), and that scroller must show that more is hidden:
# a gradient background (scroll shadows), a box-shadow, or a ::before/::after marker.
EQUATIONS_JS = """() => [...document.querySelectorAll('mjx-container[display="true"]')]
    .filter(c => c.getClientRects().length > 0)
    .map((c, i) => {
        const math = c.querySelector('mjx-math') || c;
        const top = c.closest('div.math') || c.parentElement;
        // what can be seen of it: its own box, within its div.math's
        const box = Math.min(c.clientWidth, top.clientWidth);
        const wide = math.getBoundingClientRect().width > box + 1
                     || c.scrollWidth > c.clientWidth + 1;
        if (!wide) return null;
        let scroller = null;
        for (let el = c; el && (el === c || top.contains(el));
             el = el.parentElement) {
            const ox = getComputedStyle(el).overflowX;
            if ((ox === 'auto' || ox === 'scroll')
                && el.scrollWidth > el.clientWidth + 1) {
                scroller = el; break;
            }
        }
        const marked = el => {
            const s = getComputedStyle(el);
            const pseudo = p => !['none', 'normal'].includes(
                getComputedStyle(el, p).content);
            return s.backgroundImage.includes('gradient') || s.boxShadow !== 'none'
                   || pseudo('::before') || pseudo('::after');
        };
        const number = top.querySelector('.eqno');
        const label = number ? number.textContent.replace('#', '').trim()
                             : `#${i + 1}`;
        const tex = (c.getAttribute('aria-label')
                     || (c.querySelector('mjx-assistive-mml') || c).textContent)
                    .replace(/\\s+/g, ' ').trim().slice(0, 40);
        return {label, tex, width: Math.round(math.getBoundingClientRect().width),
                box: Math.round(box), scrolls: !!scroller,
                cue: !!scroller && (marked(scroller) || marked(top))};
    }).filter(x => x)"""


def check_equations(page):
    """At phone width no display equation is clipped: each fits its column, or scrolls
    sideways with a visible cue."""
    failures = []
    for eq in page.evaluate(EQUATIONS_JS):
        name = (
            f"equation {eq['label']} ({eq['tex']}…), {eq['width']} px in {eq['box']} px"
        )
        if not eq["scrolls"]:
            failures.append(("equations", f"{name}: clipped, it does not scroll"))
        elif not eq["cue"]:
            failures.append(("equations", f"{name}: scrolls with no visible cue"))
    return failures


# Code cells and their outputs fit the column at desktop width (88 columns, the
# formatter's line length); long outputs wrap. Collapsed solutions are measured too.
CODE_JS = """() => [...document.querySelectorAll(
        '.cell_input pre, .cell_output pre, .cell_output .output')]
    .filter(el => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
    .map(el => ({where: el.closest('.cell_input') ? 'code cell' : 'output',
                 over: el.scrollWidth - el.clientWidth,
                 line: el.textContent.split('\\n')
                     .reduce((a, b) => a.length >= b.length ? a : b, '')
                     .trim().slice(0, 60)}))"""


def check_code_width(page):
    return [
        (
            "code",
            f"{item['where']} overflows by {item['over']} px at {DESKTOP['width']} px: "
            f'"{item["line"]}"',
        )
        for item in page.evaluate(CODE_JS)
    ]


# Elements that are visible, on screen and not covered, among those that
# `window.__checkSiteLinks` holds (collected before a click changes the page).
SHOWN_JS = """() => (window.__checkSiteLinks || []).some(el => {
    if (!el.isConnected
        || !el.checkVisibility({visibilityProperty: true, opacityProperty: true}))
        return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    if (r.right <= 0 || r.left >= innerWidth || r.bottom <= 0 || r.top >= innerHeight)
        return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (el.contains(hit) || hit.contains(el));
})"""


def collect_links(page, selector):
    """Remember the links under `selector` (a drawer moves them, so keep the nodes)."""
    return page.evaluate(
        """(sel) => (window.__checkSiteLinks =
            [...document.querySelectorAll(sel)]).length""",
        selector,
    )


def shown(page):
    return page.evaluate(SHOWN_JS)


def wait_shown(page, want):
    try:
        page.wait_for_function(
            f"({SHOWN_JS})() === {'true' if want else 'false'}", timeout=NAV_WAIT_MS
        )
        return True
    except PlaywrightTimeout:
        return False


# The centre of the first element matching `sel` that is visible and on top there.
VISIBLE_POINT_JS = """(sel) => {
    for (const el of document.querySelectorAll(sel)) {
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true}))
            continue;
        el.scrollIntoView({block: 'nearest', behavior: 'instant'});
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        const hit = r.width > 0 && r.height > 0 && document.elementFromPoint(x, y);
        if (hit && (el.contains(hit) || hit.contains(el))) return {x, y};
    }
    return null;
}"""


def click_visible(page, selector):
    """Click (a real mouse click) the first `selector` a user could click.

    Returns an error message, or None once clicked.
    """
    point = page.evaluate(VISIBLE_POINT_JS, selector)
    if point is None:
        return f"no visible {selector} button"
    page.mouse.click(point["x"], point["y"])
    return None


def close_dialogs(page):
    page.evaluate(
        "() => document.querySelectorAll('dialog[open]').forEach(d => d.close())"
    )


NO_TRANSITIONS = """*, *::before, *::after, ::backdrop {
    transition: none !important; animation: none !important;
    scroll-behavior: auto !important; }"""
PRIMARY_LINKS = "#pst-primary-sidebar a[href], .bd-sidebar-primary a[href]"
SECONDARY_LINKS = "#pst-secondary-sidebar a[href], .bd-sidebar-secondary a[href]"


def check_navigation(page, kind):
    """At phone width the visible ☰ and contents buttons open their drawers; at
    desktop width ☰ hides the shown sidebar and brings it back."""
    failures = []
    width = PHONE["width"] if kind == "phone" else DESKTOP["width"]

    def fail(detail):
        failures.append(("nav", f"{width} px: {detail}"))

    if kind == "desktop":
        if not collect_links(page, PRIMARY_LINKS) or not shown(page):
            return []  # no sidebar shown at this width: nothing to collapse
        error = click_visible(page, ".primary-toggle")
        if error:
            fail(error)
        elif not wait_shown(page, False):
            fail("clicking the visible ☰ did not hide the navigation sidebar")
        elif (error := click_visible(page, ".primary-toggle")) is not None:
            fail(error + " (to show the sidebar again)")
        elif not wait_shown(page, True):
            fail("clicking ☰ again did not bring the navigation sidebar back")
        return failures

    drawers = [
        (PRIMARY_LINKS, ".primary-toggle", "the visible ☰", "navigation drawer"),
        (
            SECONDARY_LINKS,
            ".secondary-toggle",
            "the contents button",
            "in-page contents",
        ),
    ]
    for links, button, name, what in drawers:
        if not collect_links(page, links):
            continue  # the page has no such sidebar
        if shown(page):
            fail(f"the {what} is already shown before {name} is clicked (no drawer)")
            continue
        error = click_visible(page, button)
        if error:
            fail(f"{error}, so the {what} cannot be opened")
        elif not wait_shown(page, True):
            fail(f"clicking {name} ({button}) did not open the {what}")
        else:  # close it again: a modal <dialog> (the themes'), else a toggle
            close_dialogs(page)
            if not wait_shown(page, False):
                click_visible(page, button)
                wait_shown(page, False)
    return failures


# The click point of a dropdown's title: the middle of its longest run of text (the
# title proper, not the toggle button's hint), after scrolling it to mid-screen.
TITLE_POINT_JS = """([sel, i]) => {
    const title = document.querySelectorAll(sel)[i];
    title.scrollIntoView({block: 'center', behavior: 'instant'});
    const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
    let best = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement.closest('button')) continue;
        if (!best || n.data.trim().length > best.data.trim().length) best = n;
    }
    const range = document.createRange();
    range.selectNodeContents(best || title);
    const r = range.getClientRects()[0] || title.getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + r.height / 2, url: location.href,
            label: title.textContent.replace(/\\s+/g, ' ').trim().slice(0, 60)};
}"""
BODY_SHOWN_JS = """([sel, i]) => {
    const title = document.querySelectorAll(sel)[i];
    return [...title.parentElement.children].filter(c => c !== title).some(
        c => c.checkVisibility({visibilityProperty: true, opacityProperty: true})
             && c.getBoundingClientRect().height > 0);
}"""
DROPDOWN_TITLES = ".admonition.dropdown > .admonition-title"


def wait_body(page, args, want):
    """Wait (transitions) until the dropdown's body is shown (want) or hidden."""
    try:
        page.wait_for_function(
            f"(args) => ({BODY_SHOWN_JS})(args) === {'true' if want else 'false'}",
            arg=args,
            timeout=NAV_WAIT_MS,
        )
        return True
    except PlaywrightTimeout:
        return False


def check_solutions(page):
    """Each dropdown (a solution) opens when its title text is clicked, and closes."""
    failures = []

    def fail(detail):
        failures.append(("solutions", detail))

    for i in range(page.locator(DROPDOWN_TITLES).count()):
        args = [DROPDOWN_TITLES, i]
        point = page.evaluate(TITLE_POINT_JS, args)
        label = point["label"]
        if page.evaluate(BODY_SHOWN_JS, args):
            fail(f'"{label}" is open before any click')
            continue
        page.mouse.click(point["x"], point["y"])
        url = page.evaluate("location.href")  # page.url lags behind a #hash jump
        if url != point["url"]:
            fail(
                f'clicking the title of "{label}" followed a link to '
                f"{urlsplit(url).fragment or url} instead of opening it"
            )
        elif not wait_body(page, args, True):
            fail(f'clicking the title of "{label}" did not open it')
        else:
            point = page.evaluate(TITLE_POINT_JS, args)
            page.mouse.click(point["x"], point["y"])
            if not wait_body(page, args, False):
                fail(f'clicking the title of "{label}" again did not close it')
    return failures


SEARCH_RESULTS_JS = """() => [...document.querySelectorAll(
        '#search-results li, ul.search li')]
    .map(li => ({href: (li.querySelector('a') || {}).href || '',
                 snippet: (li.querySelector('.context') || {}).textContent || null}))"""
# Finished: the summary line is written, and the first results have their snippets.
SEARCH_DONE_JS = f"""(n) => {{
    const summary = document.querySelector('.search-summary');
    const results = ({SEARCH_RESULTS_JS})();
    return !!(summary && summary.textContent)
        && results.slice(0, n).every(r => r.snippet !== null);
}}"""


def check_search(page, base_url, searches):
    failures = []
    for query, expect in searches:

        def fail(detail, query=query):
            failures.append(("search", f"q={query!r}: {detail}"))

        page.goto(f"{base_url}/search.html?q={quote(query)}")
        try:
            page.wait_for_function(
                SEARCH_DONE_JS, arg=SNIPPETS_CHECKED, timeout=WAIT_MS
            )
        except PlaywrightTimeout:
            pass
        results = page.evaluate(SEARCH_RESULTS_JS)
        pages = [unquote(urlsplit(r["href"]).path).removeprefix("/") for r in results]
        if not results:
            fail(f"no results (expected {expect} first)")
            continue
        if pages[0] != expect:
            fail(f"{expect} is not first: {pages[:4]}")
        for rank, result in enumerate(results[:SNIPPETS_CHECKED], 1):
            snippet = result["snippet"] or ""
            for pattern, what in ((SNIPPET_TEX, "raw TeX"), (SNIPPET_CODE, "code")):
                if match := pattern.search(snippet):
                    start = max(0, match.start() - 30)
                    fail(
                        f"result {rank}'s snippet shows {what}: "
                        f'"{snippet[start : match.end() + 30]}"'
                    )
    return failures


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


VIEWS = (("desktop", DESKTOP), ("phone", PHONE))


def open_page(context, url, viewport, requests, console):
    """A tab starting to load `url` at this viewport size, recording its requests and
    console errors. It goes on loading while the caller does other work."""
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
    page.goto(url, wait_until="commit")
    return page


# An explorer: the static copy of mlp_lib.widgets.Explorer, or an ipywidgets
# interactive embedded as it is (its controls need a kernel).
EXPLORERS = ".mlp-explorer, .widget-interact"
NOTICE_TEXT = "run the notebook to explore"
EXPLORER_JS = """([sel, notice]) => [...document.querySelectorAll(sel)].map(e => ({
    live: e.matches('.widget-interact'),
    notice: [...e.querySelectorAll('*')].some(n => n.children.length === 0
        && n.textContent.includes(notice) && n.checkVisibility()),
    inputs: [...e.querySelectorAll('input[type=range]')].map(i => ({
        label: ((i.closest('label') || i.parentElement).firstChild || {})
            .textContent?.trim() || '?',
        disabled: i.disabled, atMax: Number(i.value) >= Number(i.max)})),
}))"""
FIGURE_JS = """([sel, i]) => [...document.querySelectorAll(sel)[i]
    .querySelectorAll('img')].map(img => img.currentSrc || img.src).join(' ')"""


def check_explorers(page):
    """Each explorer's figure changes when any of its range inputs moves one step (by
    the keyboard, as a user would); an explorer with a fixed control (disabled input,
    or a live ipywidget, which needs a kernel) shows the static-preview notice."""
    failures = []
    for i, explorer in enumerate(page.evaluate(EXPLORER_JS, [EXPLORERS, NOTICE_TEXT])):
        name = f"explorer #{i + 1}"
        fixed = explorer["live"] or any(c["disabled"] for c in explorer["inputs"])
        if fixed and not explorer["notice"]:
            what = (
                "a live widget (no kernel here)"
                if explorer["live"]
                else "a fixed control"
            )
            failures.append(
                ("explorers", f'{name} has {what} but no "{NOTICE_TEXT}" notice')
            )
        if explorer["live"]:
            continue
        for j, control in enumerate(explorer["inputs"]):
            if control["disabled"]:
                continue
            page.evaluate(
                f"(a) => {{ window.__checkSiteFigure = ({FIGURE_JS})(a); }}",
                [EXPLORERS, i],
            )
            slider = page.locator(EXPLORERS).nth(i).locator("input[type=range]").nth(j)
            slider.scroll_into_view_if_needed()
            slider.focus()
            page.keyboard.press("ArrowLeft" if control["atMax"] else "ArrowRight")
            try:
                page.wait_for_function(
                    f"(a) => ({FIGURE_JS})(a) !== window.__checkSiteFigure",
                    arg=[EXPLORERS, i],
                    timeout=NAV_WAIT_MS,
                )
            except PlaywrightTimeout:
                failures.append(
                    (
                        "explorers",
                        f'{name}: moving "{control["label"]}" did not change its '
                        "figure",
                    )
                )
    return failures


# Base64 images anywhere in a page: data: URIs, an explorer's frames, widget state.
BASE64_IMAGE = re.compile(r"(?:iVBORw0KGgo|/9j/)[A-Za-z0-9+/]+={0,2}")


def check_weight(root, page, source):
    """The page's images (inline base64 ones and local <img> files) weigh at most
    MAX_IMAGE_BYTES."""
    inline = sum(len(m) * 3 // 4 for m in BASE64_IMAGE.findall(source))
    files = set()
    for src in re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', source):
        url = urlsplit(urljoin(f"http://127.0.0.1/{page}", src))
        path = root / unquote(url.path).lstrip("/")
        if url.scheme == "http" and path.is_file():
            files.add(path)
    total = inline + sum(path.stat().st_size for path in files)
    if total <= MAX_IMAGE_BYTES:
        return []
    return [
        (
            "weight",
            f"{total / 1e6:.1f} MB of images (inline {inline / 1e6:.1f} MB), more "
            f"than {MAX_IMAGE_BYTES / 1e6:.0f} MB",
        )
    ]


def check_view(page, kind, job, base_url, shots, options):
    """Run every check of one page at one width; return a list of (assertion, detail).

    The checks that click (navigation, solutions) come after the screenshot, so that
    it shows the page as it loads.
    """
    rel, source = job["rel"], job["source"]
    page.wait_for_load_state("load")
    if job["redirect"]:  # a stub: links/offline/console only
        page.wait_for_url(lambda url: not url.endswith(rel))
        return []
    failures = []
    math = check_math(page, source)
    widgets = check_widgets(page)
    if kind == "desktop":
        failures += math + widgets + check_images(page) + check_outputs(page)
        failures += check_figures(page, kind)
    settle(page, network=(kind == "desktop"))
    if kind == "desktop":  # after settle: widths with the page's fonts
        failures += check_code_width(page)
    if kind == "desktop" and rel == "search.html":  # the screenshot then shows results
        failures += check_search(page, base_url, options["searches"])
    if kind == "phone":
        failures += check_phone_width(page) + check_figures(page, kind)
        failures += check_equations(page)
    if shots:
        page.screenshot(path=str(shots / screenshot_name(rel, kind)), full_page=True)
    # Clicks next: transitions off, so a toggled state is final at once and nothing
    # moves between finding a click point and clicking it.
    page.add_style_tag(content=NO_TRANSITIONS)
    failures += check_navigation(page, kind)
    if kind == "desktop":
        failures += check_solutions(page) + check_explorers(page)
        failures += check_answers(page)
    return failures


# ---------------------------------------------------------------- answer boxes

ANSWER_BOXES = "form.mlp-answer"
# The exercise ids of the cells that call check("<id>", ...), solutions' cells excepted.
CHECKED_IDS_JS = """() => [...document.querySelectorAll('.cell')]
    .filter(c => !c.closest('.solution, .dropdown'))
    .map(c => (c.textContent.match(/\\bcheck\\(\\s*["']([\\w.]+)["']/) || [])[1])
    .filter(id => id)"""
BOX_IDS_JS = """(sel) => [...document.querySelectorAll(sel)]
    .map(form => form.dataset.exercise || '')"""
# The message a box shows, as text ("✘ Not yet: ..."); null while it shows none.
BOX_MESSAGE_JS = """([sel, i]) => {
    const shown = document.querySelectorAll(sel)[i]
        .querySelector('.mlp-answer-feedback');
    const text = shown ? shown.textContent.replace(/\\s+/g, ' ').trim() : '';
    return text || null;
}"""
BOX_CLEAR_JS = """([sel, i]) => {
    const shown = document.querySelectorAll(sel)[i]
        .querySelector('.mlp-answer-feedback');
    if (shown) shown.replaceChildren();
}"""


@functools.cache
def numeric_exercises():
    return exercises.export_numbers()


def answer_trials(number):
    """(what, entry) pairs to type into a box: a typical mistake (the first hint), a
    wrong value, a near miss (off by one, or rounded), text, then the right answer. An
    entry is one text per field. (tests/test_book_answers.py compares every hint.)"""
    answer = number["answer"]
    hints = number["hints"][:1]
    if isinstance(answer, list):
        right = [repr(v) for v in answer]
        trials = [("a typical mistake", [repr(v) for v in h["value"]]) for h in hints]
        trials += [
            ("a wrong value", [repr(answer[0] * 10 + 7)] + right[1:]),
            ("a near miss", [f"{answer[0]:.2g}"] + right[1:]),
            ("text", ["abc"] + right[1:]),
        ]
        return trials + [("the right answer", right)]
    trials = [("a typical mistake", repr(h["value"])) for h in hints]
    trials += [
        ("a wrong value", repr(answer * 10 + 7)),
        ("a near miss", repr(answer + 1) if number["integer"] else f"{answer:.2g}"),
        ("text", "abc"),
    ]
    return trials + [("the right answer", repr(answer))]


def expected_message(exercise_id, entry):
    """What `check` says to this entry, as the box's text (no backticks)."""
    answer = tuple(entry) if isinstance(entry, list) else entry
    shown = repr(exercises.check(exercise_id, answer))
    return re.sub(r"\s+", " ", re.sub(r"`([^`]+)`", r"\1", shown)).strip()


def try_box(page, i, entry):
    """Type `entry` into box i and click Check; the message shown, or an error."""
    box = page.locator(ANSWER_BOXES).nth(i)
    fields = box.locator(".mlp-answer-input").all()
    button = box.locator(".mlp-answer-check")
    texts = entry if isinstance(entry, list) else [entry]
    if len(fields) != len(texts):
        return None, f"has {len(fields)} answer fields, not {len(texts)}"
    shown = [f.is_visible() and f.is_editable() for f in fields]
    if not all(shown) or not (button.is_visible() and button.is_enabled()):
        return None, "cannot be used: its fields or its Check button are not shown"
    page.evaluate(BOX_CLEAR_JS, [ANSWER_BOXES, i])
    # As a reader would: type, then click Check. A busy machine can take seconds to
    # deliver a click, hence the long time limit.
    try:
        for field, text in zip(fields, texts):
            field.fill(text, timeout=ACTION_MS)
        button.click(timeout=ACTION_MS)
    except PlaywrightTimeout as exc:
        return None, f"cannot be used: {str(exc).splitlines()[0]}"
    try:
        page.wait_for_function(
            f"(a) => ({BOX_MESSAGE_JS})(a) !== null",
            arg=[ANSWER_BOXES, i],
            timeout=WAIT_MS,
        )
    except PlaywrightTimeout:
        return None, "shows no message after Check"
    return page.evaluate(BOX_MESSAGE_JS, [ANSWER_BOXES, i]), None


def check_answers(page):
    """Every numeric exercise has an answer box, and each box answers what `check`
    answers: the right answer is correct, a mistake gets its specific message."""
    numbers = numeric_exercises()
    boxes = page.evaluate(BOX_IDS_JS, ANSWER_BOXES)
    failures = [
        ("answers", f"exercise {exercise_id} has no answer box")
        for exercise_id in dict.fromkeys(page.evaluate(CHECKED_IDS_JS))
        if exercise_id in numbers and exercise_id not in boxes
    ]
    for i, exercise_id in enumerate(boxes):
        if exercise_id not in numbers:
            failures.append(
                (
                    "answers",
                    f"answer box #{i + 1} is for {exercise_id!r}, not a numeric "
                    "exercise of mlp_lib.exercises",
                )
            )
            continue
        for what, entry in answer_trials(numbers[exercise_id]):
            shown, error = try_box(page, i, entry)
            want = expected_message(exercise_id, entry)
            name = f"answer box of {exercise_id}, {what} {entry!r}"
            if error:
                failures.append(("answers", f"{name}: {error}"))
            elif shown != want:
                failures.append(("answers", f'{name}: shows "{shown}", not "{want}"'))
            else:
                continue
            break  # one failure per box
    return failures


def load_failure(kind, exc):
    return ("load", f"{kind}: {type(exc).__name__}: {str(exc).splitlines()[0]}")


def run_views(views, base_url, shots, options):
    """Check `views` [(job, kind, viewport), ...] in order, in one browser.

    Each view gets a fresh tab, opened while the view before it is being checked: the
    browser loads one page while the checker waits on another, and every check still
    runs on its own fully loaded tab.
    """

    def start(context, job, kind, viewport):
        try:
            url = f"{base_url}/{job['rel']}"
            return open_page(context, url, viewport, job["requests"], job["console"])
        except Exception as exc:  # a crashed page is one failure, not the end
            job["failures"].append(load_failure(kind, exc))
            return None

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=DESKTOP)
        context.route(is_external, lambda route: route.abort())
        upcoming = views and start(context, *views[0])
        for i, (job, kind, _) in enumerate(views):
            page = upcoming
            upcoming = i + 1 < len(views) and start(context, *views[i + 1])
            if not page:
                continue
            try:
                job["failures"] += check_view(page, kind, job, base_url, shots, options)
            except Exception as exc:  # a crashed page is one failure, not the end
                job["failures"].append(load_failure(kind, exc))
            finally:
                page.close()
        browser.close()


def check_site(root, pages=None, screenshots=None, searches=SEARCHES, workers=WORKERS):
    """Check every page; return ({page: [(assertion, detail), ...]}, [warning, ...]).

    `searches`: (query, page expected first) pairs, run on search.html.

    Every page is loaded twice: at desktop width for the content checks, then freshly
    at phone width (as a phone would load it, not a resized desktop layout). The pages
    are shared out between `workers` threads, each with its own Chromium.
    """
    root = Path(root)
    shots = screenshots and Path(screenshots)
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    options = {"searches": list(searches)}
    warnings, jobs = [], []
    landing = landing_page(root)
    for rel in find_pages(root, pages):
        source = (root / rel).read_text(encoding="utf-8", errors="replace")
        jobs.append(
            {
                "rel": rel,
                "source": source,
                "redirect": re.search(r'http-equiv="refresh"', source, re.I),
                "failures": check_links(root, rel, warnings)
                + check_scripts(root, rel)
                + check_weight(root, rel, source)
                + (check_download(root, rel) if rel == landing else []),
                "requests": [],
                "console": [],
            }
        )
    # Both views of a page go to the same worker; the slowest pages (the longest
    # files) are shared out first, so the workers finish at about the same time.
    shares = [[] for _ in range(max(1, min(workers, len(jobs))))]
    by_size = sorted(jobs, key=lambda job: -len(job["source"]))
    for i, job in enumerate(by_size):
        views = VIEWS[:1] if job["redirect"] else VIEWS
        shares[i % len(shares)] += [(job, kind, viewport) for kind, viewport in views]
    server = start_server(root)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    errors = []

    def worker(views):
        try:
            run_views(views, base_url, shots, options)
        except Exception as exc:  # e.g. Chromium did not start
            errors.append(exc)

    try:
        threads = [threading.Thread(target=worker, args=(share,)) for share in shares]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.shutdown()
        server.server_close()
    if errors:
        raise errors[0]
    results = {
        job["rel"]: job["failures"]
        + check_requests(job["requests"])
        + check_console(list(dict.fromkeys(job["console"])))
        for job in jobs
    }
    return results, warnings


def search_pair(text):
    query, sep, page = text.rpartition("=")
    if not (sep and query and page):
        raise argparse.ArgumentTypeError(f"expected QUERY=PAGE, got {text!r}")
    return query, page


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path)
    parser.add_argument(
        "--screenshots", type=Path, help="default: BUILD_DIR/../site-screenshots"
    )
    parser.add_argument(
        "--pages", help="only pages whose path matches this glob, e.g. 'book/*'"
    )
    parser.add_argument(
        "--search",
        action="append",
        type=search_pair,
        metavar="QUERY=PAGE",
        help="search.html?q=QUERY must list PAGE (e.g. book/05_softmax.html) first; "
        "repeatable (default: " + ", ".join(f"{q}={p}" for q, p in SEARCHES) + ")",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=WORKERS,
        help=f"pages checked at once, each in its own Chromium (default: {WORKERS})",
    )
    args = parser.parse_args(argv)
    shots = args.screenshots or args.build_dir.resolve().parent / "site-screenshots"
    results, warnings = check_site(
        args.build_dir, args.pages, shots, args.search or SEARCHES, args.workers
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
