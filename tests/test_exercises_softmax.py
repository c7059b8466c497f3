"""Chapter 5 exercises. Oracle: reference answers written here by hand
(softmax with the row's max subtracted; ∂p₁/∂z₂ = −p₁p₂ for z = (1, 2, 0.5), i.e.
−0.145332; (p − y)/n; p₁ = e¹/(e¹ + e^0.5 + 1) = 0.506480 for z = (2, 1, 0) at T = 2;
T = 3.8487 minimizes the NLL on a fine grid (test below); for label smoothing
ε = C/(e³ − 1 + C) = 0.343813 with C = 10, whose optimal logit gap
ln((1 − ε + ε/C)/(ε/C)) is 3);
each stub must be "not attempted" and each typical mistake must get its own message."""

import warnings

import numpy as np
import pytest
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def stable_softmax(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def naive_softmax(Z):
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def ce_gradient(Z, y):
    return (stable_softmax(Z) - np.eye(Z.shape[1])[y]) / len(Z)


def stub_ellipsis(Z): ...


def stub_raises(Z, y):
    raise NotImplementedError


CASES = {
    "softmax.stable_softmax": (
        stable_softmax,
        stub_ellipsis,
        [
            (naive_softmax, "Overflow: subtract the max"),
            (naive_softmax, "e^1000 is inf"),
            (lambda Z: stable_softmax(Z.T).T, "every column sums to 1"),
            (lambda Z: naive_softmax(Z - Z.max()), "Subtract each row's own max"),
            (
                lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)),
                "did not divide by the sum",
            ),
            (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1), "keepdims=True"),
            (lambda Z: np.exp(Z) / np.exp(Z).sum(), "whole array sums to 1"),
        ],
    ),
    "softmax.jacobian_entry": (
        -0.1453315539,
        None,
        [
            (0.1453315539, "the sign is wrong"),
            (0.1777594068, "diagonal formula p_i(1 − p_i)"),
            (0.2334795972, "diagonal formula p_i(1 − p_i)"),
            (-0.0881480433, "indices count from 1"),
            (0.0858923437, "δ_ik is 0"),
        ],
    ),
    "softmax.ce_gradient": (
        ce_gradient,
        stub_raises,
        [
            (lambda Z, y: ce_gradient(Z, y) * len(Z), "forgot to divide by n"),
            (lambda Z, y: -ce_gradient(Z, y), "the sign is wrong"),
            (
                lambda Z, y: -ce_gradient(Z, y) * len(Z),
                "sign is wrong and the 1/n is missing",
            ),
            (lambda Z, y: (Z - np.eye(Z.shape[1])[y]) / len(Z), "used the logits Z"),
            (
                lambda Z, y: stable_softmax(Z) / len(Z),
                "forgot to subtract the one-hot target",
            ),
        ],
    ),
    "softmax.temperature": (
        0.5064804,
        None,
        [
            (0.6652410, "at T = 1"),
            (0.8668133, "multiplied the logits by T"),
            (1 / 3, "uniform distribution"),
            (0.3326205, "divided the probability by T"),
        ],
    ),
    "softmax.best_temperature": (
        3.8487,
        None,
        [
            (1.0, "T = 1 leaves the model"),
            (0.25983, "that is 1/T"),
            (4.1919, "mean confidence equals the accuracy"),
        ],
    ),
    "softmax.smoothing_epsilon": (
        0.343813,
        None,
        [
            (0.332386, "also gets its share ε/C"),
            (0.047426, "you compared 1 − ε with ε"),
            (0.309444, "ε/(C − 1) each"),
        ],
    ),
}


(
    test_reference_answer_passes,
    test_stub_is_not_attempted,
    test_typical_mistake_gets_its_message,
    test_odd_answers_get_feedback_not_exceptions,
    test_hard_coded_example_and_replayed_feedback_fail,
    test_feedback_never_shows_the_answer,
    test_a_float32_reference_passes_or_is_told_why,
    test_reference_passes_on_other_generated_inputs,
) = standard_tests(CASES)


def test_the_naive_softmax_is_checked_without_a_runtime_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "Overflow" in check("softmax.stable_softmax", naive_softmax).message


def test_numbers_may_be_given_as_text():
    assert check("softmax.jacobian_entry", "-0.14533").passed


def test_best_temperature_minimizes_the_nll_on_a_grid():
    from mlp_lib.exercises.softmax import CALIBRATION_LABELS, CALIBRATION_LOGITS

    grid = np.linspace(3.80, 3.90, 1001)
    rows = np.arange(len(CALIBRATION_LABELS))
    nll = [
        -np.log(stable_softmax(CALIBRATION_LOGITS / t))[rows, CALIBRATION_LABELS].mean()
        for t in grid
    ]
    assert grid[np.argmin(nll)] == pytest.approx(3.8487, abs=2e-4)


def test_smoothing_epsilon_gives_the_gap_of_3():
    eps, C = 0.343813, 10
    assert np.log((1 - eps + eps / C) / (eps / C)) == pytest.approx(3.0, abs=1e-5)
