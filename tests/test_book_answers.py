"""The book's answer boxes (vendor/site/book_answers.py, static/book-answers.js).

Oracle: ``mlp_lib.exercises.check``. The box's JavaScript, run in Chromium, must give
the same verdict and the same message text as the notebook's ``check`` for every
numeric exercise on the same entries: the right answer, every typical mistake, an
off-by-one, rounded values, values far off and text that is not a number.
"""

import importlib.util
import json
import math
import random
import re
from pathlib import Path

import pytest

from mlp_lib.exercises import check, export_numbers

if not Path("/usr/bin/chromium").exists():
    pytest.skip("needs Debian's Chromium at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

SITE = Path(__file__).resolve().parent.parent / "vendor" / "site"
ANSWERS_JS = (SITE / "static" / "book-answers.js").read_text()
spec = importlib.util.spec_from_file_location("book_answers", SITE / "book_answers.py")
book_answers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(book_answers)

NUMBERS = export_numbers()
# Text a reader might type whatever the exercise: not numbers, not finite, odd spacing.
ODD_ENTRIES = [
    "",
    "abc",
    "1/2",
    "1.2.3",
    "1 000",
    "1e",
    "--1",
    "0x10",
    "it's",
    "say \"5\" 'x'",
    "\\n\u200b",
    "nan",
    "-inf",
    "Infinity",
    "1e400",
    "1e-400",
    " \u00a07\t",
    "\u0663.\u0665",  # Arabic-Indic digits: float() reads them
    "\uff11\uff12",  # full-width digits
    "−0.5",  # U+2212 minus
    "1_0",
    "+.5e1",
    "5.",
    "0",
    "-0",
]


def scalar_entries(number, rng):
    answer = number["answer"]
    tolerance = number["tolerance"]
    entries = [repr(answer), str(answer), f"{answer:,}", repr(-answer)]
    entries += [f"{answer:.{k}g}" for k in range(1, 8)]
    entries += [repr(answer + k * tolerance) for k in (0.5, 0.99, 1.5, 5, 29, 31, 100)]
    entries += [repr(answer * 10 + 7), repr(answer + 1), repr(answer - 1)]
    entries += [repr(answer + 0.5), repr(rng.uniform(-1e6, 1e6))]
    for hint in number["hints"]:
        value = hint["value"]
        entries += [repr(value), f"{value:.3g}", repr(value + 3 * hint["tolerance"])]
    return entries + ODD_ENTRIES


def tuple_entries(number, rng):
    right = [repr(v) for v in number["answer"]]
    entries = [right, [f"{v:.3f}" for v in number["answer"]]]
    entries += [[f"{v:.2g}" for v in number["answer"]]]
    for hint in number["hints"]:
        entries.append([repr(v) for v in hint["value"]])
    for i, (value, tolerance) in enumerate(zip(number["answer"], number["tolerance"])):
        for other in (
            repr(value + 5 * tolerance),
            repr(value * 10 + 7),
            "abc",
            "",
            repr(rng.uniform(0, 1)),
        ):
            entries.append(right[:i] + [other] + right[i + 1 :])
    return entries


def cases():
    rng = random.Random(12)
    for exercise_id, number in NUMBERS.items():
        if isinstance(number["answer"], list):
            entries = tuple_entries(number, rng)
        else:
            entries = scalar_entries(number, rng)
        for entry in entries:
            yield exercise_id, entry


@pytest.fixture(scope="module")
def browser_page():
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.add_script_tag(content=ANSWERS_JS)
        yield page
        assert not errors, errors
        browser.close()


def js_verdicts(page, pairs):
    return page.evaluate(
        """([specs, pairs]) => pairs.map(([id, entry]) => {
            const v = mlpAnswers.check(specs[id], entry);
            return [v.status, v.message];
        })""",
        [{k: book_answers.box_spec(v) for k, v in NUMBERS.items()}, pairs],
    )


def test_every_numeric_exercise_is_exported_with_its_hint_tolerances():
    assert len(NUMBERS) >= 28
    for exercise_id, number in NUMBERS.items():
        assert number["hints"], exercise_id
        for hint in number["hints"]:
            shape = len(hint["value"]) if isinstance(hint["value"], list) else "scalar"
            tolerance = hint["tolerance"]
            parts = len(tolerance) if isinstance(tolerance, list) else "scalar"
            assert shape == parts, (exercise_id, hint)


def test_browser_gives_the_messages_of_check(browser_page):
    pairs = list(cases())
    got = js_verdicts(browser_page, pairs)
    statuses = set()
    mismatches = []
    for (exercise_id, entry), (status, message) in zip(pairs, got):
        answer = tuple(entry) if isinstance(entry, list) else entry
        feedback = check(exercise_id, answer)
        statuses.add(feedback.status)
        if (status, message) != (feedback.status, feedback.message):
            mismatches.append(
                f"{exercise_id} {entry!r}:\n  check: {feedback.status}: "
                f"{feedback.message}\n  page:  {status}: {message}"
            )
    assert not mismatches, f"{len(mismatches)} of {len(pairs)}:\n" + "\n".join(
        mismatches[:10]
    )
    # the comparison covered right answers, mistakes and unreadable text
    assert statuses == {"correct", "wrong"} and len(pairs) > 1000


def test_every_typical_mistake_gets_its_message_in_the_browser(browser_page):
    pairs = [
        (exercise_id, hint["value"])
        for exercise_id, number in NUMBERS.items()
        for hint in number["hints"]
    ]
    entries = [
        (i, [repr(v) for v in value] if isinstance(value, list) else repr(value))
        for i, value in pairs
    ]
    for (exercise_id, value), (status, message) in zip(
        pairs, js_verdicts(browser_page, entries)
    ):
        # a hint's own message, or an earlier hint's that covers the same value
        hints = [h["message"] for h in NUMBERS[exercise_id]["hints"]]
        assert status == "wrong" and any(message.endswith(h) for h in hints), (
            exercise_id,
            value,
            message,
        )


def test_number_formatting_is_pythons(browser_page):
    """format(x, ".{p}g") and ",.{p}g", exact ties (half to even) included."""
    rng = random.Random(3)
    values = [0.0, -0.0, 2.5, 0.125, 0.25, 1234567890.5, 9.9999999995, 1e16, 1e-5]
    values += [5e-324, 1.7976931348623157e308, 123456.0, 0.0001, 99999.5, 101770.0]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-12, 14) for _ in range(300)]
    values += [round(rng.uniform(0, 100), rng.randint(0, 4)) for _ in range(200)]
    cases = [(v, p, g) for v in values for p in (1, 2, 3, 4, 10, 15) for g in (0, 1)]
    got = browser_page.evaluate(
        "(cases) => cases.map(([v, p, g]) => mlpAnswers.formatG(v, p, !!g))",
        [[v, p, g] for v, p, g in cases],
    )
    expected = [format(v, f"{',' if g else ''}.{p}g") for v, p, g in cases]
    wrong = [(c, e, j) for c, e, j in zip(cases, expected, got) if e != j]
    assert not wrong, wrong[:10]


