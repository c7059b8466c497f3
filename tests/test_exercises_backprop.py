"""Chapter 3 exercises. Oracle: reference answers written here by hand
(δ = 2(σ(z) − y)σ(z)(1 − σ(z))/N, δ^(l) = (δ^(l+1) Wᵀ) ⊙ σ'(Z), dW = Aᵀδ and
db = Σ_n δ_n, 2N Σ n_in n_out multiplications for 784-128-64-10 at N = 32, and the
central difference of w³ at 1 exceeding 3 by exactly ε² = 10⁻⁶); each stub must be
"not attempted" and each typical mistake must get its own message."""

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def sig(z):
    return 1 / (1 + np.exp(-z))


def output_delta(Z, Y):
    y_hat = sig(Z)
    return 2 * (y_hat - Y) * y_hat * (1 - y_hat) / len(Z)


def hidden_delta(delta_next, W_next, Z):
    return (delta_next @ W_next.T) * sig(Z) * (1 - sig(Z))


def linear_grads(A_prev, delta):
    return A_prev.T @ delta, delta.sum(axis=0)


def output_delta_stub(Z, Y): ...


def hidden_delta_stub(delta_next, W_next, Z):
    raise NotImplementedError


def linear_grads_stub(A_prev, delta):
    """Return (dW, db)."""


MULTIPLICATIONS = 2 * 32 * (784 * 128 + 128 * 64 + 64 * 10)

CASES = {
    "backprop.output_delta": (
        output_delta,
        output_delta_stub,
        [
            (lambda Z, Y: 2 * (sig(Z) - Y) / len(Z), "multiply by σ'(Z)"),
            (
                lambda Z, Y: 2 * (sig(Z) - Y) * sig(Z) * sig(1 - Z) / len(Z),
                "not σ(1 − Z)",
            ),
            (lambda Z, Y: 2 * (sig(Z) - Y) * sig(Z) * (1 - sig(Z)), "1/N"),
            (lambda Z, Y: (sig(Z) - Y) * sig(Z) * (1 - sig(Z)) / len(Z), "lost the 2"),
            (lambda Z, Y: -output_delta(Z, Y), "sign error"),
            (lambda Z, Y: output_delta(Z, Y).ravel(), "shape"),
        ],
    ),
    "backprop.hidden_delta": (
        hidden_delta,
        hidden_delta_stub,
        [
            (lambda d, W, Z: d @ W.T, "forgot the activation's slope"),
            (lambda d, W, Z: (d @ W.T) * sig(Z) * sig(1 - Z), "not σ(1 − Z)"),
            (lambda d, W, Z: (d @ W) * sig(Z) * (1 - sig(Z)), "without the transpose"),
            (lambda d, W, Z: (d @ W.T) * sig(Z), "you multiplied by σ(Z)"),
        ],
    ),
    "backprop.linear_grads": (
        linear_grads,
        linear_grads_stub,
        [
            (lambda A, d: (d.T @ A, d.sum(axis=0)), "column-form shape"),
            (lambda A, d: (A @ d, d.sum(axis=0)), "without transposing A"),
            (lambda A, d: (A.T @ d, d), "summed over the batch"),
            (lambda A, d: (A.T @ d, d.mean(axis=0)), "averages δ"),
            (lambda A, d: (A.T @ d / len(A), d.sum(axis=0) / len(A)), "divided by N"),
            (lambda A, d: A.T @ d, "tuple of 2 values"),
        ],
    ),
    "backprop.backward_multiplications": (
        MULTIPLICATIONS,
        None,
        [
            (MULTIPLICATIONS // 2, "forward pass"),
            (MULTIPLICATIONS - 32 * 784 * 128, "first layer"),
            (MULTIPLICATIONS // 32, "one example"),
            ("3 * forward", "single number"),
        ],
    ),
    "backprop.central_difference_error": (
        1e-6,
        None,
        [
            (0.003001, "forward difference"),
            (2e-6, "check the division"),
            (-1e-6, "larger than 3"),
            (0.5, "not it yet"),
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


def test_functions_returning_nan_are_wrong():
    feedback = check("backprop.output_delta", lambda Z, Y: np.full_like(Z, np.nan))
    assert feedback.status == "wrong" and "NaN" in feedback.message
