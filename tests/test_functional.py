"""Activation functions and derivatives. Oracles: central finite differences of each
function (elementwise, float64), closed-form identities (tanh z = 2σ(2z) − 1,
softplus' = σ, σ'(0) = 1/4, softmax shift invariance), and exact limits at z = ±1000
(with no numpy warning: pytest turns warnings into errors)."""

import numpy as np
import pytest

from mlp_lib import functional as F
from mlp_lib.gradcheck import rel_error

# (name, f, f', kinks where f' is undefined)
PAIRS = [
    ("sigmoid", F.sigmoid, F.sigmoid_grad, []),
    ("tanh", F.tanh, F.tanh_grad, []),
    ("relu", F.relu, F.relu_grad, [0.0]),
    (
        "leaky_relu",
        lambda z: F.leaky_relu(z, 0.1),
        lambda z: F.leaky_relu_grad(z, 0.1),
        [0.0],
    ),
    ("elu", lambda z: F.elu(z, 0.5), lambda z: F.elu_grad(z, 0.5), [0.0]),
    ("softplus", F.softplus, F.softplus_grad, []),
    ("hard_sigmoid", F.hard_sigmoid, F.hard_sigmoid_grad, [-2.0, 2.0]),
    ("hard_tanh", F.hard_tanh, F.hard_tanh_grad, [-1.0, 1.0]),
    ("gelu", F.gelu, F.gelu_grad, []),
    ("silu", F.silu, F.silu_grad, []),
]
ALL = [f for _, f, _, _ in PAIRS] + [df for _, _, df, _ in PAIRS]
ALL += [F.step, F.softmax, F.log_softmax, F.logsumexp]


def away_from(z, kinks, gap=1e-3):
    """Move entries within ``gap`` of a kink by 10·gap, so finite differences never
    straddle it."""
    for k in kinks:
        z = np.where(np.abs(z - k) < gap, z + 10 * gap, z)
    return z


@pytest.mark.parametrize("name, f, df, kinks", PAIRS, ids=[p[0] for p in PAIRS])
@pytest.mark.parametrize("seed", range(3))
def test_derivative_matches_central_differences(name, f, df, kinks, seed):
    z = away_from(3 * np.random.default_rng(seed).standard_normal((7, 5)), kinks)
    h = 1e-6
    numerical = (f(z + h) - f(z - h)) / (
        2 * h
    )  # elementwise functions: one pass perturbs every entry
    err = rel_error(df(z), numerical)
    assert err < 1e-6, f"{name}' at shape {z.shape}: rel err {err:.2e}"


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-6, 6, 101)
    np.testing.assert_allclose(F.tanh(z), 2 * F.sigmoid(2 * z) - 1, atol=1e-15)


def test_softplus_derivative_is_sigmoid():
    z = np.linspace(-8, 8, 33)
    np.testing.assert_array_equal(F.softplus_grad(z), F.sigmoid(z))


def test_sigmoid_derivative_peaks_at_one_quarter_at_zero():
    z = np.linspace(-5, 5, 1001)
    d = F.sigmoid_grad(z)
    assert z[np.argmax(d)] == 0.0 and d.max() == 0.25


def test_hard_sigmoid_is_the_clipped_tangent_line_of_sigmoid_at_zero():
    z = np.linspace(-1.9, 1.9, 39)
    np.testing.assert_allclose(
        F.hard_sigmoid(z), F.sigmoid(0) + F.sigmoid_grad(0) * z, atol=1e-15
    )
    np.testing.assert_array_equal(F.hard_sigmoid([-5.0, 5.0]), [0.0, 1.0])


def test_hard_tanh_clips_to_minus_one_one():
    np.testing.assert_array_equal(
        F.hard_tanh([-3.0, -0.5, 0.0, 0.7, 9.0]), [-1.0, -0.5, 0.0, 0.7, 1.0]
    )


def test_step_relu_and_leaky_relu_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(F.step(z), [0.0, 1.0, 1.0])
    np.testing.assert_array_equal(F.relu(z), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(F.leaky_relu(z, slope=0.1), [-0.2, 0.0, 3.0])


def test_relu_derivative_at_zero_is_a_convention():
    assert F.relu_grad(0.0) == 0.0
    assert F.relu_grad(0.0, at_zero=1.0) == 1.0
    np.testing.assert_array_equal(F.relu_grad([-1.0, 2.0], at_zero=0.5), [0.0, 1.0])


def test_elu_is_continuous_and_saturates_at_minus_alpha():
    assert F.elu(0.0, alpha=2.0) == 0.0
    assert F.elu(-1000.0, alpha=2.0) == -2.0


def test_softmax_rows_sum_to_one_and_ignore_a_constant_shift():
    z = np.random.default_rng(0).standard_normal((4, 6))
    p = F.softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-15)
    np.testing.assert_allclose(F.softmax(z + 123.4), p, atol=1e-15)
    np.testing.assert_allclose(F.softmax(z.T, axis=0), p.T, atol=1e-15)


def test_log_softmax_and_logsumexp_agree_with_the_naive_formulas_on_small_inputs():
    z = np.random.default_rng(1).standard_normal((3, 5))
    np.testing.assert_allclose(
        F.log_softmax(z), np.log(np.exp(z) / np.exp(z).sum(1, keepdims=True))
    )
    np.testing.assert_allclose(F.logsumexp(z), np.log(np.exp(z).sum(axis=1)))
    assert F.logsumexp(z, axis=0, keepdims=True).shape == (1, 5)


@pytest.mark.parametrize("f", ALL, ids=lambda f: getattr(f, "__name__", "lambda"))
def test_inputs_of_plus_minus_1000_give_finite_values(f):
    z = np.array([[-1000.0, 1000.0, 0.0], [1000.0, 1000.0, -1000.0]])
    assert np.all(np.isfinite(f(z))), f"{f.__name__}(±1000) is not finite"


def test_exact_limits_at_plus_minus_1000():
    big = np.array([-1000.0, 1000.0])
    np.testing.assert_array_equal(F.sigmoid(big), [0.0, 1.0])
    np.testing.assert_array_equal(F.softplus(big), [0.0, 1000.0])
    np.testing.assert_array_equal(F.softmax(big), [0.0, 1.0])
    np.testing.assert_array_equal(F.log_softmax(big), [-2000.0, 0.0])
    assert F.logsumexp([1000.0, 1000.0]) == 1000.0 + np.log(2.0)


def test_gelu_and_silu_match_their_definitions():
    """Oracles: Φ(z) = ½ erfc(−z/√2) from the C library's ``math.erfc`` (independent of
    scipy's ``ndtr``), z·σ(z) by the naive formula, and the minimum of SiLU where its
    derivative σ(z)(1 + z(1 − σ(z))) vanishes (brentq)."""
    import math

    from scipy.optimize import brentq

    z = np.linspace(-8, 8, 161)
    cdf = np.array([0.5 * math.erfc(-v / math.sqrt(2)) for v in z])
    # two erfc implementations: they differ by a few units in the last place
    np.testing.assert_allclose(F.gelu(z), z * cdf, rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(F.silu(z), z / (1 + np.exp(-z)), rtol=1e-14)
    z_min = brentq(F.silu_grad, -3.0, -0.5)
    assert abs(z_min + 1.2785) < 1e-4 and abs(F.silu(z_min) + 0.2785) < 1e-4
