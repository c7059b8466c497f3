"""Regularization-chapter exercises. Oracles: the answers written here by hand
((1 − ηλ)w − ηg, λ·sgn(w), 3 / 0.75 = 4, 0.8 · 1.5 = 1.2, sgn(u)·max(|u| − ηλ, 0) with
u = w − ηg, max|Xᵀy| / n = 4/3); stubs are "not attempted", mistakes get their
message."""

import numpy as np
from exercise_cases import standard_tests


def weight_decay_step(w, g, lr, lam):
    return (1 - lr * lam) * w - lr * g


def weight_decay_step_stub(w, g, lr, lam): ...


def l1_subgradient(w, lam):
    return lam * np.sign(w)


def l1_subgradient_stub(w, lam):
    pass


def proximal_step(w, g, lr, lam):
    u = w - lr * g
    return np.sign(u) * np.maximum(np.abs(u) - lr * lam, 0)


def proximal_step_stub(w, g, lr, lam): ...


CASES = {
    "regularization.weight_decay_step": (
        weight_decay_step,
        weight_decay_step_stub,
        [
            (lambda w, g, lr, lam: (1 - lam) * w - lr * g, "missing the learning rate"),
            (lambda w, g, lr, lam: (1 + lr * lam) * w - lr * g, "wrong sign"),
            (lambda w, g, lr, lam: w - lr * g - lr * lam * np.sign(w), "L1 step"),
            (
                lambda w, g, lr, lam: (1 - lr * lam) * (w - lr * g),
                "after the gradient step",
            ),
            (lambda w, g, lr, lam: (1 - lr * lam / 2) * w - lr * g, "the ½ cancels"),
        ],
    ),
    "regularization.l1_subgradient": (
        l1_subgradient,
        l1_subgradient_stub,
        [
            (lambda w, lam: lam * w, "L2 penalty"),
            (lambda w, lam: 0.5 * lam * np.sign(w), "inconsistent form"),
            (lambda w, lam: np.sign(w), "left out λ"),
            (lambda w, lam: lam * np.where(w >= 0, 1.0, -1.0), "subgradient 0"),
        ],
    ),
    "regularization.inverted_kept": (
        4.0,
        None,
        [
            (3.0, "rescales the kept units"),
            (2.25, "classic dropout's test-time"),
            (12.0, "keep probability"),
            (0.75, "probability of dropping"),
        ],
    ),
    "regularization.classic_test_weight": (
        1.2,
        None,
        [
            (1.5, "scale w by 1 − p"),
            (0.3, "keep probability"),
            (1.875, "inverted dropout"),
        ],
    ),
    "regularization.proximal_step": (
        proximal_step,
        proximal_step_stub,
        [
            (
                lambda w, g, lr, lam: w - lr * g - lr * lam * np.sign(w),
                "subgradient step",
            ),
            (
                lambda w, g, lr, lam: (
                    np.sign(w - lr * g) * np.maximum(np.abs(w - lr * g) - lam, 0)
                ),
                "the threshold is ηλ",
            ),
            (
                lambda w, g, lr, lam: np.where(
                    np.abs(w - lr * g) > lr * lam, w - lr * g, 0.0
                ),
                "hard thresholding",
            ),
            (
                lambda w, g, lr, lam: np.maximum(w - lr * g - lr * lam, 0.0),
                "keep the sign",
            ),
            (
                lambda w, g, lr, lam: proximal_step(w, 0 * g, lr, lam) - lr * g,
                "before the gradient step",
            ),
            (lambda w, g, lr, lam: proximal_step(w, -g, lr, lam), "uphill"),
            (lambda w, g, lr, lam: (w - lr * g) / (1 + lr * lam), "the L2 penalty"),
            (
                lambda w, g, lr, lam: (w - lr * g) - lr * lam * np.sign(w - lr * g),
                "overshoots through 0",
            ),
        ],
    ),
    "regularization.lasso_zero_alpha": (
        4 / 3,
        None,
        [
            (4.0, "divide by n"),
            (8 / 3, "cancels the 2"),
            (1 / 3, "larger correlation"),
            (5 / 3, "not on their sum"),
            (np.sqrt(17) / 3, "Euclidean norm"),
            (-4 / 3, "never negative"),
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
