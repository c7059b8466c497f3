"""Exercise machinery. Oracle: the contract of ``check`` — it returns a Feedback with
the right status for any answer and never raises — and the helpers' messages for
hand-made wrong answers whose mistake is known by construction
(None, text, wrong shape, NaN, negated values, stubs)."""

import ast
import json
import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from mlp_lib.exercises import (
    TOTAL_TIME_LIMIT,
    Feedback,
    call_safely,
    check,
    check_function,
    check_number,
    compare_array,
    describe,
    exercise_ids,
    export_numbers,
)


def weighted_sum_stub(x, w, b): ...


def weighted_sum_not_implemented(x, w, b):
    raise NotImplementedError


def weighted_sum_forgot_return(x, w, b):
    z = w @ x + b  # noqa: F841 (the mistake under test)


def weighted_sum_sleeps(x, w, b):
    time.sleep(10)


def weighted_sum_swallows_everything(x, w, b):
    while True:
        try:
            time.sleep(10)
        except Exception:
            pass


STRANGE_ANSWERS = [
    None,
    "12",
    "twelve",
    [1.0, 2.0],
    [1, [2, 3]],
    np.nan,
    np.inf,
    np.zeros((3, 1)),
    {"a": 1},
    lambda x, w, b: 1 / 0,
    lambda x, w, b: np.zeros((3, 1)),
    lambda: 1,
    weighted_sum_stub,
    weighted_sum_not_implemented,
    weighted_sum_forgot_return,
    print,
]


@pytest.mark.parametrize(
    "exercise_id",
    [
        "neuron.weighted_sum",
        "neuron.layer_forward",
        "neuron.parameter_count",
        "neuron.perceptron_update",
    ],
)
@pytest.mark.parametrize("answer", STRANGE_ANSWERS, ids=range(len(STRANGE_ANSWERS)))
def test_check_never_raises_and_never_passes_strange_answers(exercise_id, answer):
    feedback = check(exercise_id, answer)
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert feedback.status in ("wrong", "not_attempted")
    assert "Traceback" not in feedback.message


@pytest.mark.parametrize(
    "stub", [None, weighted_sum_stub, weighted_sum_not_implemented]
)
def test_stubs_are_not_attempted(stub):
    feedback = check("neuron.weighted_sum", stub)
    assert feedback.status == "not_attempted"
    assert "not attempted yet" in repr(feedback).lower()


def test_a_function_that_raises_is_named_with_its_input():
    feedback = check("neuron.weighted_sum", lambda x, w, b: 1 / 0)
    assert feedback.status == "wrong"
    assert (
        "raised ZeroDivisionError: division by zero, with x=[1, 2, 3]"
        in feedback.message
    )


def test_a_missing_return_is_spotted():
    assert (
        "forget `return`"
        in check("neuron.weighted_sum", weighted_sum_forgot_return).message
    )


@pytest.mark.parametrize(
    "slow", [weighted_sum_sleeps, weighted_sum_swallows_everything]
)
def test_a_slow_function_hits_the_time_limit(slow):
    start = time.perf_counter()
    feedback = check("neuron.weighted_sum", slow)
    assert time.perf_counter() - start < 3
    assert (
        feedback.status == "wrong" and "did not finish within 2 s" in feedback.message
    )


def test_call_safely_outside_the_main_thread_keeps_the_limit():
    results = []
    thread = threading.Thread(
        target=lambda: results.append(
            (call_safely(lambda: 7), call_safely(time.sleep, 5, timeout=0.2))
        )
    )
    thread.start()
    thread.join()
    assert results[0][0] == (True, 7)
    assert not results[0][1][0] and "did not finish" in results[0][1][1]


def swallow_everything(x, w, b):
    while True:
        try:
            time.sleep(10)
        except:  # noqa: E722 (the learner's bare except under test)
            pass


def exits(x, w, b):
    sys.exit(0)


def raises_generator_exit(x, w, b):
    raise GeneratorExit


def hard_exit(x, w, b):
    os._exit(3)


def long_c_call(x, w, b):
    return sum(range(2 * 10**9))


def prints_forever(x, w, b):
    while True:
        print("x" * 1000)


def recurses(x, w, b):
    return recurses(x, w, b)


def segfaults(x, w, b):
    import ctypes

    return ctypes.string_at(0)


def hogs_memory(x, w, b):
    chunks = []
    while True:
        chunks.append(np.empty(10**8))


def returns_a_generator(x, w, b):
    return (v for v in x)


class Nasty:
    def __reduce__(self):
        return (time.sleep, (100,))


def returns_a_nasty_object(x, w, b):
    return Nasty()


def right_but_prints_a_lot(x, w, b):
    for i in range(10_000):
        print("debugging, step", i)
    return float(w @ x + b)


