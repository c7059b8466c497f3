"""Tests for scripts/check_site.py on a tiny hand-written site.

Each bad page must be reported under the right assertion, and the clean pages must pass.
"""

import importlib.util
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("needs Debian's Chromium at /usr/bin/chromium", allow_module_level=True)

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_site.py"
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
}


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
    return root


@pytest.fixture(scope="module")
def report(site):
    patch = pytest.MonkeyPatch()
    patch.setattr(
        check_site, "WAIT_MS", 1_000
    )  # the widget page waits this long, twice
    try:
        yield check_site.check_site(site, screenshots=site.parent / "shots")
    finally:
        patch.undo()


def assertions(report, page):
    results, _ = report
    return {assertion for assertion, _ in results[page]}


def test_clean_pages_pass(report):
    results, _ = report
    assert results["clean.html"] == []
    assert results["sub/index.html"] == []


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
    ],
)
def test_bad_page_is_reported(report, page, assertion, detail):
    results, _ = report
    details = [d for a, d in results[page] if a == assertion]
    assert any(detail in d for d in details), results[page]


def test_outside_links_are_warnings(report):
    results, warnings = report
    assert any("https://example.org/" in line for line in warnings)
    assert "links" not in assertions(report, "clean.html")


def test_allow_list_has_a_reason_for_each_entry():
    for pattern, reason in check_site.ALLOWED_CONSOLE:
        assert pattern.startswith("^") and pattern.endswith("$") and reason


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
