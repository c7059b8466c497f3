"""Information theory for discrete distributions (chapter 8): self-information, entropy,
cross-entropy and KL divergence; for a joint table of two variables, joint and
conditional entropy and mutual information; perplexity.

Distributions are 1-D arrays of probabilities summing to 1. ``base=2`` gives bits,
``base=np.e`` nats. Conventions: 0 log 0 = 0 (an impossible outcome contributes
nothing); where q_i > 0 but p_i = 0, cross-entropy and KL divergence are +inf (p calls
impossible what q says happens).
"""

import numpy as np


def _log_base(base):
    if not (base > 0 and base != 1):
        raise ValueError(f"base must be positive and not 1, got {base!r}")
    return np.log(base)


def _distribution(p, name):
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 1 or p.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D array of probabilities, "
            f"got shape {p.shape}"
        )
    if np.isnan(p).any():
        raise ValueError(f"{name} contains NaN")
    if (p < 0).any():
        raise ValueError(f"{name} has negative probabilities: {p[p < 0]}")
    if not np.isclose(p.sum(), 1.0, rtol=0.0, atol=1e-8):
        raise ValueError(f"{name} must sum to 1, but sums to {p.sum():.10g}")
    return p


def _two_distributions(q, p):
    q, p = _distribution(q, "q"), _distribution(p, "p")
    if q.size != p.size:
        raise ValueError(f"q has {q.size} outcomes but p has {p.size}")
    return q, p


def _log_ratio(a, b):
    """ln(a / b) elementwise, +inf where b = 0 (without a divide-by-zero warning)."""
    return np.log(np.divide(a, b, out=np.full(np.shape(b), np.inf), where=b > 0))


def _expected_log_ratio(q, a, b, log_base):
    """Σ_i q_i log(a_i / b_i) over the outcomes with q_i > 0, so that 0 log 0 = 0."""
    s = q > 0
    return float(np.sum(q[s] * _log_ratio(a[s], b[s])) / log_base)


def self_information(p, base=2):
    """Surprise of an outcome of probability p: I(p) = −log p (elementwise;
    I(0) = inf)."""
    log_base = _log_base(base)
    arr = np.asarray(p, dtype=np.float64)
    if np.isnan(arr).any() or (arr < 0).any() or (arr > 1).any():
        raise ValueError(f"p must be probabilities in [0, 1], got {p!r}")
    info = _log_ratio(1.0, arr) / log_base
    return float(info) if info.ndim == 0 else info


def entropy(p, base=2):
    """Entropy H(p) = −Σ p_i log p_i: the average self-information of an outcome drawn
    from p."""
    log_base = _log_base(base)
    p = _distribution(p, "p")
    return _expected_log_ratio(p, np.ones_like(p), p, log_base)


def cross_entropy(q, p, base=2):
    """Cross-entropy H(q, p) = −Σ q_i log p_i: average surprise under p of outcomes
    drawn from q."""
    log_base = _log_base(base)
    q, p = _two_distributions(q, p)
    return _expected_log_ratio(q, np.ones_like(p), p, log_base)


def kl_divergence(q, p, base=2):
    """KL divergence D_KL(q‖p) = Σ q_i log(q_i / p_i) ≥ 0, zero only when q = p; not
    symmetric."""
    log_base = _log_base(base)
    q, p = _two_distributions(q, p)
    return _expected_log_ratio(q, q, p, log_base)


# Two variables: a joint probability table p[i, j] = P(X = x_i, Y = y_j).


def _joint(pxy):
    pxy = np.asarray(pxy, dtype=np.float64)
    if pxy.ndim != 2 or pxy.size == 0:
        raise ValueError(
            "pxy must be a non-empty 2-D joint probability table "
            f"p[i, j] = P(X = x_i, Y = y_j), got shape {pxy.shape}"
        )
    _distribution(pxy.ravel(), "pxy")
    return pxy


def joint_entropy(pxy, base=2):
    """Joint entropy H(X, Y) = −Σ_ij p_ij log p_ij of a joint table pxy (rows X,
    columns Y)."""
    return entropy(_joint(pxy).ravel(), base)


def conditional_entropy(pxy, base=2):
    """Conditional entropy H(Y | X) = −Σ_ij p_ij log p(y_j | x_i) of a joint table pxy
    (rows X, columns Y): the average entropy of Y once X is known."""
    log_base = _log_base(base)
    pxy = _joint(pxy)
    px = np.broadcast_to(pxy.sum(axis=1, keepdims=True), pxy.shape)
    # p(y | x) = p(x, y) / p(x); log(p(x) / p(x, y)) = −log p(y | x)
    return _expected_log_ratio(pxy.ravel(), px.ravel(), pxy.ravel(), log_base)


def mutual_information(pxy, base=2):
    """Mutual information I(X; Y) = D_KL(p(x, y) ‖ p(x) p(y)) = H(Y) − H(Y | X) ≥ 0 of
    a joint table pxy (rows X, columns Y); 0 only when X and Y are independent."""
    log_base = _log_base(base)
    pxy = _joint(pxy)
    independent = np.outer(pxy.sum(axis=1), pxy.sum(axis=0))
    # max: rounding can leave −1e-17 for independent variables
    return max(
        0.0,
        _expected_log_ratio(pxy.ravel(), pxy.ravel(), independent.ravel(), log_base),
    )


def perplexity(p):
    """Perplexity 2^H(p) (bits) = e^H(p) (nats): the number of equally likely outcomes
    that would be as uncertain as p; k for the uniform distribution over k outcomes."""
    return float(np.exp(entropy(p, base=np.e)))
