"""Tests for scripts/check_site.py on a tiny hand-written site.

Each bad page must be reported under the right assertion, and the clean pages must pass.
"""

import importlib.util
import re
import zipfile
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from mlp_lib import widgets as mlp_widgets

if not Path("/usr/bin/chromium").exists():
    pytest.skip("needs Debian's Chromium at /usr/bin/chromium", allow_module_level=True)

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_site.py"
EXPLORERS_JS = SCRIPT.parent.parent / "vendor/site/static/book-explorers.js"
ANSWERS_JS = SCRIPT.parent.parent / "vendor/site/static/book-answers.js"
spec = importlib.util.spec_from_file_location("check_site", SCRIPT)
check_site = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_site)

# A 1x1 PNG: a data: image must load and must not count as a request leaving the
# machine.
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

PAGES = {
    "clean.html": f"""<h1 id="top">Clean</h1>
        <p>Inline math that was typeset leaves no TeX behind. <a href="#top">Top</a>,
           <a href="sub/">sub</a>, <a href="sub/index.html#here">here</a>,
           <a href="https://example.org/">an outside link (a warning only)</a>,
           <a href="mailto:someone@example.org">mail</a>.</p>
        <img src="{PIXEL}" alt="pixel">
        <pre style="overflow-x: auto">{"x" * 300} code may write \\(x\\) and scroll """
    """sideways</pre>""",
    "sub/index.html": '<p id="here">A folder index page.</p>'
    '<a href="../clean.html#top">back</a>',
    "raw_tex.html": r"<p>The square \(x^2\) was never typeset.</p>",
    "broken_image.html": '<img src="missing.png" alt="missing">',
    "dead_anchor.html": '<a href="clean.html#nope">a dead anchor</a> '
    '<a href="gone.html">a dead file</a>',
    "external.html": '<img src="https://example.com/x.png" alt="outside">',
    "console_error.html": '<script>console.error("boom")</script>'
    "<script>notAFunction()</script>",
    "traceback.html": '<div class="cell_output"><div class="output traceback">'
    "<pre>Traceback (most recent call last): ValueError</pre></div></div>",
    "wide.html": '<div style="width: 1000px">'
    "a fixed-width block wider than a phone</div>",
    "widget.html": '<div class="cell_output">'
    '<script type="application/vnd.jupyter.widget-view+json">'
    '{"model_id": "1", "version_major": 2, "version_minor": 0}</script></div>',
    # The messages that the old allow-list excused: now they fail like any other.
    "theme_mode.html": "<script>"
    'console.error("Got invalid theme mode: . Resetting to auto.")</script>',
    "duplicate_script.html": '<script>const THEBE_JS_URL = "x";</script>'
    '<script>const THEBE_JS_URL = "x";</script>',
    # a silent duplicate (no console error), caught by parsing the page
    "duplicate_src.html": '<script src="clean.js"></script>'
    '<script src="clean.js"></script>',
}


def nav_page(working):
    """A page with a navigation sidebar and in-page contents, shown beside the text at
    1280 px and as drawers behind ☰ / contents buttons at 390 px. Not working: the
    script binds a hidden duplicate pair of buttons that comes first in the page (as
    pydata-sphinx-theme 0.17 did under sphinx-book-theme), so the visible ones only
    have their tooltip."""
    duplicate = (
        ""
        if working
        else '<div style="display: none"><button class="primary-toggle">☰</button>'
        '<button class="secondary-toggle">≡</button></div>'
    )
    return (
        """<style>
        #pst-primary-sidebar { float: left; width: 200px; }
        #pst-secondary-sidebar { float: right; width: 150px; }
        .collapsed { display: none; }
        @media (max-width: 991px) {
          #pst-primary-sidebar, #pst-secondary-sidebar { display: none; }
          #pst-primary-sidebar.open, #pst-secondary-sidebar.open {
            display: block; position: fixed; top: 0; left: 0; width: 60%;
            height: 100%; background: white; }
        }
        header { display: flex; justify-content: space-between; }
        </style>"""
        + duplicate
        + """<header>
        <button class="primary-toggle" title="Toggle primary sidebar">☰</button>
        <button class="secondary-toggle" title="Contents">≡</button></header>
        <nav id="pst-primary-sidebar"><a href="clean.html">Clean</a>
          <a href="sub/">Sub</a></nav>
        <nav id="pst-secondary-sidebar"><a href="#top">Top</a></nav>
        <h1 id="top">Navigation</h1><p>Text.</p>
        <script>
        const narrow = () => matchMedia("(max-width: 991px)").matches;
        const toggle = (button, sidebar) => button.addEventListener("click", () =>
            document.getElementById(sidebar).classList.toggle(
                narrow() ? "open" : "collapsed"));
        toggle(document.querySelector(".primary-toggle"), "pst-primary-sidebar");
        toggle(document.querySelector(".secondary-toggle"), "pst-secondary-sidebar");
        </script>"""
    )


