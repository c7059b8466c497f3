"""Chapter 6 exercises. Oracle: reference answers written here by hand with numpy
(mean and biased variance over axis 0, y = γ x̂ + β; the running averages
0.9 · 2 + 0.1 · 4 = 2.2 and 0.9 · 1 + 0.1 · 26/3 ≈ 1.7667; the compact backward
formula γ/(Nσ)(N g − Σ g − x̂ Σ g x̂); layer normalization with the statistics over
axis 1; LN(5 − 2x) = −LN(x) for ε = 0, so LN(x')·LN(x) = −C = −8); each
stub must be "not attempted" and each typical mistake must get its own message."""

import math

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def _x_hat(X, eps, axis=0, ddof=0):
    return (X - X.mean(axis=axis, keepdims=True)) / np.sqrt(
        X.var(axis=axis, ddof=ddof, keepdims=True) + eps
    )


def bn_forward(X, gamma, beta, eps):
    return gamma * _x_hat(X, eps) + beta


def bn_backward(X, gamma, G, eps):
    n, std = len(X), np.sqrt(X.var(axis=0) + eps)
    x_hat = (X - X.mean(axis=0)) / std
    return gamma / (n * std) * (n * G - G.sum(axis=0) - x_hat * (G * x_hat).sum(axis=0))


def ln_forward(X, gamma, beta, eps):
    return gamma * _x_hat(X, eps, axis=1) + beta


def bn_forward_stub(X, gamma, beta, eps): ...


def ln_forward_stub(X, gamma, beta, eps): ...


def bn_backward_stub(X, gamma, G, eps):
    raise NotImplementedError


CASES = {
    "batchnorm.layernorm": (
        ln_forward,
        ln_forward_stub,
        [
            (lambda X, g, b, eps: g * _x_hat(X, eps) + b, "batch normalization"),
            (lambda X, g, b, eps: g * _x_hat(X, eps, 1, 1) + b, "unbiased variance"),
            (lambda X, g, b, eps: g * _x_hat(X, 0.0, axis=1) + b, "left out ε"),
            (lambda X, g, b, eps: _x_hat(X, eps, axis=1), "returned the normalized"),
            (lambda X, g, b, eps: b * _x_hat(X, eps, axis=1) + g, "swapped γ and β"),
        ],
    ),
    "batchnorm.ln_invariance": (
        -8.0,
        None,
        [(8.0, "keeps the sign"), (-7.0, "unbiased"), (-1.0, "mean"), (0.0, "batch")],
    ),
    "batchnorm.forward": (
        bn_forward,
        bn_forward_stub,
        [
            (
                lambda X, g, b, eps: g * _x_hat(X, eps, axis=1) + b,
                "normalized each row",
            ),
            (lambda X, g, b, eps: g * _x_hat(X, eps, ddof=1) + b, "unbiased variance"),
            (lambda X, g, b, eps: g * _x_hat(X, 0.0) + b, "left out ε"),
            (lambda X, g, b, eps: g * (X - X.mean(0)) / (X.std(0) + eps) + b, "σ + ε"),
            (lambda X, g, b, eps: _x_hat(X, eps), "returned the normalized x̂"),
            (lambda X, g, b, eps: b * _x_hat(X, eps) + g, "swapped γ and β"),
            (
                lambda X, g, b, eps: g * (X - X.mean(0)) / (X.var(0) + eps) + b,
                "divided by the variance",
            ),
        ],
    ),
    "batchnorm.running_mean": (
        2.2,
        None,
        [
            (3.8, "the other way round"),
            (4.0, "batch mean alone"),
            (2.4, "multiplied by 1 − m"),
            (2.0, "old running mean"),
            ("3", "plain average"),
        ],
    ),
    "batchnorm.running_var": (
        0.9 + 2.6 / 3,
        None,
        [
            (0.9 + 0.65, "biased batch variance"),
            (0.1 + 0.9 * 26 / 3, "the other way round"),
            (26 / 3, "unbiased batch variance alone"),
            (0.9 + 0.1 * math.sqrt(26 / 3), "standard deviation"),
        ],
    ),
    "batchnorm.backward": (
        bn_backward,
        bn_backward_stub,
        [
            (lambda X, g, G, eps: g * G / np.sqrt(X.var(0) + eps), "as constants"),
            (
                lambda X, g, G, eps: (
                    bn_backward(X, g, G, eps) + g * G.mean(0) / np.sqrt(X.var(0) + eps)
                ),
                "−Σ g is missing",
            ),  # adding back γ Σg / (Nσ)
            (
                lambda X, g, G, eps: bn_backward(X, np.ones_like(g), G, eps),
                "factor γ is missing",
            ),
            (
                lambda X, g, G, eps: len(X) * bn_backward(X, g, G, eps),
                "N times too large",
            ),
            (lambda X, g, G, eps: -bn_backward(X, g, G, eps), "sign error"),
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


def test_backward_without_the_variance_path_is_named():
    def no_var_term(X, gamma, G, eps):
        n, std = len(X), np.sqrt(X.var(axis=0) + eps)
        return gamma / (n * std) * (n * G - G.sum(axis=0))

    assert "x̂ Σ g x̂ is missing" in check("batchnorm.backward", no_var_term).message


def test_backward_summing_over_features_is_named():
    def over_features(X, gamma, G, eps):
        n, std = len(X), np.sqrt(X.var(axis=0) + eps)
        x_hat = (X - X.mean(axis=0)) / std
        return (
            gamma
            / (n * std)
            * (
                n * G
                - G.sum(axis=1, keepdims=True)
                - x_hat * (G * x_hat).sum(axis=1, keepdims=True)
            )
        )

    assert (
        "summed over the features" in check("batchnorm.backward", over_features).message
    )


def test_a_raising_function_is_reported_not_raised():
    def broken(X, gamma, beta, eps):
        raise ZeroDivisionError("oops")

    for exercise_id in ("batchnorm.forward", "batchnorm.backward"):
        feedback = check(exercise_id, broken)
        assert feedback.status == "wrong" and "ZeroDivisionError" in feedback.message, (
            feedback
        )
