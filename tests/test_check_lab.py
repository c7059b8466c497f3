"""scripts/check_lab.py against hand-built notebooks in a real JupyterLab: a good one
passes, and each fault the check exists for (raw MyST, an error output, a slider that
changes nothing, a visible solution, a checker that accepts anything) is reported."""

import importlib.util
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists()
    or shutil.which("jupyter-lab", path=Path(sys.executable).parent) is None,
    reason="needs Chromium and JupyterLab",
)

spec = importlib.util.spec_from_file_location(
    "check_lab", ROOT / "scripts/check_lab.py"
)
check_lab = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_lab)

HIDDEN = {"jupyter": {"source_hidden": True, "outputs_hidden": True}}
LIVE_EXPLORER = """\
import ipywidgets as widgets
import matplotlib.pyplot as plt


def draw(x):
    plt.figure(figsize=(2, 2))
    plt.plot([0, 1], [0, x])
    plt.ylim(0, 10)
    plt.show()


widgets.interactive(draw, x=widgets.IntSlider(value=1, min=0, max=10))"""
EXERCISE = """\
from mlp_lib.exercises import check

answer = None  # your answer: a number

check("softmax.temperature", answer)"""


def code(source, **metadata):
    return nbformat.v4.new_code_cell(source, metadata=metadata)


def notebook(*cells):
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


GOOD = [
    nbformat.v4.new_markdown_cell(
        "# A page\n\n```{note}\nA rendered note, math $x^2$ and\n\n"
        "$$\ny = x^2\n$$ (eq-y)\n\nthen {eq}`eq-y`.\n```"
    ),
    code(LIVE_EXPLORER),
    code(EXERCISE, tags=["exercise-stub"]),
    code("answer = 0.5065\nprint(answer)", tags=["exercise-solution"], **HIDDEN),
]
NOTEBOOKS = {
    "good.ipynb": notebook(*GOOD),
    "raw_myst.ipynb": notebook(
        nbformat.v4.new_markdown_cell(
            "A directive that reached the page as text:\n\n"
            "```text\n{exercise} A title\n:label: ex-x\n```"
        ),
    ),
    "error.ipynb": notebook(code("1 / 0")),
    "dead_widget.ipynb": notebook(
        code(
            LIVE_EXPLORER.replace(
                "plt.plot([0, 1], [0, x])", "plt.plot([0, 1], [0, 5])"
            )
        )
    ),
    "visible_solution.ipynb": notebook(
        nbformat.v4.new_code_cell(
            "answer = 0.5065\nprint(answer)",
            metadata={"tags": ["exercise-solution"]},
            outputs=[nbformat.v4.new_output("stream", text="0.5065\n")],
        )
    ),
    "lenient_checker.ipynb": notebook(
        code(
            'answer = None\n\ncheck("x", answer)',
            tags=["exercise-stub"],
        ),
    ),
}
NOTEBOOKS["lenient_checker.ipynb"].cells.insert(
    0, code("def check(name, answer):\n    print('fine')")
)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebooks")
    for name, nb in NOTEBOOKS.items():
        nbformat.write(nb, folder / name)
    paths = [folder / name for name in NOTEBOOKS]
    shots = tmp_path_factory.mktemp("shots")
    lab = check_lab.Lab(paths, tmp_path_factory.mktemp("lab"))
    try:
        with check_lab.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
            )
            out = {
                path.name: check_lab.check_notebook(browser, lab, path, shots, 120)
                for path in paths
            }
            browser.close()
    finally:
        lab.stop()
    return out


def problems(results, name):
    return "\n".join(results[name][0])


def test_a_good_notebook_passes(results):
    found, notes = results["good.ipynb"]
    assert found == [], f"good.ipynb: {found}"
    assert "1 sliders moved" in notes and "wrong answer flagged" in notes, notes


def test_raw_myst_is_reported(results):
    assert "raw MyST" in problems(results, "raw_myst.ipynb")


def test_an_error_output_is_reported(results):
    assert "ZeroDivisionError" in problems(results, "error.ipynb")


def test_a_slider_that_changes_nothing_is_reported(results):
    assert "changed no image" in problems(results, "dead_widget.ipynb")


def test_a_visible_solution_is_reported(results):
    found = problems(results, "visible_solution.ipynb")
    assert "solution cell 0 shows its input and outputs" in found, found


def test_a_checker_that_accepts_a_wrong_answer_is_reported(results):
    assert "no red feedback" in problems(results, "lenient_checker.ipynb")
