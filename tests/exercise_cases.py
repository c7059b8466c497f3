"""The standard tests of a chapter's self-graded exercises, shared by tests/test_exercises_<chapter>.py.

A chapter's test file defines ``CASES = {exercise id: (reference answer, stub, [(typical wrong
answer, a substring of its specific message), ...])}`` (stub None for numeric answers) and binds
``standard_tests(CASES)`` to module-level ``test_*`` names, which pytest then collects. Oracle: the
reference answers written by hand in each test file.
"""

import pytest

from mlp_lib.exercises import check

# Answers a learner may hand in by accident; each must get feedback, never an exception.
ODD_ANSWERS = [
    None,
    "not a number",
    float("nan"),
    float("inf"),
    [1.0, 2.0],
    lambda *args: 1 / 0,
]


def standard_tests(cases):
    """Four tests over ``cases``: reference passes, stub is not attempted, each typical mistake gets
    its message, odd answers get feedback."""
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
        "answer", ODD_ANSWERS, ids=["None", "str", "nan", "inf", "list", "raises"]
    )
    def test_odd_answers_get_feedback_not_exceptions(exercise_id, answer):
        feedback = check(exercise_id, answer)
        assert not feedback.passed and feedback.message, (
            f"{exercise_id} with {answer!r}: {feedback}"
        )

    return (
        test_reference_answer_passes,
        test_stub_is_not_attempted,
        test_typical_mistake_gets_its_message,
        test_odd_answers_get_feedback_not_exceptions,
    )
