"""The standard tests of the self-graded exercises, shared by the chapters' test files.

A chapter's test file tests/test_exercises_<chapter>.py defines ``CASES = {exercise id:
(reference answer, stub, [(typical wrong answer, a substring of its specific message),
...])}`` (stub None for numeric answers) and binds ``standard_tests(CASES)`` to
module-level ``test_*`` names, which pytest then collects. Oracle: the reference answers
written by hand in each test file.
"""

import re

import numpy as np
import pytest

from mlp_lib.exercises import check

NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?(?:e[-+]?\d+)?")


def numbers_in(text):
    return [float(n.replace(",", "")) for n in NUMBER.findall(text)]


def visible_example(exercise_id, reference, monkeypatch):
    """(args, expected) of the example a function exercise's messages may show.

    Recorded by running the check in-process, where the reference is seen being called.
    """
    monkeypatch.setenv("MLP_EXERCISES_NO_FORK", "1")
    seen = []

    def recording(*args):
        result = reference(*args)
        seen.append((args, result))
        return result

    check(exercise_id, recording, seed=0)
    monkeypatch.delenv("MLP_EXERCISES_NO_FORK")
    return seen[0]


def as_float32(value):
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(np.float32)
    if isinstance(value, float):
        return np.float32(value)
    return value


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

    functions = [i for i in ids if callable(cases[i][0])]
    numbers = [i for i in ids if not callable(cases[i][0])]

    @pytest.mark.parametrize("exercise_id", functions)
    def test_hard_coded_example_and_replayed_feedback_fail(exercise_id, monkeypatch):
        """Right on the visible example only, then replaying every number shown."""
        reference = cases[exercise_id][0]
        args, result = visible_example(exercise_id, reference, monkeypatch)

        def hard_coded(*given):
            return result

        feedback = check(exercise_id, hard_coded)
        assert feedback.status == "wrong", f"{exercise_id}: {feedback}"
        shown = np.array(numbers_in(feedback.message))

        def replay(*given):
            if all(
                np.array_equal(np.asarray(a), np.asarray(b))
                for a, b in zip(given, args)
                if not callable(a)
            ):
                return result
            flat = np.resize(shown, np.shape(np.asarray(result, dtype=object)))
            return type(result)(flat) if isinstance(result, tuple) else flat

        feedback = check(exercise_id, replay)
        assert feedback.status == "wrong", f"{exercise_id}: {feedback}"

    @pytest.mark.parametrize("exercise_id", numbers)
    def test_feedback_never_shows_the_answer(exercise_id):
        right = cases[exercise_id][0]
        for wrong, _ in cases[exercise_id][2]:
            message = check(exercise_id, wrong).message
            for shown in numbers_in(message):
                assert not check(exercise_id, shown).passed, (
                    f"{exercise_id}: replaying {shown} from {message!r} passes"
                )
        assert check(exercise_id, right).passed

    @pytest.mark.parametrize("exercise_id", functions)
    def test_a_float32_reference_passes_or_is_told_why(exercise_id):
        reference = cases[exercise_id][0]

        def in_float32(*args):
            return reference(*(as_float32(a) for a in args))

        feedback = check(exercise_id, in_float32)
        assert feedback.passed or "float32" in feedback.message, (
            f"{exercise_id}: {feedback}"
        )

    @pytest.mark.parametrize("exercise_id", ids)
    @pytest.mark.parametrize("seed", [1, 2])
    def test_reference_passes_on_other_generated_inputs(exercise_id, seed):
        feedback = check(exercise_id, cases[exercise_id][0], seed=seed)
        assert feedback.passed, f"{exercise_id} (seed {seed}): {feedback}"

    return (
        test_reference_answer_passes,
        test_stub_is_not_attempted,
        test_typical_mistake_gets_its_message,
        test_odd_answers_get_feedback_not_exceptions,
        test_hard_coded_example_and_replayed_feedback_fail,
        test_feedback_never_shows_the_answer,
        test_a_float32_reference_passes_or_is_told_why,
        test_reference_passes_on_other_generated_inputs,
    )
