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

from mlp_lib.exercises import Feedback, exercise_ids

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
