"""Run every chapter in a real JupyterLab, in headless Chromium, as a reader would.

Usage: python scripts/check_lab.py [NOTEBOOK ...] [--screenshots DIR] [--timeout S]

The notebooks (default: book/*.ipynb) are copied to a temporary folder (so nothing the
browser does is saved into the book) and a JupyterLab server is started there on a free
port, with autosave off. For each notebook, in a fresh tab:

  before    as opened, before anything runs: no raw MyST in the rendered Markdown
            (``:label:``, ``:class:``, a role like ``{eq}``, a directive fence,
            ``$$``), and every solution cell (tag exercise-solution) shows neither
            its source nor its outputs
  run       Kernel > Restart Kernel and Run All Cells; every cell finishes within
            --timeout seconds
  errors    no cell shows an error or a traceback
  widgets   every slider, moved one step with the keyboard as a reader would, changes
            an image in its widget
  exercise  the first numeric exercise stub (``answer = None``), given a wrong answer
            and run, shows the checker's red "wrong" feedback

Screenshots (before and after Run All, and the exercise feedback) go to --screenshots
(default: _build/lab-screenshots). Prints one line per notebook, then "N passed,
M failed"; exits 1 if anything failed. The server is stopped by its PID at the end.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TOKEN = "check-lab"
# Text that only shows when MyST was not rendered (jupyterlab-myst renders all of it):
# directive fences and options, roles such as {eq}`…` or {numref}`…`, display math.
RAW_MYST = re.compile(r":label:|:class:|\{[a-z-]+\}`|```\{|````\{|:::\{|\$\$")
# JupyterLab settings for the check: every cell in the DOM (no windowing, so cells can
# be found by index), no autosave, no news pop-up over the page.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none"
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
WRONG_ANSWER = "answer = -12345.0  # a wrong answer, typed by check_lab"
# The checker's "wrong" verdict: the red border of mlp_lib.exercises.Feedback.
WRONG_FEEDBACK = "#c62828"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on a copy of the notebooks, stopped by PID on exit."""

    def __init__(self, notebooks, workdir):
        self.root = workdir / "notebooks"
        self.root.mkdir()
        for nb in notebooks:
            shutil.copy(nb, self.root / nb.name)
        settings = workdir / "settings"
        for name, value in SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        self.port = free_port()
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings))
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={self.port}",
            f"--ServerApp.token={TOKEN}",
            f"--ServerApp.root_dir={self.root}",
            # A workspace of its own: no tabs restored from the reader's JupyterLab.
            f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
            "--ServerApp.open_browser=False",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(workdir / "server.log", "w")
        self.process = subprocess.Popen(
            command, env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.root
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self._wait_until_up()

    def _wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited; see {self.log.name}")
            try:
                urllib.request.urlopen(
                    f"{self.url}/api/status?token={TOKEN}", timeout=2
                )
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s")

    def notebook_url(self, name):
        # reset: only this notebook's tab, not the tabs of the notebooks checked before.
        return f"{self.url}/lab/tree/{name}?reset&token={TOKEN}"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


# The notebook in the current tab, and its cells.
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
CELLS = f"{PANEL} .jp-Notebook .jp-Cell"


def tagged_cells(notebook, tag, containing=""):
    """Indices of the notebook's cells with ``tag`` whose source contains the text."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    return [
        i
        for i, cell in enumerate(cells)
        if tag in cell.get("metadata", {}).get("tags", [])
        and containing in "".join(cell["source"])
    ]


def open_notebook(page, lab, name):
    page.goto(lab.notebook_url(name))
    n_cells = len(json.loads((lab.root / name).read_text(encoding="utf-8"))["cells"])
    # JupyterLab attaches the cells a few at a time.
    page.wait_for_function(
        f"document.querySelectorAll({CELLS!r}).length >= {n_cells}", timeout=60_000
    )
    # The kernel starts and Markdown (and MathJax) renders after the first cell shows.
    page.wait_for_selector(
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
    )
    page.wait_for_timeout(1500)


def check_rendering(page):
    """Raw MyST left in rendered Markdown cells: a list of short excerpts."""
    texts = page.eval_on_selector_all(
        # jupyterlab-myst renders into .myst, JupyterLab's own renderer into
        # .jp-RenderedMarkdown.
        f"{PANEL} .jp-MarkdownCell :is(.myst, .jp-RenderedMarkdown)",
        "els => els.map(e => e.innerText)",
    )
    problems = []
    for i, text in enumerate(texts):
        match = RAW_MYST.search(text)
        if match:
            start = max(match.start() - 30, 0)
            excerpt = text[start : match.end() + 30].replace("\n", " ")
            problems.append(f"raw MyST in Markdown cell {i}: …{excerpt}…")
    return problems


def check_solutions_hidden(page, indices):
    """Solution cells whose source or outputs are visible as opened."""
    state = page.eval_on_selector_all(
        CELLS,
        """cells => cells.map(c => ({
            input: !!c.querySelector('.jp-InputArea .jp-Editor') &&
                   c.querySelector('.jp-InputArea').offsetParent !== null,
            outputs: Array.from(c.querySelectorAll('.jp-OutputArea-output'))
                          .some(o => o.offsetParent !== null)}))""",
    )
    problems = []
    for i in indices:
        if i >= len(state):
            problems.append(f"solution cell {i} not found in the page")
        elif state[i]["input"] or state[i]["outputs"]:
            shown = [k for k in ("input", "outputs") if state[i][k]]
            problems.append(f"solution cell {i} shows its {' and '.join(shown)}")
    return problems


def run_all(page, timeout):
    page.click("text=Kernel")
    page.click("text=Restart Kernel and Run All Cells…")
    page.click(".jp-Dialog button.jp-mod-accept")
    # Every prompt loses its "*" and the kernel goes idle; give it a moment to start.
    page.wait_for_timeout(2000)
    page.wait_for_function(
        """() => {
            const busy = Array.from(document.querySelectorAll('.jp-InputPrompt'))
                .some(p => p.innerText.includes('*'));
            const s = document.querySelector('.jp-Notebook-ExecutionIndicator');
            return !busy && s && s.dataset.status === 'idle';
        }""",
        timeout=timeout * 1000,
        polling=500,
    )
    page.wait_for_timeout(1000)


def check_errors(page):
    texts = page.eval_on_selector_all(
        f"{PANEL} .jp-OutputArea-output"
        "[data-mime-type='application/vnd.jupyter.stderr']",
        "els => els.map(e => e.innerText)",
    )
    return [
        "error output: " + text.strip().splitlines()[-1][:120]
        for text in texts
        if "Traceback" in text or re.search(r"^\w*Error\b", text, re.M)
    ]


def widget_images(widget):
    return widget.locator("img").evaluate_all("els => els.map(e => e.src.slice(-200))")


def check_widgets(page):
    """Move every slider one step; its widget's image must change. Returns problems
    and the number of sliders moved."""
    problems = []
    widgets = page.locator(
        f"{PANEL} .jp-OutputArea-output .jupyter-widgets.widget-interact"
    )
    sliders_moved = 0
    for w in range(widgets.count()):
        widget = widgets.nth(w)
        handles = widget.locator(".noUi-handle")
        if handles.count() == 0:
            problems.append(f"explorer {w}: no slider")
            continue
        for s in range(handles.count()):
            before = widget_images(widget)
            handle = handles.nth(s)
            handle.scroll_into_view_if_needed()
            handle.focus()
            # One step right, or left from the right end (noUiSlider sets aria-*).
            at_end = handle.evaluate(
                "h => Number(h.getAttribute('aria-valuenow')) >= "
                "Number(h.getAttribute('aria-valuemax'))"
            )
            page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
            try:
                page.wait_for_function(
                    "([el, before]) => JSON.stringify(Array.from("
                    "el.querySelectorAll('img')).map(e => e.src.slice(-200))) !== "
                    "JSON.stringify(before)",
                    arg=[widget.element_handle(), before],
                    timeout=30_000,
                    polling=250,
                )
                sliders_moved += 1
            except PlaywrightTimeout:
                label = widget.locator(".widget-label").nth(s).inner_text()
                problems.append(
                    f"explorer {w}: moving slider {label!r} changed no image"
                )
    return problems, sliders_moved


def check_exercise(page, notebook):
    """Type a wrong answer into the first numeric stub and run it."""
    stubs = tagged_cells(notebook, "exercise-stub", "answer = None")
    if not stubs:
        return [], False
    cell = page.locator(CELLS).nth(stubs[0])
    cell.scroll_into_view_if_needed()
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    source = cell.locator(".cm-content").inner_text()
    check_line = next(
        (line for line in source.splitlines() if line.startswith("check(")), None
    )
    if check_line is None:
        return ["the first numeric stub has no check(...) line"], True
    page.keyboard.type(f"{WRONG_ANSWER}\n\n{check_line}")
    page.keyboard.press("Control+Enter")
    try:
        cell.locator(f".jp-OutputArea-output div[style*='{WRONG_FEEDBACK}']").wait_for(
            timeout=30_000
        )
    except PlaywrightTimeout:
        output = cell.locator(".jp-OutputArea").inner_text()[:160]
        return [f"a wrong answer got no red feedback; the output was {output!r}"], True
    return [], True


def check_notebook(browser, lab, notebook, shots, timeout):
    name = Path(notebook).name
    stem = Path(notebook).stem
    # The copy the server opened: the book's file may change while the check runs.
    notebook = lab.root / name
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems, notes = [], []
    try:
        open_notebook(page, lab, name)
        problems += check_rendering(page)
        problems += check_solutions_hidden(
            page, tagged_cells(notebook, "exercise-solution")
        )
        page.screenshot(path=shots / f"{stem}-opened.png")
        start = time.monotonic()
        run_all(page, timeout)
        notes.append(f"ran in {time.monotonic() - start:.0f} s")
        problems += check_errors(page)
        page.screenshot(path=shots / f"{stem}-run.png")
        notes.append("widgets")
        widget_problems, moved = check_widgets(page)
        problems += widget_problems
        notes[-1] = f"{moved} sliders moved"
        notes.append("exercise")
        exercise_problems, tried = check_exercise(page, notebook)
        problems += exercise_problems
        notes[-1] = "wrong answer flagged" if tried and not exercise_problems else ""
        if tried:
            page.screenshot(path=shots / f"{stem}-exercise.png")
    except PlaywrightTimeout as e:
        problems.append(f"timed out ({', '.join(notes)}): {str(e).splitlines()[0]}")
        page.screenshot(path=shots / f"{stem}-timeout.png")
    finally:
        page.close()
    return problems, ", ".join(n for n in notes if n)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument(
        "--screenshots", type=Path, default=ROOT / "_build/lab-screenshots"
    )
    parser.add_argument(
        "--timeout", type=float, default=180, help="seconds per Run All"
    )
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "book").glob("*.ipynb"))
    args.screenshots.mkdir(parents=True, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="check-lab-") as tmp:
        lab = Lab(notebooks, Path(tmp))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                for notebook in notebooks:
                    problems, notes = check_notebook(
                        browser, lab, notebook, args.screenshots, args.timeout
                    )
                    status = "FAIL" if problems else "ok"
                    print(f"{status:4} {Path(notebook).name}  ({notes})", flush=True)
                    for problem in problems:
                        print(f"     {problem}", flush=True)
                    failed += bool(problems)
                browser.close()
        finally:
            lab.stop()
    print(f"{len(notebooks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
