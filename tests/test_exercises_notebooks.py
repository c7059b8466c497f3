"""The exercises as the book shows them. Oracle: the checkers of mlp_lib.exercises.

Each notebook's reference solution cells (tagged ``exercise-solution``) must pass their
check and each stub cell (tagged ``exercise-stub``) must say "not attempted"; every
exercise a notebook checks must exist, and every registered exercise must appear in a
notebook. The per-chapter files tests/test_exercises_<chapter>.py test the typical wrong
answers.
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest

from mlp_lib.exercises import Feedback, describe, exercise_ids

BOOK = Path(__file__).resolve().parent.parent / "book"
CHECK_CALL = re.compile(r"""check\(\s*["']([\w.]+)["']""")


def tagged_cells(tag):
    """(notebook name, cell index, source) of every code cell carrying ``tag``."""
    cells = []
    for path in sorted(BOOK.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and tag in cell.metadata.get("tags", []):
                cells.append(
                    pytest.param(path.name, i, cell.source, id=f"{path.stem}-cell{i}")
                )
    return cells


def run_cell(source):
    """Execute a cell like Jupyter does and return the value of its last expression."""
    tree = ast.parse(source)
    last = (
        tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    )
    namespace = {}
    exec(compile(tree, "<cell>", "exec"), namespace)
    return (
        eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
        if last
        else None
    )


def checked_id(name, index, source):
    found = CHECK_CALL.findall(source)
    assert len(found) == 1, (
        f"{name} cell {index}: expected one check(...) call, found {found}"
    )
    return found[0]


# The cells rely on the notebook's imports; these are the ones exercise cells may use.
PRELUDE = "import numpy as np\nfrom mlp_lib.exercises import check\n"


@pytest.mark.parametrize("name, index, source", tagged_cells("exercise-solution"))
def test_reference_solution_passes(name, index, source):
    exercise_id = checked_id(name, index, source)
    feedback = run_cell(PRELUDE + source)
    assert isinstance(feedback, Feedback), (
        f"{name} cell {index}: the cell must end with check(...)"
    )
    assert feedback.passed, (
        f"{name} cell {index} ({exercise_id}): reference solution fails: {feedback}"
    )


@pytest.mark.parametrize("name, index, source", tagged_cells("exercise-stub"))
def test_stub_is_not_attempted(name, index, source):
    exercise_id = checked_id(name, index, source)
    feedback = run_cell(PRELUDE + source)
    assert isinstance(feedback, Feedback), (
        f"{name} cell {index}: the cell must end with check(...)"
    )
    assert feedback.status == "not_attempted", (
        f"{name} cell {index} ({exercise_id}): stub gives {feedback}"
    )


def test_every_exercise_is_in_the_book_with_stub_and_solution():
    stubs = {checked_id(*p.values) for p in tagged_cells("exercise-stub")}
    solutions = {checked_id(*p.values) for p in tagged_cells("exercise-solution")}
    assert stubs == solutions, (
        f"exercises with a stub but no solution or vice versa: {stubs ^ solutions}"
    )
    registered = set(exercise_ids())
    assert stubs <= registered, (
        f"notebooks check unregistered exercises: {sorted(stubs - registered)}"
    )
    assert registered <= stubs, (
        f"registered exercises missing from the book: {sorted(registered - stubs)}"
    )


def solution_cells():
    """(notebook name, index, cell, the cells before it) of every solution cell."""
    found = []
    for path in sorted(BOOK.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if "exercise-solution" in cell.metadata.get("tags", []):
                found.append(
                    pytest.param(
                        path.name, i, cell, nb.cells[:i], id=f"{path.stem}-{i}"
                    )
                )
    return found


@pytest.mark.parametrize("name, index, cell, before", solution_cells())
def test_solutions_are_hidden_until_asked_for(name, index, cell, before):
    """No spoiler in JupyterLab, Notebook 7 or classic Notebook, and a dropdown in the
    book: source and outputs collapsed, and a first line (all a collapsed cell shows)
    that gives nothing away."""
    hidden = cell.metadata.get("jupyter", {})
    assert hidden.get("source_hidden") and hidden.get("outputs_hidden"), (
        f"{name} cell {index}: set jupyter.source_hidden and jupyter.outputs_hidden"
    )
    assert cell.metadata.get("collapsed") is True, (
        f"{name} cell {index}: set collapsed (classic Notebook hides the outputs)"
    )
    first = cell.source.split("\n", 1)[0]
    assert first.startswith("#") and not re.search(r"[\d=]", first), (
        f"{name} cell {index}: the first line {first!r} may give the answer away"
    )
    opening = next(c.source for c in reversed(before) if "{solution-start}" in c.source)
    assert ":class: dropdown" in opening, (
        f"{name} cell {index}: the book should show the solution behind a click"
    )


STUB_LINE = re.compile(r"Stub:\s*``(.+?)``,\s*then\s*``(.+?)``", re.S)


@pytest.mark.parametrize("name, index, source", tagged_cells("exercise-stub"))
def test_stub_cell_matches_the_prompt(name, index, source):
    """The prompt's "Stub: ``x = None``, then ``check(...)``" is what the cell has, so
    the not-attempted message names the cell's own variable."""
    exercise_id = checked_id(name, index, source)
    found = STUB_LINE.search(describe(exercise_id))
    assert found, f"{exercise_id}: the prompt has no 'Stub: ``…``, then ``…``' line"
    cell = " ".join(source.split())
    for part in found.groups():
        if part.startswith("def "):
            part = part.removesuffix(" ...")  # the cell's stub has a docstring
        assert " ".join(part.split()) in cell, (
            f"{name} cell {index} ({exercise_id}): the prompt's stub {part!r} is not "
            "in the cell"
        )
