"""Chapter 1 exercises. Oracle: reference answers written here by hand
(z = w·x + b, Z = XW + b, 784·128 + 128 + 128·10 + 10 = 101,770 parameters at 4 bytes
each, the perceptron rule, XOR = ReLU(x1 + x2) − 2 ReLU(x1 + x2 − 1), and
⌈10·√(0.004/0.0001)⌉ = 64 units); each stub must be "not attempted" and each typical
mistake must get its own message."""

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def weighted_sum(x, w, b):
    return float(np.dot(w, x) + b)


def layer_forward(X, W, b):
    return X @ W + b


def perceptron_update(w, b, x, y, lr):
    y_hat = 1 if np.dot(w, x) + b >= 0 else 0
    return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)


# XOR(x1, x2) = ReLU(x1 + x2) − 2 ReLU(x1 + x2 − 1) on {0, 1}²
XOR_WEIGHTS = (
    np.array([[1.0, 1.0], [1.0, 1.0]]),
    np.array([0.0, -1.0]),
    np.array([[1.0], [-2.0]]),
    np.array([0.0]),
)


def weighted_sum_stub(x, w, b): ...


def layer_forward_stub(X, W, b):
    raise NotImplementedError


def perceptron_update_stub(w, b, x, y, lr):
    """Return (w_new, b_new)."""


CASES = {
    "neuron.weighted_sum": (
        weighted_sum,
        weighted_sum_stub,
        [
            (lambda x, w, b: np.dot(w, x), "forgot the bias"),
            (lambda x, w, b: w * x + b, "did not add the products up"),
            (lambda x, w, b: np.dot(w, x) - b, "subtracted the bias"),
            (lambda x, w, b: -(np.dot(w, x) + b), "sign error"),
        ],
    ),
    "neuron.layer_forward": (
        layer_forward,
        layer_forward_stub,
        [
            (lambda X, W, b: X @ W, "forgot the bias"),
            (lambda X, W, b: W @ X + b, "samples are the rows of X"),
            (lambda X, W, b: X @ W.T + b, "W transposed"),
            (lambda X, W, b: (X @ W + b)[:, :1], "shape"),
        ],
    ),
    "neuron.parameter_count": (
        101770,
        None,
        [
            (101632, "only the weights"),
            (100480, "hidden layer alone"),
            (101760, "biases of the output layer"),
            (922, "counts the neurons"),
        ],
    ),
    "neuron.memory_float32": (
        407080,
        None,
        [
            (3256640, "bits"),
            (814160, "float64"),
            ("407.08", "kilobytes"),
            (406528, "only the weights"),
        ],
    ),
    "neuron.xor_relu_weights": (
        XOR_WEIGHTS,
        (None, None, None, None),
        [
            (
                # rows as units: ReLU(x1 + x2) and ReLU(2 x1 + x2 − 2), transposed
                ([[1.0, 1.0], [2.0, 1.0]], [0.0, -2.0], [[1.0], [-2.0]], [0.0]),
                "W1 transposed",
            ),
            (
                (np.array([[1.0, 0.0], [1.0, 0.0]]), [0.0, -1.0], [[1.0], [-2.0]], 0.0),
                "hidden unit 2 outputs 0",
            ),
            ((np.eye(2), [1.0, 1.0], [[1.0], [1.0]], [0.0]), "linear function"),
            (
                (XOR_WEIGHTS[0], XOR_WEIGHTS[1], [[0.8], [-1.6]], [0.1]),
                "Thresholded at 0.5",
            ),
            ((XOR_WEIGHTS[0], XOR_WEIGHTS[1], [[1.0, -2.0]], [0.0]), "(n_in, n_out)"),
            ((np.ones((2, 2)), [0.0, -1.0]), "four arrays"),
            ((XOR_WEIGHTS[0], None, [[1.0], [-2.0]], 0.0), "b1 is still None"),
            (
                (XOR_WEIGHTS[0], [0.0, -0.5], [[1.0], [-2.0]], 0.0),
                "outputs: 0, 0, 0, -1",
            ),
        ],
    ),
    "neuron.units_for_error": (
        64,
        None,
        [
            (400, "1/k;"),
            (63, "Round up"),
            (40, "factor"),
        ],
    ),
    "neuron.perceptron_update": (
        perceptron_update,
        perceptron_update_stub,
        [
            (lambda w, b, x, y, lr: (w + lr * y * x, b + lr * y), "the error y − ŷ"),
            (
                lambda w, b, x, y, lr: (perceptron_update(w, b, x, y, lr)[0], b),
                "b did not change",
            ),
            (
                lambda w, b, x, y, lr: (
                    2 * w - perceptron_update(w, b, x, y, lr)[0],
                    2 * b - perceptron_update(w, b, x, y, lr)[1],
                ),
                "wrong way",
            ),
            (
                lambda w, b, x, y, lr: perceptron_update(w, b, x, y, lr)[0],
                "tuple of 2 values",
            ),
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


def test_the_step_at_zero_is_one():
    def strict(w, b, x, y, lr):
        y_hat = 1 if np.dot(w, x) + b > 0 else 0
        return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)

    assert "z ≥ 0" in check("neuron.perceptron_update", strict).message


def test_numbers_may_be_given_as_text():
    assert check("neuron.parameter_count", "101,770").passed


def test_other_xor_solutions_pass():
    """Any exact solution passes, not only the reference: ReLU(x1 − x2) + ReLU(x2 − x1)
    = |x1 − x2| is XOR on {0, 1}²."""
    answer = ([[1.0, -1.0], [-1.0, 1.0]], [0.0, 0.0], [[1.0], [1.0]], 0.0)
    assert check("neuron.xor_relu_weights", answer).passed
