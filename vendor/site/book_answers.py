"""Sphinx extension: an answer box under each numeric exercise, a line under each
function exercise saying how to do it in a notebook.

An exercise is the {exercise} block followed by the code cell that calls
``check("<id>", ...)``. A numeric id (``mlp_lib.exercises.export_numbers``, the checker
registry) gets a form whose ``data-spec`` holds that exercise's exported spec, checked
in the browser by static/book-answers.js; any other id gets the notebook line.
"""

import functools
import hashlib
import html
import json
import re

from docutils import nodes
from sphinx.util import logging
from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

from mlp_lib.exercises import _COLOURS, _SYMBOLS, export_numbers

logger = logging.getLogger(__name__)
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([\w.]+)["']""")
# How a verdict looks, as the notebook's Feedback shows it: status -> [symbol, border,
# background].
LOOK = {status: [_SYMBOLS[status], *_COLOURS[status]] for status in _SYMBOLS}


def box_spec(spec):
    """What the browser needs of an exported spec (the page shows the prompt)."""
    return {k: v for k, v in spec.items() if k != "prompt"} | {"look": LOOK}


def box_html(exercise_id, spec):
    """The answer box of a numeric exercise; hidden until book-answers.js runs."""
    names = spec["names"] or ["Your answer"]
    fields = "".join(
        '<label class="mlp-answer-field"><span class="mlp-answer-name">'
        f"{html.escape(name)}</span>"
        '<input type="text" class="mlp-answer-input" autocomplete="off" '
        'autocapitalize="off" spellcheck="false"></label>'
        for name in names
    )
    data = html.escape(json.dumps(box_spec(spec), ensure_ascii=False), quote=True)
    return (
        f'<form class="mlp-answer" data-exercise="{html.escape(exercise_id)}" '
        f'data-spec="{data}" hidden>'
        '<p class="mlp-answer-title">Check your answer here:</p>'
        f'<div class="mlp-answer-row">{fields}'
        '<button type="submit" class="mlp-answer-check">Check</button></div>'
        '<div class="mlp-answer-feedback" role="status" aria-live="polite"></div>'
        "</form>"
    )


def notebook_html(notebook, root):
    """The line under a function exercise: it runs in the chapter's notebook."""
    return (
        '<p class="mlp-notebook-note">Write this function in the chapter\'s notebook, '
        f"<code>{html.escape(notebook)}</code>, and run its <code>check</code> cell "
        f'there: <a href="{root}mlp-course.zip" download>download the course</a>, '
        "then <code>make lab</code>.</p>"
    )


def _cell_source(cell):
    return "".join(n.astext() for n in cell.findall(nodes.literal_block))


def _checked_exercises(doctree):
    """(exercise node, exercise id, its cell's source) for each {exercise} block whose
    next sibling is a code cell calling ``check("<id>", ...)``."""
    for exercise in doctree.findall(
        lambda n: isinstance(n, (exercise_enumerable_node, exercise_node))
    ):
        following = exercise.parent[exercise.parent.index(exercise) + 1 :]
        cell = following[0] if following else None
        if isinstance(cell, nodes.container) and "cell" in cell["classes"]:
            source = _cell_source(cell)
            if match := CHECK_CALL.search(source):
                yield exercise, match.group(1), source


def add_boxes(numbers, app, doctree, docname):
    """Append a box (numeric) or the notebook line (function) to each exercise."""
    root = "../" * docname.count("/")
    for exercise, exercise_id, source in _checked_exercises(doctree):
        if exercise_id in numbers:
            raw = box_html(exercise_id, numbers[exercise_id])
        elif re.search(r"^answer = None\b", source, re.M):
            logger.warning(
                f"exercise {exercise_id!r}: its cell sets `answer = None`, but it is "
                "not a numeric exercise of mlp_lib.exercises, so it gets no answer box",
                location=exercise,
            )
            continue
        else:
            raw = notebook_html(str(app.env.doc2path(docname, False)), root)
        exercise += nodes.raw("", raw, format="html")


def setup(app):
    numbers = export_numbers()
    # Any change of an exercise's data changes this value, and a changed "env" value
    # makes Sphinx re-read every page: no page keeps an old answer box.
    app.add_config_value(
        "mlp_answers_digest",
        hashlib.sha256(json.dumps(numbers, sort_keys=True).encode()).hexdigest(),
        "env",
    )
    app.connect("doctree-resolved", functools.partial(add_boxes, numbers))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