@pytest.mark.parametrize(
    "answer, message",
    [
        (swallow_everything, "did not finish within 2 s"),
        (exits, "sys.exit()"),
        (raises_generator_exit, "GeneratorExit"),
        (hard_exit, "exit code 3"),
        (long_c_call, "did not finish within 2 s"),
        (prints_forever, "printing that much is slow"),
        (recurses, "RecursionError"),
        (segfaults, "crashed"),
        (hogs_memory, "memory"),
        (returns_a_generator, "a generator"),
        (returns_a_nasty_object, "a Nasty"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_nothing_blocks_or_escapes_check(answer, message):
    start = time.perf_counter()
    feedback = check("neuron.weighted_sum", answer)
    assert time.perf_counter() - start < TOTAL_TIME_LIMIT + 2, "check took too long"
    assert feedback.status == "wrong" and message in feedback.message, feedback
    assert call_safely(lambda: 7) == (True, 7)  # still usable afterwards


def test_a_right_function_that_prints_a_lot_passes(capsys):
    assert check("neuron.weighted_sum", right_but_prints_a_lot).passed
    assert "debugging" in capsys.readouterr().out


def test_numbers_state_and_accept_their_precision():
    assert "a whole number" in describe("neuron.parameter_count")
    assert "4 significant digits" in describe("softmax.jacobian_entry")
    assert check("softmax.jacobian_entry", -0.1453).passed
    assert (
        "about 3 significant digits" in check("softmax.jacobian_entry", -0.145).message
    )
    # equal roundings would say 1 digit here ("3.9" vs "3.8"); the relative error, 2
    assert "about 2 significant digits" in check_number(3.86, 3.8487, digits=3).message
    off_by_one = check("neuron.parameter_count", 101_771).message
    assert "off by one" in off_by_one and "digits" not in off_by_one


def test_float32_differences_are_shown_with_enough_digits():
    message = compare_array(np.float32([0.18342]), np.array([0.18344]), rtol=1e-6)
    assert "0.18342" in message and "0.18344" in message


def test_generated_inputs_change_with_the_seed():
    seen = []

    def remember(x, w, b):
        return float(w @ x + b)

    for seed in (1, 2):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("MLP_EXERCISES_NO_FORK", "1")
            calls = []

            def recording(x, w, b, calls=calls):
                calls.append(x.tolist())
                return remember(x, w, b)

            check("neuron.weighted_sum", recording, seed=seed)
            seen.append(calls)
    assert seen[0][0] == seen[1][0]  # the visible example
    assert seen[0][1:] != seen[1][1:]


def test_attempts_get_new_inputs_and_a_fresh_kernel_the_same_sequence():
    # Oracle: the inputs recorded by the answer itself, in two fresh interpreters.
    script = """
import os
import subprocess
os.environ["MLP_EXERCISES_NO_FORK"] = "1"
from mlp_lib.exercises import check
calls = []
def recording(x, w, b):
    calls.append(x.tolist())
    return float(w @ x + b)
for attempt in range(2):
    check("neuron.weighted_sum", recording)
    calls.append("next attempt")
print(calls)
"""
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1], "a fresh kernel must meet the same inputs"
    first, second = ast.literal_eval(runs[0])[:-1], ast.literal_eval(runs[0])
    cut = first.index("next attempt")
    attempt_1, attempt_2 = first[:cut], second[cut + 1 : -1]
    assert attempt_1[0] == attempt_2[0]  # the visible example
    assert attempt_1[1:] != attempt_2[1:], "a second attempt must get new inputs"


def test_numeric_exercises_export_as_json():
    exported = export_numbers()
    assert json.loads(json.dumps(exported)) == exported
    count = exported["neuron.parameter_count"]
    assert count["integer"] and count["answer"] == 101_770
    assert all(e["hints"] for e in exported.values())


def test_unknown_ids_suggest_close_ones():
    feedback = check("neuron.weighted_summ", 1)
    assert feedback.status == "error" and "'neuron.weighted_sum'" in feedback.message
    assert check("nochapter.x", 1).status == "error"
    assert check(None, 1).status == "error"


def test_ids_are_listed_with_prompts():
    assert "neuron.weighted_sum" in exercise_ids()
    assert "w·x + b" in describe("neuron.weighted_sum")


@pytest.mark.parametrize(
    "got, message",
    [
        (None, "forget `return`"),
        ("abc", "text"),
        (np.zeros((3, 1)), "shape (3, 1); expected shape (3,)"),
        ([1.0, np.nan, 3.0], "NaN"),
        ([-1.0, -2.0, -3.0], "sign error"),
        ([1.0, 2.0, 4.0], "expected [1, 2, 3]"),
        ([2.0, 3.0, 4.0], "forgot the bias"),
    ],
)
def test_compare_array_messages(got, message):
    assert message in compare_array(
        got, [1.0, 2.0, 3.0], hints=[([2.0, 3.0, 4.0], "you forgot the bias")]
    )


def test_compare_array_accepts_lists_and_tuples():
    assert compare_array([1, 2], np.array([1.0, 2.0])) is None
    assert compare_array([[1, 2], 3], (np.array([1.0, 2.0]), 3.0)) is None
    assert "has 3 values; expected 2" in compare_array((1, 2, 3), (1.0, 2.0))


def test_check_number():
    assert check_number("1,000", 1000).passed
    assert check_number(1000.0000001, 1000).passed
    assert check_number(None, 1000).status == "not_attempted"
    assert "bits" in check_number(8000, 1000, hints={8000: "that is in bits."}).message
    assert check_number("lots", 1000).status == "wrong"


def test_check_function_passes_copies_of_the_inputs():
    def doubles_in_place(x):
        x *= 2
        return x

    cases = [dict(x=np.array([1.0, 2.0]))]
    assert check_function(doubles_in_place, lambda x: 2 * x, cases).passed
    np.testing.assert_array_equal(cases[0]["x"], [1.0, 2.0])


def test_feedback_displays_as_text_and_html():
    good, bad = (
        Feedback(True, "well done", "correct"),
        Feedback(False, "use `x < 1`", "wrong"),
    )
    assert (
        repr(good) == "✔ Correct: well done" and repr(bad) == "✘ Not yet: use `x < 1`"
    )
    assert "#2e7d32" in good._repr_html_()
    assert (
        "<code>x &lt; 1</code>" in bad._repr_html_()
        and "<script" not in bad._repr_html_()
    )


def test_a_rounded_number_is_told_to_give_more_digits():
    feedback = check_number(0.737, 0.736648, digits=4)
    assert feedback.status == "wrong" and "Keep more digits" in feedback.message
    assert check_number(0.7366, 0.736648, digits=4).passed
    assert "not it yet" in check_number(0.75, 0.736648).message