def solution_page(title, hidden=True):
    """An exercise and its dropdown solution. The title toggles the solution when the
    click lands on the title itself, as sphinx-togglebutton's handler does."""
    return (
        """<style>.toggle-hidden > :not(.admonition-title) { display: none; }
        .admonition-title { cursor: pointer; }</style>
        <div class="exercise admonition" id="ex-1">
          <p class="admonition-title">Exercise 1.1 (Sum of two numbers)</p>
          <p>Add 1 and 1.</p></div>"""
        + f'<div class="solution dropdown admonition{" toggle-hidden" * hidden}">'
        + f'<p class="admonition-title">{title}</p>'
        + """<section><p>Two.</p></section></div>
        <script>
        document.querySelectorAll(".dropdown > .admonition-title").forEach(t =>
            t.addEventListener("click", event => {
                if (event.target === t || event.target.matches(".solution-text"))
                    t.parentElement.classList.toggle("toggle-hidden");
            }));
        </script>"""
    )


PAGES |= {
    "nav.html": nav_page(working=True),
    "dead_nav.html": nav_page(working=False),
    # the whole title is text; the link to the exercise is small and separate
    "solution.html": solution_page(
        'Solution to <span class="solution-text">Exercise 1.1 (Sum of two numbers)'
        '</span> <a href="#ex-1">↑ exercise</a>'
    ),
    # sphinx-exercise's title: most of it is a link back to the exercise
    "solution_link.html": solution_page(
        'Solution to <a href="#ex-1">Exercise 1.1 (Sum of two numbers)</a>'
    ),
    "solution_open.html": solution_page("Solution to Exercise 1.1", hidden=False),
    # navigation links always in the page, no drawer and no ☰
    "inline_nav.html": '<nav id="pst-primary-sidebar"><a href="clean.html">Clean</a>'
    "</nav><p>Text.</p>",
}


def figure_page(image="figure.svg", caption="Figure 1.1: ", alt=None, style=""):
    """A notebook figure as myst-nb writes it, wrapped in a link to its image (as
    book-figures.js does); caption=None: a bare output image, as without metadata."""
    alt = alt or "A line rising from left to right"
    img = f'<a href="{image}"><img src="{image}" alt="{alt}" style="{style}"></a>'
    if caption is not None:
        img = (
            f'<figure id="fig-1-line">{img}<figcaption><p><span class="caption-number">'
            f'{caption}</span><span class="caption-text">The loss falls, then levels'
            "</span></p></figcaption></figure>"
        )
    return f'<div class="cell_output">{img}</div>'


PAGES |= {
    # a widget's image, or an image inline in an HTML output (an explorer's frame), is
    # not a figure: it needs no caption and may be any width
    "figure.html": figure_page(alt="A 1/x curve on log-log axes")
    + '<div class="cell_output"><div class="jupyter-widgets">'
    '<img src="wide.svg" alt="x"></div></div>'
    f'<div class="cell_output"><div class="output text_html"><img src="{PIXEL}">'
    "</div></div>",
    # an output image without figure metadata: no caption, the file name as alt
    "figure_bare.html": '<div class="cell_output"><img src="figure.svg" '
    'alt="../_images/0b2162da9622a7496287d1f07851d1d735dadf5896b0045c58d5f2a6132b3118'
    '.png"></div>',
    "figure_fig_number.html": figure_page(caption="Fig. 1.1 "),
    "figure_small_text.html": figure_page(style="width: 300px"),
    "figure_wide.html": figure_page(image="wide.svg"),
}


