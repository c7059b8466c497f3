"""Information theory. Oracle: the worked example of the syllabus (seed 000:
P = (0.4, 0.3, 0.2, 0.1), Q = (0.3, 0.3, 0.3, 0.1), values in bits to 4 decimals), the
identity H(q, p) = H(q) + D_KL(q‖p), Gibbs' inequality D_KL ≥ 0, and closed forms with
powers of two."""

import numpy as np
import pytest

from mlp_lib.info import cross_entropy, entropy, kl_divergence, self_information

P = [0.4, 0.3, 0.2, 0.1]
Q = [0.3, 0.3, 0.3, 0.1]


def random_distribution(rng, k=6):
    return rng.dirichlet(np.ones(k))


def test_syllabus_example_in_bits():
    np.testing.assert_array_equal(
        np.round(self_information(P), 4), [1.3219, 1.7370, 2.3219, 3.3219]
    )
    assert round(entropy(P), 4) == 1.8464
    assert round(cross_entropy(Q, P), 4) == 1.9464
    assert round(entropy(Q), 4) == 1.8955
    assert round(kl_divergence(Q, P), 4) == 0.0510


def test_closed_forms():
    assert self_information(0.5) == 1.0
    assert self_information(1.0) == 0.0
    assert entropy([0.25] * 4) == 2.0
    assert entropy([1.0, 0.0]) == 0.0  # 0 log 0 = 0


@pytest.mark.parametrize("seed", range(5))
def test_cross_entropy_is_entropy_plus_kl(seed):
    rng = np.random.default_rng(seed)
    q, p = random_distribution(rng), random_distribution(rng)
    assert cross_entropy(q, p) == pytest.approx(
        entropy(q) + kl_divergence(q, p), rel=1e-12
    )


@pytest.mark.parametrize("seed", range(5))
def test_kl_is_nonnegative_and_zero_on_itself(seed):
    rng = np.random.default_rng(seed)
    q, p = random_distribution(rng), random_distribution(rng)
    assert kl_divergence(q, p) > 0
    assert kl_divergence(q, q) == 0.0
    assert cross_entropy(q, q) == pytest.approx(entropy(q), rel=1e-12)


def test_kl_is_asymmetric():
    assert kl_divergence(Q, P) == pytest.approx(0.0510, abs=5e-5)
    # D_KL(P‖Q): the terms with p_i = q_i vanish
    assert kl_divergence(P, Q) == pytest.approx(
        0.4 * np.log2(4 / 3) + 0.2 * np.log2(2 / 3), rel=1e-12
    )


def test_bits_to_nats_ratio_is_ln2():
    rng = np.random.default_rng(0)
    q, p = random_distribution(rng), random_distribution(rng)
    for f, args in (
        (entropy, (q,)),
        (cross_entropy, (q, p)),
        (kl_divergence, (q, p)),
        (self_information, (0.3,)),
    ):
        assert f(*args, base=np.e) / f(*args, base=2) == pytest.approx(
            np.log(2), rel=1e-12
        )


def test_zero_probability_conventions():
    assert self_information(0.0) == np.inf
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    # an outcome q never produces costs nothing, even where p is 0
    assert kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == 1.0


@pytest.mark.parametrize("f", [cross_entropy, kl_divergence])
def test_two_argument_validation(f):
    with pytest.raises(ValueError, match="q has 2 outcomes but p has 3"):
        f([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="q has negative"):
        f([1.5, -0.5], [0.5, 0.5])
    with pytest.raises(ValueError, match="p must sum to 1"):
        f([0.5, 0.5], [0.5, 0.6])
    with pytest.raises(ValueError, match="p contains NaN"):
        f([0.5, 0.5], [np.nan, 0.5])


def test_entropy_validation():
    with pytest.raises(ValueError, match="p must sum to 1"):
        entropy([0.2, 0.2])
    with pytest.raises(ValueError, match="p has negative"):
        entropy([1.1, -0.1])
    with pytest.raises(ValueError, match="1-D"):
        entropy([[0.5, 0.5]])
    with pytest.raises(ValueError, match="base"):
        entropy(P, base=1)
    entropy([0.1] * 10)  # sums to 1 only up to rounding: accepted


@pytest.mark.parametrize("p", [-0.1, 1.5, [0.5, 2.0], np.nan])
def test_self_information_validation(p):
    with pytest.raises(ValueError, match=r"p must be probabilities in \[0, 1\]"):
        self_information(p)