def test_box_holds_the_spec_in_an_attribute_not_in_the_text():
    exercise_id = "neuron.memory_float32"
    html = book_answers.box_html(exercise_id, NUMBERS[exercise_id])
    text = re.sub(r"<[^>]*>", " ", html)
    assert "407080" not in text and "407,080" not in text
    data = re.search(r'data-spec="([^"]*)"', html).group(1)
    assert "<" not in data and ">" not in data  # escaped: no tag can end early
    assert 'data-exercise="neuron.memory_float32"' in html and " hidden>" in html


def test_tuple_box_has_one_field_per_part():
    exercise_id = "roc.precision_recall_f1"
    html = book_answers.box_html(exercise_id, NUMBERS[exercise_id])
    assert html.count('class="mlp-answer-input"') == 3
    for name in ("precision", "recall", "F1"):
        assert f'<span class="mlp-answer-name">{name}</span>' in html


def test_notebook_line_links_the_course_download():
    line = book_answers.notebook_html("book/01_neuron.ipynb", "../")
    assert 'href="../mlp-course.zip"' in line and "make lab" in line
    assert "book/01_neuron.ipynb" in line


def test_exported_numbers_are_plain_json():
    assert json.loads(json.dumps(NUMBERS)) == NUMBERS
    assert all(
        math.isfinite(n["answer"]) if not isinstance(n["answer"], list) else True
        for n in NUMBERS.values()
    )