def equation_page(container_style, math_style="", number="(2.11)"):
    """A display equation as MathJax writes it in Sphinx's div.math (number first), its
    typeset math 600 px wide: wider than a phone's column."""
    return (
        f'<div class="math" style="display: flex; {math_style}">'
        f'<span class="eqno">{number}</span>'
        f'<mjx-container display="true" style="display: block; {container_style}">'
        '<mjx-math style="display: inline-block; width: 600px">∂L/∂γ = …</mjx-math>'
        "</mjx-container></div>"
    )


SCROLL_CUE = (
    "background: linear-gradient(to left, rgba(0, 0, 0, 0.3), transparent) right "
    "/ 1rem 100% no-repeat;"
)
PAGES |= {
    # too wide for a phone, but it scrolls and shows a scroll shadow
    "equation_scrolls.html": equation_page("overflow-x: auto; " + SCROLL_CUE),
    # pydata's div.math { overflow: hidden } around a container that does not scroll
    "equation_clipped.html": equation_page(
        "overflow: visible", "overflow: hidden", "(2.10)"
    ),
    "equation_no_cue.html": equation_page("overflow-x: auto"),
    # a code line wider than the column, and an error message that does not wrap
    "code_wide.html": '<div class="cell_input"><pre style="overflow-x: auto">'
    + "x = 1  # "
    + "y" * 200
    + '</pre></div><div class="cell_output"><div class="output">'
    '<pre style="overflow-x: auto; white-space: pre">ValueError: training needs at '
    "least 2 samples" + " per class" * 30 + "</pre></div></div>",
    # the same output wrapped, as the book's CSS does
    "code_wraps.html": '<div class="cell_output"><div class="output">'
    '<pre style="white-space: pre-wrap; overflow-wrap: break-word">ValueError: '
    "training needs at least 2 samples" + " per class" * 30 + "</pre></div></div>",
}


def draw_ab(a, b):
    """A figure for each setting of the explorers below."""
    plt.subplots(figsize=(1.5, 1))[1].set_title(f"{a} {b}")


def draw_same(a, b):
    """The same figure whatever the setting: its explorer's sliders are dead."""
    plt.subplots(figsize=(1.5, 1))


def explorer_page(draw, **page_values):
    """A static explorer as mlp_lib.widgets.Explorer writes it, and the book's JS."""
    explorer = mlp_widgets.Explorer(
        draw,
        page_values=page_values,
        a=mlp_widgets.int_slider(1, "a", 0, 2),
        b=mlp_widgets.selection_slider(["x", "y"], "x", "b"),
    )
    html = explorer.static_html()
    plt.close("all")
    return html + f"<script>{EXPLORERS_JS.read_text()}</script>"


PAGES |= {
    "explorer.html": explorer_page(draw_ab),
    "explorer_dead.html": explorer_page(draw_same),
    # a fixed control with its notice, and without
    "explorer_preview.html": explorer_page(draw_ab, a=(1,)),
    "explorer_no_notice.html": re.sub(
        r'<p class="mlp-explorer-notice">.*?</p>', "", explorer_page(draw_ab, a=(1,))
    ),
    # an ipywidgets interactive embedded as it is: its sliders need a kernel
    "explorer_live.html": '<div class="widget-interact"><label>a <input '
    f'type="range" min="0" max="2"></label><img src="{PIXEL}" alt="a = 1"></div>',
    # more than MAX_IMAGE_BYTES of base64 PNG, as explorer frames
    "heavy.html": '<script type="application/json">["iVBORw0KGgo'
    + "A" * 4_100_000
    + '"]</script>',
}


def _load(name, path):
    module_spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


book_answers = _load(
    "book_answers", SCRIPT.parent.parent / "vendor/site/book_answers.py"
)
NUMBER_ID = (
    "neuron.memory_float32"  # a real numeric exercise: the oracle is its `check`
)


def answer_page(box=True, script=None, stub=NUMBER_ID):
    """A numeric exercise's stub cell (as myst-nb writes it) and its answer box, which
    the book's JavaScript (or `script`) brings to life."""
    html = (
        '<div class="exercise admonition"><p class="admonition-title">Exercise</p>'
        '<div class="cell tag_exercise-stub"><div class="cell_input">'
        f'<pre>answer = None\n\ncheck("{stub}", answer)</pre></div></div>'
    )
    if box:
        numbers = check_site.numeric_exercises()
        html += book_answers.box_html(NUMBER_ID, numbers[NUMBER_ID])
    script = ANSWERS_JS.read_text() if script is None else script
    return html + f"</div><script>{script}</script>"


