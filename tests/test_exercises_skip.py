"""Chapter 7 exercises. Oracle: reference answers written here by hand
(∂L/∂x = δ + F'ᵀδ for y = x + F(x); d/dx [x + 0.5 tanh(3x)] = 1 + 1.5 (1 − tanh²(3x)) at
x = 0.2; 8·9 + 16·17 + 32·33 + 64·65 + 128 + 1 = 5,689 parameters; ∂L/∂α = Σ δ ⊙ F(x),
∂L/∂β = Σ δ ⊙ x; C(9, 3) = 84 paths of length 3 left after deleting one of 10 blocks;
∂L/∂x = δ W_sᵀ + F'ᵀδ and ∂L/∂W_s = xᵀδ for y = x W_s + F(x); F = tanh(x W1 + b1) W2
+ b2 is 0 for every x with W2 = b2 = 0 while ∂L/∂W2 = hᵀδ ≠ 0); each stub must be "not
attempted" and each typical mistake must get its own message."""

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def residual_backward(grad_out, block_backward):
    return grad_out + block_backward(grad_out)


def weighted_grads(grad_out, x, fx):
    return float(np.sum(grad_out * fx)), float(np.sum(grad_out * x))


def projection_backward(x, grad_out, W_s, block_backward):
    return grad_out @ W_s.T + block_backward(grad_out), x.T @ grad_out


def residual_backward_stub(grad_out, block_backward): ...


def projection_backward_stub(x, grad_out, W_s, block_backward): ...


def weighted_grads_stub(grad_out, x, fx):
    """Return (dL_dalpha, dL_dbeta)."""


DERIVATIVE = 1 + 1.5 * (1 - np.tanh(0.6) ** 2)

CASES = {
    "skip.lesion_paths": (
        84,
        None,
        [
            (120, "including those through the deleted block"),
            (36, "the ones the lesion removed"),
            (512, "of any length"),
            (60, "not half of the paths of each length"),
        ],
    ),
    "skip.projection_backward": (
        projection_backward,
        projection_backward_stub,
        [
            (lambda x, g, W, back: (back(g), x.T @ g), "skip path is missing"),
            (lambda x, g, W, back: (g @ W.T, x.T @ g), "block's path is missing"),
            (lambda x, g, W, back: (g @ W.T + back(g), g.T @ x), "not grad_outᵀ x"),
            (
                lambda x, g, W, back: (g @ W.T + back(g), x.T @ g / len(x)),
                "divided ∂L/∂W_s by N",
            ),
            (lambda x, g, W, back: (g @ W.T + back(g), W), "returned W_s itself"),
            (lambda x, g, W, back: (g @ W + back(g), x.T @ g), "by W_sᵀ, not W_s"),
        ],
    ),
    "skip.zero_init": (
        ["W2", "b2"],
        None,
        [
            (["W2"], "b2 must be zero too"),
            (["W1", "b2"], "either zero W2, or make h = 0"),
            (["W1", "b1", "W2", "b2"], "neither weight matrix gets a gradient"),
            (["w2"], "is not a parameter of F"),
            ([1, 2], "list of parameter names as text"),
        ],
    ),
    "skip.residual_backward": (
        residual_backward,
        residual_backward_stub,
        [
            (lambda g, back: back(g), "forgot the identity term"),
            (lambda g, back: g, "only the identity"),
            (lambda g, back: g * back(g), "you multiplied them"),
            (lambda g, back: g - back(g), "you subtracted the block"),
            (lambda g, back: -(g + back(g)), "sign error"),
        ],
    ),
    "skip.derivative": (
        DERIVATIVE,
        None,
        [
            (1.5 * (1 - np.tanh(0.6) ** 2), "f'(x) alone"),
            (1 + 0.5 * (1 - np.tanh(0.6) ** 2), "inner factor 3"),
            (1 + 1.5 * (1 - np.tanh(0.2) ** 2), "at 3x = 0.6"),
            (1 + 1.5 * (1 - np.tanh(0.6)), "square tanh"),
            (0.2 + 0.5 * np.tanh(0.6), "the value y(0.2)"),
        ],
    ),
    "skip.concat_params": (
        5689,
        None,
        [
            (297, "the count with addition"),
            (417, "as if the width stayed 8"),
            (5568, "only the weights"),
            (5560, "forgot the final Linear"),
            (5625, "not 64"),
            (2041, "the width doubles"),
        ],
    ),
    "skip.weighted_grads": (
        weighted_grads,
        weighted_grads_stub,
        [
            (lambda g, x, fx: (np.sum(g * x), np.sum(g * fx)), "you swapped them"),
            (lambda g, x, fx: (g * fx, g * x), "sum over all entries"),
            (lambda g, x, fx: (np.mean(g * fx), np.mean(g * x)), "you averaged"),
            (lambda g, x, fx: (np.sum(fx), np.sum(x)), "upstream gradient"),
            (lambda g, x, fx: np.sum(g * fx), "tuple of 2 values"),
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


def test_numbers_may_be_given_as_text():
    assert check("skip.concat_params", "5,689").passed
    assert check("skip.derivative", f"{DERIVATIVE:.5f}").passed
