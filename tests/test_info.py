"""Information theory. Oracle: the worked example of the syllabus (seed 000:
P = (0.4, 0.3, 0.2, 0.1), Q = (0.3, 0.3, 0.3, 0.1), values in bits to 4 decimals), the
identity H(q, p) = H(q) + D_KL(q‖p), Gibbs' inequality D_KL ≥ 0, and closed forms with
powers of two."""

import numpy as np
import pytest

from mlp_lib.info import (
    conditional_entropy,
    cross_entropy,
    entropy,
    joint_entropy,
    kl_divergence,
    mutual_information,
    perplexity,
    self_information,
)

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


# Two variables. Oracle: closed forms (independent and copied variables), the chain
# rule H(X, Y) = H(X) + H(Y | X), and scikit-learn's mutual_info_score (nats, from a
# contingency table of counts).


def random_joint(rng, shape=(3, 4)):
    return rng.dirichlet(np.ones(shape[0] * shape[1])).reshape(shape)


@pytest.mark.parametrize("seed", range(5))
def test_chain_rule_and_mutual_information_identities(seed):
    pxy = random_joint(np.random.default_rng(seed))
    px, py = pxy.sum(axis=1), pxy.sum(axis=0)
    assert joint_entropy(pxy) == pytest.approx(
        entropy(px) + conditional_entropy(pxy), rel=1e-12
    )
    mi = mutual_information(pxy)
    assert mi == pytest.approx(entropy(py) - conditional_entropy(pxy), rel=1e-10)
    assert mi == pytest.approx(
        kl_divergence(pxy.ravel(), np.outer(px, py).ravel()), rel=1e-12
    )
    # symmetric: I(X; Y) = I(Y; X)
    assert mi == pytest.approx(mutual_information(pxy.T), rel=1e-12)
    assert mi > 0


@pytest.mark.parametrize("seed", range(3))
def test_mutual_information_matches_sklearn(seed):
    from sklearn.metrics import mutual_info_score

    counts = np.random.default_rng(seed).integers(0, 20, size=(4, 3))
    counts[0, 0] = 0  # an empty cell: 0 log 0 = 0
    expected = mutual_info_score(None, None, contingency=counts)
    assert mutual_information(counts / counts.sum(), base=np.e) == pytest.approx(
        expected, rel=1e-10
    )


def test_two_variable_closed_forms():
    independent = np.outer([0.5, 0.5], [0.25, 0.25, 0.25, 0.25])
    assert joint_entropy(independent) == pytest.approx(3.0, rel=1e-12)
    assert conditional_entropy(independent) == pytest.approx(2.0, rel=1e-12)
    assert mutual_information(independent) == pytest.approx(0.0, abs=1e-15)
    copied = np.diag([0.25] * 4)  # Y = X, uniform over 4 values
    assert conditional_entropy(copied) == 0.0
    assert mutual_information(copied) == pytest.approx(2.0, rel=1e-12)
    assert mutual_information(copied, base=np.e) == pytest.approx(np.log(4), rel=1e-12)


def test_perplexity_closed_forms():
    assert perplexity(np.full(7, 1 / 7)) == pytest.approx(7.0, rel=1e-12)
    assert perplexity([1.0, 0.0]) == 1.0
    assert perplexity(P) == pytest.approx(2 ** entropy(P), rel=1e-12)


@pytest.mark.parametrize("f", [joint_entropy, conditional_entropy, mutual_information])
def test_joint_table_validation(f):
    with pytest.raises(ValueError, match="2-D joint probability table"):
        f([0.5, 0.5])
    with pytest.raises(ValueError, match="sum to 1"):
        f([[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(ValueError, match="negative"):
        f([[1.5, -0.5], [0.0, 0.0]])
    with pytest.raises(ValueError, match="base"):
        f([[0.5, 0.5]], base=1)
