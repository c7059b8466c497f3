"""One name per chapter. Oracle: the file names. book/NN_<name>.ipynb names the
chapter; its exercises are mlp_lib/exercises/<name>.py with ids "<name>.<exercise>",
its explorer (if any) is mlp_lib/widgets/<name>.py, and their tests are
tests/test_exercises_<name>.py and tests/test_widgets_<name>.py."""

import ast
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_NAME = re.compile(r"\d\d_(\w+)\.ipynb")
CHECK_CALL = re.compile(r"""check\(\s*["']([\w.]+)["']""")
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
CHAPTERS = {
    match.group(1): path
    for path in NOTEBOOKS
    if (match := NOTEBOOK_NAME.fullmatch(path.name))
}


def modules(package):
    """Names of the modules of mlp_lib/<package>/, __init__ excluded."""
    return sorted(p.stem for p in (ROOT / "mlp_lib" / package).glob("[!_]*.py"))


WIDGETS = modules("widgets")
EXERCISES = modules("exercises")


def cell_sources(path, cell_type=None):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        "".join(cell["source"])
        for cell in cells
        if cell_type is None or cell["cell_type"] == cell_type
    ]


def imported_widget_modules(source):
    """The mlp_lib.widgets.<module> names a code cell imports."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "mlp_lib.widgets":
            # ``from mlp_lib.widgets import neuron`` imports the module neuron
            names = [f"mlp_lib.widgets.{alias.name}" for alias in node.names]
            names = [n for n in names if n.rsplit(".", 1)[1] in WIDGETS]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        else:
            continue
        found += [
            ".".join(n.split(".")[:3])
            for n in names
            if n.startswith("mlp_lib.widgets.")
        ]
    return found


def test_every_notebook_is_named_number_underscore_chapter_name():
    bad = [p.name for p in NOTEBOOKS if not NOTEBOOK_NAME.fullmatch(p.name)]
    assert not bad, f"notebooks not named NN_<name>.ipynb: {bad}"
    assert CHAPTERS, "no notebooks found in book/"


@pytest.mark.parametrize("name", CHAPTERS)
def test_exercise_ids_start_with_the_chapter_name(name):
    path = CHAPTERS[name]
    ids = [i for source in cell_sources(path) for i in CHECK_CALL.findall(source)]
    wrong = [i for i in ids if not i.startswith(f"{name}.")]
    assert not wrong, f"{path.name} checks exercises not named '{name}.…': {wrong}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_has_its_exercise_module(name):
    module = ROOT / "mlp_lib" / "exercises" / f"{name}.py"
    assert module.exists(), (
        f"{CHAPTERS[name].name} has no exercise module mlp_lib/exercises/{name}.py"
    )


@pytest.mark.parametrize("name", CHAPTERS)
def test_a_notebook_imports_only_its_own_widget_module(name):
    path = CHAPTERS[name]
    imported = {
        module
        for source in cell_sources(path, "code")
        for module in imported_widget_modules(source)
    }
    foreign = sorted(imported - {f"mlp_lib.widgets.{name}"})
    assert not foreign, (
        f"{path.name} imports {foreign}; its explorers belong in mlp_lib.widgets.{name}"
    )


@pytest.mark.parametrize(
    "package, module",
    [("widgets", m) for m in WIDGETS] + [("exercises", m) for m in EXERCISES],
)
def test_every_chapter_module_is_named_after_a_notebook(package, module):
    assert module in CHAPTERS, (
        f"mlp_lib/{package}/{module}.py is named after no notebook; "
        f"chapter names: {sorted(CHAPTERS)}"
    )


@pytest.mark.parametrize(
    "kind, module",
    [("widgets", m) for m in WIDGETS] + [("exercises", m) for m in EXERCISES],
)
def test_every_chapter_module_has_its_test_file(kind, module):
    test_file = ROOT / "tests" / f"test_{kind}_{module}.py"
    assert test_file.exists(), (
        f"mlp_lib/{kind}/{module}.py has no test file tests/{test_file.name}"
    )


def test_every_widget_test_file_is_named_after_a_widget_module():
    stale = [
        p.name
        for p in (ROOT / "tests").glob("test_widgets_*.py")
        if p.stem.removeprefix("test_widgets_") not in WIDGETS
    ]
    assert not stale, f"widget tests named after no mlp_lib/widgets module: {stale}"


def first_code_cell(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return next(cell for cell in cells if cell["cell_type"] == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_lone_notebook_says_how_to_get_mlp_lib(path, monkeypatch):
    # Oracle: the cell run with mlp_lib made unimportable, and the Makefile's zip name.
    cell = first_code_cell(path)
    source = "".join(cell["source"])
    assert "remove-cell" in cell["metadata"].get("tags", []), (
        f"{path.name}: the first code cell (the mlp_lib check) lacks tag remove-cell"
    )
    monkeypatch.setitem(sys.modules, "mlp_lib", None)  # as if not installed
    with pytest.raises(ModuleNotFoundError) as raised:
        exec(compile(source, path.name, "exec"), {"__builtins__": __builtins__}, {})
    message = str(raised.value)
    assert "make lab" in message and "mlp-course.zip" in message, message
    assert "mlp-course.zip" in (ROOT / "Makefile").read_text(encoding="utf-8")
