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


@pytest.mark.parametrize("shape", [(6, 6), (8, 3), (3, 8)])
def test_orthogonal_has_orthonormal_columns_or_rows_times_the_gain(shape):
    # oracle: WᵀW = g²I when n_in ≥ n_out (orthonormal columns), WWᵀ = g²I otherwise
    n_in, n_out = shape
    W = init.orthogonal(n_in, n_out, np.random.default_rng(4), gain=1.5)
    assert W.shape == shape
    gram = W.T @ W if n_in >= n_out else W @ W.T
    np.testing.assert_allclose(gram, 1.5**2 * np.eye(min(shape)), atol=1e-12)
    np.testing.assert_allclose(np.linalg.svd(W, compute_uv=False), 1.5, rtol=1e-12)


def test_orthogonal_is_uniform_over_rotations_thanks_to_the_sign_correction():
    # oracle: for a uniformly (Haar) distributed orthogonal 3 × 3 matrix every entry has
    # mean 0 and second moment 1/3; without the sign correction numpy's QR gives
    # W[0, 0] a mean of about ∓0.5 (its R has a fixed sign on the diagonal)
    rng = np.random.default_rng(5)
    W = np.array([init.orthogonal(3, 3, rng) for _ in range(4000)])
    assert np.abs(W.mean(axis=0)).max() < 0.05, W.mean(axis=0)
    np.testing.assert_allclose((W**2).mean(axis=0), 1 / 3, atol=0.03)
    assert init.get("orthogonal") is init.orthogonal


def test_orthogonal_rejects_a_non_positive_gain():
    with pytest.raises(ValueError, match="gain must be positive"):
        init.orthogonal(3, 3, np.random.default_rng(0), gain=0.0)
