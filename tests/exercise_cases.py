"""The standard tests of the self-graded exercises, shared by the chapters' test files.

A chapter's test file tests/test_exercises_<chapter>.py defines ``CASES = {exercise id:
(reference answer, stub, [(typical wrong answer, a substring of its specific message),
...])}`` (stub None for numeric answers) and binds ``standard_tests(CASES)`` to
module-level ``test_*`` names, which pytest then collects. Oracle: the reference answers
written by hand in each test file.
"""

import numpy as np
import pytest

from mlp_lib.exercises import check

# Answers a learner may hand in by accident, wrong for every exercise: each must get
# feedback ("wrong" or "not attempted"), never an exception, nor the "error" status of a
# checker that failed.
ODD_ANSWERS = {
    "None": None,
    "str": "not a number",
    "nan": float("nan"),
    "inf": float("inf"),
    "list": [1.0, 2.0],
    "list-of-None": [None, None, None],
    "tuple-with-nan": (float("nan"), 0.5, 0.5),
    "dict": {"a": 1},
    "raises": lambda *args: 1 / 0,
    "returns-None": lambda *args: None,
    "returns-str": lambda *args: "text",
    "returns-nan": lambda *args: np.full(3, np.nan),
}


def standard_tests(cases, more_odd_answers=None):
    """Four tests over ``cases``.

    The reference answer passes, the stub is not attempted, each typical mistake gets
    its message, and odd answers get feedback. ``more_odd_answers``: {test id: answer},
    odd for this chapter's exercises only, checked like ODD_ANSWERS.
    """
    odd_answers = {**ODD_ANSWERS, **(more_odd_answers or {})}
    ids = list(cases)
    mistakes = [
        pytest.param(exercise_id, wrong, message, id=f"{exercise_id}-{k}")
        for exercise_id, (_, _, wrongs) in cases.items()
        for k, (wrong, message) in enumerate(wrongs)
    ]

    @pytest.mark.parametrize("exercise_id", ids)
    def test_reference_answer_passes(exercise_id):
        feedback = check(exercise_id, cases[exercise_id][0])
        assert feedback.passed and feedback.status == "correct", (
            f"{exercise_id}: {feedback}"
        )

    @pytest.mark.parametrize("exercise_id", ids)
    def test_stub_is_not_attempted(exercise_id):
        feedback = check(exercise_id, cases[exercise_id][1])
        assert feedback.status == "not_attempted", f"{exercise_id}: {feedback}"

    @pytest.mark.parametrize("exercise_id, wrong, message", mistakes)
    def test_typical_mistake_gets_its_message(exercise_id, wrong, message):
        feedback = check(exercise_id, wrong)
        assert feedback.status == "wrong" and message in feedback.message, (
            f"{exercise_id}: {feedback}"
        )

    @pytest.mark.parametrize("exercise_id", ids)
    @pytest.mark.parametrize(
        "answer", list(odd_answers.values()), ids=list(odd_answers)
    )
    def test_odd_answers_get_feedback_not_exceptions(exercise_id, answer):
        feedback = check(exercise_id, answer)
        assert (
            not feedback.passed
            and feedback.status in ("wrong", "not_attempted")
            and feedback.message
        ), f"{exercise_id} with {answer!r}: {feedback}"

    return (
        test_reference_answer_passes,
        test_stub_is_not_attempted,
        test_typical_mistake_gets_its_message,
        test_odd_answers_get_feedback_not_exceptions,
    )
