"""Chapter 3 exercises. Oracle: reference answers written here by hand
(δ = 2(σ(z) − y)σ(z)(1 − σ(z))/N, δ^(l) = (δ^(l+1) Wᵀ) ⊙ σ'(Z), dW = Aᵀδ and
db = Σ_n δ_n, 2N Σ n_in n_out multiplications for 784-128-64-10 at N = 32, and the
central difference of w³ at 1 exceeding 3 by exactly ε² = 10⁻⁶, the gate rules on
f = max(x·y, z) + x·w, a point where (x·y + max(z, w))·v has the gradient
(0, 2, 0, 1, 3), and a training step written out from the δ recursion); each
stub must be "not attempted" and each typical mistake must get its own message."""

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


def train_step(X, Y, W1, b1, W2, b2, lr):
    A1 = sig(X @ W1 + b1)
    Y_hat = sig(A1 @ W2 + b2)
    d2 = 2 * (Y_hat - Y) / len(X) * Y_hat * (1 - Y_hat)
    d1 = (d2 @ W2.T) * A1 * (1 - A1)
    return (
        W1 - lr * X.T @ d1,
        b1 - lr * d1.sum(0),
        W2 - lr * A1.T @ d2,
        b2 - lr * d2.sum(0),
    )


def train_step_with(scale=None, old_W2=True, sign=1.0, out=True):
    def step(X, Y, W1, b1, W2, b2, lr):
        A1 = sig(X @ W1 + b1)
        Y_hat = sig(A1 @ W2 + b2)
        d2 = 2 * (Y_hat - Y) / len(X) if scale is None else scale * (Y_hat - Y)
        d2 = d2 * Y_hat * (1 - Y_hat) if out else d2
        new_W2 = W2 - sign * lr * A1.T @ d2
        d1 = (d2 @ (W2 if old_W2 else new_W2).T) * A1 * (1 - A1)
        return (
            W1 - sign * lr * X.T @ d1,
            b1 - sign * lr * d1.sum(0),
            new_W2,
            b2 - sign * lr * d2.sum(0),
        )

    return step


def train_step_stub(X, Y, W1, b1, W2, b2, lr): ...


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
    # f = max(x·y, z) + x·w at (2, −1, −3, 4) by the gate rules: x·y = −2 wins the
    # max, so ∂f/∂x = y + w = 3, ∂f/∂y = x = 2, ∂f/∂z = 0, ∂f/∂w = x = 2
    "backprop.gate_gradients": (
        (3, 2, 0, 2),
        None,
        [
            ((4, 2, 0, 2), "sum of what both send back"),
            ((-1, 2, 0, 2), "kept only the path through the max"),
            ((4, 0, 1, 2), "input that wins"),
            ((3, 2, 1, 2), "the loser, z, gets 0"),
            ((4, -1, 0, 4), "swaps its inputs"),
            (3, "tuple"),
        ],
    ),
    # f = (x·y + max(z, w))·v with gradient (0, 2, 0, 1, 3): w wins the max and gets
    # v = 1, v·y = 0 gives y = 0, v·x = 2 gives x = 2, x·y + w = 3 gives w = 3, z < 3
    "backprop.gate_design": (
        (2, 0, -1, 3, 1),
        None,
        [
            ((2, 0, 4, 3, 1), "z wins the max"),
            ((2, 0, 1, 3, 2), "it must be 1"),
            ((2, 1, 1, 3, 1), "∂f/∂x = v·y"),
            ((1, 0, 1, 3, 1), "∂f/∂y = v·x"),
            ((2, 0, 1, 4, 1), "∂f/∂v = x·y + max(z, w)"),
            ((2, 0, 3, 3, 1), "tie"),
            ((2, 0, 3), "5 numbers"),
        ],
    ),
    "backprop.train_step": (
        train_step,
        train_step_stub,
        [
            (train_step_with(old_W2=False), "needs the old W2"),
            (train_step_with(sign=-1.0), "goes uphill"),
            (train_step_with(scale=1.0), "factor 2/N"),
            (train_step_with(scale=2.0), "1/N of the mean"),
            (
                lambda X, Y, *rest: train_step_with(scale=1 / len(X))(X, Y, *rest),
                "factor 2 of the square",
            ),
            (train_step_with(out=False), "output layer is a sigmoid too"),
            (
                lambda X, Y, W1, b1, W2, b2, lr: train_step(X, Y, W1, b1, W2, b2, lr)[
                    :2
                ],
                "has 2 values; expected 4",
            ),
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