# A box that says "correct" to anything, and one that shows nothing.
ACCEPT_ALL = """document.querySelectorAll("form.mlp-answer").forEach(form => {
    form.hidden = false;
    form.addEventListener("submit", event => {
        event.preventDefault();
        form.querySelector(".mlp-answer-feedback").textContent =
            "✔ Correct: " + form.querySelector("input").value;
    });
});"""
SILENT = ACCEPT_ALL.replace(
    'form.querySelector(".mlp-answer-feedback").textContent =', "const unused ="
)
PAGES |= {
    # a numeric exercise with its box, and a function exercise (no box)
    "answers.html": answer_page()
    + answer_page(box=False, script="", stub="neuron.weighted_sum"),
    "answers_accept_all.html": answer_page(script=ACCEPT_ALL),
    "answers_silent.html": answer_page(script=SILENT),
    "answers_dead.html": answer_page(script=""),  # hidden until a script shows it
    "answers_missing.html": answer_page(box=False),
}


# A search page that answers like Sphinx's (ul.search li a, p.context, a summary):
# q=good lists good.html first with prose snippets; any other query lists a wrong
# first page whose snippet is code, then a snippet with raw TeX.
PAGES["search.html"] = r"""<div id="search-results"></div>
<script>
const q = new URLSearchParams(location.search).get("q");
const results = q === "good"
  ? [["good.html", "A plain sentence about good things."],
     ["clean.html", "More prose, no formulas."]]
  : [["book/04_loss.html", "import numpy as np from mlp_lib import losses"],
     ["book/05_softmax.html", "the softmax \\(\\frac{e^{z_i}}{\\sum_j e^{z_j}}\\)"]];
if (q) {
  const out = document.getElementById("search-results");
  out.innerHTML = '<p class="search-summary">Search finished.</p><ul class="search">'
    + "</ul>";
  for (const [href, text] of results) {
    const li = out.querySelector("ul").appendChild(document.createElement("li"));
    li.appendChild(document.createElement("a")).href = href;
    li.querySelector("a").textContent = href;
    li.appendChild(document.createElement("p")).className = "context";
    li.querySelector("p").textContent = text;
  }
}
</script>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    for name, body in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(
            f'<!DOCTYPE html><html><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width">'
            f"<title>{name}</title></head><body>{body}</body></html>"
        )
    (root / "clean.js").write_text("window.loadedOnce = true;\n")
    # house-width and too-wide figure images (naturalWidth is the SVG's width)
    for name, width in (("figure.svg", check_site.FIGURE_PX), ("wide.svg", 1386)):
        (root / name).write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="600">'
            '<rect width="100%" height="100%" fill="#0072B2"/></svg>'
        )
    return root


@pytest.fixture(scope="module")
def report(site):
    patch = pytest.MonkeyPatch()
    patch.setattr(
        check_site, "WAIT_MS", 1_000
    )  # the widget page waits this long, twice
    patch.setattr(check_site, "NAV_WAIT_MS", 500)  # each dead button waits this long
    try:
        yield check_site.check_site(site, screenshots=site.parent / "shots")
    finally:
        patch.undo()


def assertions(report, page):
    results, _ = report
    return {assertion for assertion, _ in results[page]}


def test_clean_pages_pass(report):
    results, _ = report
    for page in (
        "clean.html",
        "sub/index.html",
        "nav.html",
        "solution.html",
        "figure.html",
        "equation_scrolls.html",
        "code_wraps.html",
        "answers.html",
    ):
        assert results[page] == [], page


def test_every_page_is_checked_and_screenshotted(report, site):
    results, _ = report
    assert sorted(results) == sorted(PAGES)
    shots = {p.name for p in (site.parent / "shots").iterdir()}
    assert {"clean.desktop.png", "clean.phone.png", "sub__index.phone.png"} <= shots


@pytest.mark.parametrize(
    "page, assertion, detail",
    [
        ("raw_tex.html", "math", r"\(x^2\)"),
        ("broken_image.html", "images", "missing.png"),
        ("dead_anchor.html", "links", "#nope"),
        ("dead_anchor.html", "links", "gone.html -> missing file"),
        ("external.html", "offline", "https://example.com/x.png"),
        ("console_error.html", "console", "boom"),
        ("console_error.html", "console", "uncaught: notAFunction is not defined"),
        ("traceback.html", "outputs", "Traceback"),
        ("wide.html", "phone", "div"),
        ("widget.html", "widgets", "widget view #1"),
        ("theme_mode.html", "console", "Got invalid theme mode"),
        (
            "duplicate_script.html",
            "console",
            "Identifier 'THEBE_JS_URL' has already been declared",
        ),
        (
            "duplicate_script.html",
            "scripts",
            'included 2 times: const THEBE_JS_URL = "x";',
        ),
        ("duplicate_src.html", "scripts", "included 2 times: src=clean.js"),
        (
            "dead_nav.html",
            "nav",
            "390 px: clicking the visible ☰ (.primary-toggle) did not open the "
            "navigation drawer",
        ),
        (
            "dead_nav.html",
            "nav",
            "390 px: clicking the contents button (.secondary-toggle) did not open "
            "the in-page contents",
        ),
        (
            "dead_nav.html",
            "nav",
            "1280 px: clicking the visible ☰ did not hide the navigation sidebar",
        ),
        (
            "inline_nav.html",
            "nav",
            "390 px: the navigation drawer is already shown before the visible ☰ is "
            "clicked (no drawer)",
        ),
        ("inline_nav.html", "nav", "1280 px: no visible .primary-toggle button"),
        ("solution_link.html", "solutions", "followed a link to ex-1"),
        ("solution_open.html", "solutions", "is open before any click"),
        ("search.html", "search", "q='softmax': book/05_softmax.html is not first"),
        ("search.html", "search", "q='ROC': book/09_roc.html is not first"),
        ("search.html", "search", "result 1's snippet shows code"),
        ("search.html", "search", "result 2's snippet shows raw TeX"),
        ("figure_bare.html", "figures", "not in a numbered figure with a caption"),
        ("figure_bare.html", "figures", "does not describe the figure"),
        ("figure_bare.html", "figures", "not inside a link to its full-size image"),
        ("figure_fig_number.html", "figures", '"Fig. 1.1" is not "Figure N.M"'),
        ("figure_small_text.html", "figures", "smallest text 4.8 px < 9 px"),
        ("figure_wide.html", "figures", "1386 px wide, not the house width 1050"),
        ("equation_clipped.html", "equations", "equation (2.10)"),
        ("equation_clipped.html", "equations", "clipped, it does not scroll"),
        ("equation_no_cue.html", "equations", "scrolls with no visible cue"),
        ("code_wide.html", "code", "code cell overflows by"),
        ("code_wide.html", "code", "output overflows by"),
        ("code_wide.html", "code", '"ValueError: training needs at least 2 samples'),
        ("explorer_dead.html", "explorers", 'moving "a" did not change its figure'),
        ("explorer_dead.html", "explorers", 'moving "b" did not change its figure'),
        (
            "explorer_no_notice.html",
            "explorers",
            'explorer #1 has a fixed control but no "run the notebook to explore"',
        ),
        ("explorer_live.html", "explorers", "has a live widget (no kernel here)"),
        ("heavy.html", "weight", "3.1 MB of images (inline 3.1 MB), more than 3 MB"),
        (
            "answers_accept_all.html",
            "answers",
            "answer box of neuron.memory_float32, a typical mistake '3256640': shows "
            '"✔ Correct: 3256640", not "✘ Not yet: your answer is 3,256,640: '
            "that is in bits",
        ),
        ("answers_silent.html", "answers", "shows no message after Check"),
        ("answers_dead.html", "answers", "cannot be used: its fields or its Check"),
        ("answers_missing.html", "answers", "neuron.memory_float32 has no answer box"),
    ],
)
def test_bad_page_is_reported(report, page, assertion, detail):
    results, _ = report
    details = [d for a, d in results[page] if a == assertion]
    assert any(detail in d for d in details), results[page]


def test_explorers_that_respond_or_say_they_are_previews_pass(report):
    results, _ = report
    assert results["explorer.html"] == [] and results["explorer_preview.html"] == []


def test_outside_links_are_warnings(report):
    results, warnings = report
    assert any("https://example.org/" in line for line in warnings)
    assert "links" not in assertions(report, "clean.html")


def test_one_worker_finds_the_same(report, site, tmp_path):
    results, _ = report
    alone, _ = check_site.check_site(site, "solution*.html", tmp_path, workers=1)
    assert alone == {page: results[page] for page in alone} and len(alone) == 3


def test_no_console_error_is_excused():
    assert not hasattr(check_site, "ALLOWED_CONSOLE")


def test_search_passes_when_the_page_comes_first_with_prose(site, tmp_path):
    results, _ = check_site.check_site(
        site, "search.html", tmp_path, searches=[("good", "good.html")]
    )
    assert results["search.html"] == []


def test_search_option_takes_query_and_page(site, tmp_path, capsys):
    args = [str(site), "--pages", "search.html", "--screenshots", str(tmp_path)]
    assert check_site.main(args + ["--search", "good=good.html"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 passed, 0 failed"
    assert check_site.main(args + ["--search", "good=clean.html"]) == 1
    assert "search: q='good': clean.html is not first" in capsys.readouterr().out


def test_command_line_prints_one_line_per_page_and_a_summary(site, tmp_path, capsys):
    status = check_site.main(
        [str(site), "--pages", "clean.html", "--screenshots", str(tmp_path)]
    )
    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert lines[0] == "ok clean.html"
    assert lines[-1] == "1 passed, 0 failed"

    status = check_site.main(
        [str(site), "--pages", "broken_image.html", "--screenshots", str(tmp_path)]
    )
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert lines[0].startswith(
        "FAIL broken_image.html: images: not loaded: missing.png"
    )
    assert lines[-1] == "0 passed, 1 failed"


def course_zip(path, names, readme="make book\nmake test\n"):
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, readme if name.endswith("README.md") else "x")


def landing_site(root, href="course.zip"):
    """index.html redirecting to book/intro.html, which links to `href` (None: no
    link); the site was built from two notebooks (their copies in _sources/)."""
    (root / "book").mkdir(parents=True)
    (root / "_sources" / "book").mkdir(parents=True)
    for name in ("01_neuron.ipynb", "02_activations.ipynb"):
        (root / "_sources" / "book" / name).write_text("{}")
    (root / "index.html").write_text(
        '<meta http-equiv="Refresh" content="0; url=book/intro.html" />'
    )
    link = f'<a href="{href}">Download the course</a>' if href else "<p>Hi.</p>"
    (root / "book" / "intro.html").write_text(f"<html><body>{link}</body></html>")
    return root


COURSE = [
    "book/01_neuron.ipynb",
    "book/02_activations.ipynb",
    "mlp_lib/__init__.py",
    "requirements.txt",
    "pyproject.toml",
    "README.md",
]


def test_landing_page_is_where_index_redirects(tmp_path):
    assert check_site.landing_page(landing_site(tmp_path)) == "book/intro.html"


def test_download_of_the_whole_course_passes(tmp_path):
    root = landing_site(tmp_path)
    # under one top-level folder, as a zip of a folder usually is
    course_zip(root / "book" / "course.zip", [f"mlp-course/{n}" for n in COURSE])
    assert check_site.check_download(root, "book/intro.html") == []


@pytest.mark.parametrize(
    "href, names, readme, detail",
    [
        (None, COURSE, None, "no link to a .zip of the course"),
        ("gone.zip", COURSE, None, "gone.zip -> missing file"),
        ("course.zip", COURSE[1:], None, "lacks book/01_neuron.ipynb"),
        ("course.zip", COURSE[:3] + COURSE[4:], None, "lacks requirements.txt"),
        ("course.zip", COURSE, "pip install -r requirements.txt", "does not give"),
    ],
)
def test_bad_download_is_reported(tmp_path, href, names, readme, detail):
    root = landing_site(tmp_path, href)
    course_zip(root / "book" / "course.zip", names, readme or "make book, make test")
    failures = check_site.check_download(root, "book/intro.html")
    assert any(a == "download" and detail in d for a, d in failures), failures


def test_a_file_that_is_not_a_zip_is_reported(tmp_path):
    root = landing_site(tmp_path)
    (root / "book" / "course.zip").write_text("not a zip")
    failures = check_site.check_download(root, "book/intro.html")
    assert failures == [("download", "course.zip is not a zip file")]
