"""Chapter 2 exercises. Oracle: reference answers written here by hand
(σ' = σ(1 − σ) from the explicit formula 1/(1 + e^(−z)), its peak ¼ at z = 0, the
product bound (¼)¹⁰, the leaky ReLU's derivative 1 or γ, and the dead-unit fraction as
columns ≤ 0 in every row); each stub must be "not attempted" and each typical mistake
must get its own message."""

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def _sigma(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_grad(z):
    s = _sigma(z)
    return s * (1 - s)


def leaky_relu_grad(z, slope):
    return np.where(z > 0, 1.0, slope)


def dead_fraction(Z):
    return np.mean(np.all(Z <= 0, axis=0))


def silu_grad(z):
    s = _sigma(z)
    return s * (1 + z * (1 - s))


def sigmoid_grad_stub(z): ...


def silu_grad_stub(z):
    return None


def leaky_relu_grad_stub(z, slope):
    raise NotImplementedError


def dead_fraction_stub(Z):
    """Return the fraction of dead units."""


CASES = {
    "activations.sigmoid_grad": (
        sigmoid_grad,
        sigmoid_grad_stub,
        [
            (lambda z: _sigma(z) * (1 - z), "not 1 − z"),
            (lambda z: z * (1 - z), "apply σ first"),
            (lambda z: 1 - _sigma(z) ** 2, "tanh' = 1 − tanh²"),
            (lambda z: _sigma(z), "σ(z) itself"),
            (lambda z: _sigma(z) * (1 + _sigma(z)), "sign error"),
            (lambda z: -sigmoid_grad(z), "negative of the right answer"),
        ],
    ),
    "activations.sigmoid_grad_max": (
        0.25,
        None,
        [
            (0.5, "σ(0)"),
            (1, "peak of tanh'"),
            ("1.0", "peak of tanh'"),
            (0, "saturation"),
        ],
    ),
    "activations.depth_bound": (
        0.25**10,
        None,
        [
            (2.5, "multiplied ¼ by 10"),
            (0.5**10, "σ(0)"),
            (0.25**9, "9 factors"),
            (1, "bound for tanh"),
            (0.25, "one layer's bound"),
        ],
    ),
    "activations.leaky_relu_grad": (
        leaky_relu_grad,
        leaky_relu_grad_stub,
        [
            (lambda z, slope: (z > 0).astype(float), "ReLU's derivative"),
            (lambda z, slope: np.where(z > 0, z, slope * z), "function value"),
            (lambda z, slope: np.where(z > 0, slope, 1.0), "swapped"),
            (lambda z, slope: np.where(z > 0, z, slope), "derivative of z is 1"),
            (lambda z, slope: np.where(z > 0, 1.0, slope * z), "constant γ"),
            (lambda z, slope: 1.0, "shape"),
        ],
    ),
    "activations.dead_fraction": (
        dead_fraction,
        dead_fraction_stub,
        [
            (lambda Z: np.mean(Z <= 0), "counted the negative entries"),
            (lambda Z: np.mean(np.any(Z <= 0, axis=0)), "at least one example"),
            (lambda Z: np.mean(np.all(Z <= 0, axis=1)), "axis=0"),
            (lambda Z: np.sum(np.all(Z <= 0, axis=0)), "number of dead units"),
            (lambda Z: np.mean(np.all(Z < 0, axis=0)), "definition says z ≤ 0"),
            (
                lambda Z: np.sum(np.all(Z <= 0, axis=0)) / len(Z),
                "divided the number of dead units by the number of examples",
            ),
            (lambda Z: np.mean(np.all(Z > 0, axis=0)), "active on every example"),
            (lambda Z: np.all(Z <= 0, axis=0), "single number"),
        ],
    ),
    "activations.silu_grad": (
        silu_grad,
        silu_grad_stub,
        [
            (lambda z: _sigma(z), "the gate alone"),
            (lambda z: z * sigmoid_grad(z), "differentiated only the gate"),
            (sigmoid_grad, "the sigmoid's derivative"),
            (lambda z: _sigma(z) * (1 + z), "as the derivative of σ(z)"),
            (lambda z: _sigma(z) * (1 + z * _sigma(z)), "its last factor is 1 − σ(z)"),
            (lambda z: z * _sigma(z), "SiLU(z) = z·σ(z) itself"),
            (lambda z: -silu_grad(z), "negative of the right answer"),
        ],
    ),
    # minimax slope: the error where σ'(z) = a equals 1 − σ(1/(2a)); a grid search of
    # max |clip(a z + 1/2, 0, 1) − σ(z)| over z (step 1e-5) and a gives 0.17707
    "activations.hard_sigmoid_slope": (
        0.17707,
        None,
        [
            (0.25, "tangent's slope"),
            (0.2, "Keras 2's slope"),
            (1 / 6, "PyTorch's slope"),
            (0.05605, "smallest worst-case error itself"),
            (2.8238, "clip point"),
            (1.2086, "inside the linear part"),
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


def test_the_hard_sigmoid_slope_is_the_minimax_of_a_grid_search():
    """Oracle: brute force, the max error over a z grid, minimised over a grid of a."""
    z = np.linspace(0, 12, 120_001)
    slopes = np.linspace(0.170, 0.185, 151)
    errors = [np.abs(np.clip(a * z + 0.5, 0, 1) - _sigma(z)).max() for a in slopes]
    best = slopes[int(np.argmin(errors))]
    assert abs(best - 0.17707) < 1e-4, best
    assert check("activations.hard_sigmoid_slope", float(best)).passed


def test_the_depth_bound_accepts_a_rounded_answer():
    assert check("activations.depth_bound", 9.537e-7).passed
    # text must be a number, not an expression
    assert check("activations.depth_bound", "0.25**10").status == "wrong"


def test_leaky_relu_checker_needs_the_slope_argument():
    feedback = check(
        "activations.leaky_relu_grad", lambda z: np.where(z > 0, 1.0, 0.01)
    )
    assert feedback.status == "wrong" and "raised TypeError" in feedback.message
