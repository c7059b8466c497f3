"""Weight initializers. Oracle: statistics of a large seeded matrix (400 × 600 = 240,000
entries) against the formulas: variance 2/(n_in + n_out) for Xavier, 2/n_in for He,
within 3%; bounds of the uniform variants; mean within 4 standard errors of 0; exact
zeros."""

import functools

import numpy as np
import pytest

from mlp_lib import init

N_IN, N_OUT = 400, 600

EXPECTED_VARIANCE = {
    "xavier_uniform": 2 / (N_IN + N_OUT),
    "xavier_normal": 2 / (N_IN + N_OUT),
    "he_uniform": 2 / N_IN,
    "he_normal": 2 / N_IN,
    "normal": 0.01**2,
    "uniform": 0.05**2 / 3,
}


@pytest.mark.parametrize("name", EXPECTED_VARIANCE)
def test_empirical_variance_matches_the_formula(name):
    W = init.get(name)(N_IN, N_OUT, np.random.default_rng(0))
    assert W.shape == (N_IN, N_OUT) and W.dtype == np.float64
    expected = EXPECTED_VARIANCE[name]
    assert abs(W.var() / expected - 1) < 0.03, (
        f"{name}: variance {W.var():.3e}, formula {expected:.3e}"
    )
    assert abs(W.mean()) < 4 * np.sqrt(expected / W.size), (
        f"{name}: mean {W.mean():.2e}"
    )


BOUNDS = {
    "xavier_uniform": np.sqrt(6 / (N_IN + N_OUT)),
    "he_uniform": np.sqrt(6 / N_IN),
}


@pytest.mark.parametrize("name, bound", BOUNDS.items())
def test_uniform_variants_stay_inside_their_bound(name, bound):
    W = init.get(name)(N_IN, N_OUT, np.random.default_rng(1))
    assert np.abs(W).max() <= bound
    assert np.abs(W).max() > 0.99 * bound  # and fill it


def test_zeros_and_a_custom_scale():
    np.testing.assert_array_equal(init.zeros(3, 2, None), np.zeros((3, 2)))
    W = functools.partial(init.normal, std=2.0)(N_IN, N_OUT, np.random.default_rng(2))
    assert abs(W.std() / 2.0 - 1) < 0.01


def test_same_seed_same_weights():
    a = init.he_normal(5, 4, np.random.default_rng(3))
    np.testing.assert_array_equal(a, init.he_normal(5, 4, np.random.default_rng(3)))


def test_get_accepts_names_and_functions_and_lists_valid_names():
    assert init.get("he_normal") is init.he_normal
    assert init.get(init.zeros) is init.zeros
    with pytest.raises(
        ValueError,
        match="unknown initializer 'kaiming'; valid names: zeros, normal.*he",
    ):
        init.get("kaiming")
