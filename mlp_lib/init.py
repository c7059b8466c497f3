"""Weight initializers ``f(n_in, n_out, rng) -> W`` of shape (n_in, n_out), float64.

``rng`` is a ``np.random.Generator``. Xavier keeps Var(z) ≈ Var(x) for tanh-like units
(variance 2/(n_in + n_out)); He doubles it for ReLU, which zeroes half its inputs
(variance 2/n_in). Orthogonal keeps the norm of every vector (times a gain).
"""

import numpy as np


def zeros(n_in, n_out, rng):
    """All zeros (``rng`` unused): every unit of a layer then computes the same thing
    (the symmetry problem)."""
    return np.zeros((n_in, n_out))


def normal(n_in, n_out, rng, std=0.01):
    """Independent N(0, std²) entries; ``functools.partial(normal, std=...)`` changes
    the scale."""
    return std * rng.standard_normal((n_in, n_out))


def uniform(n_in, n_out, rng, bound=0.05):
    """Independent U(−bound, bound) entries, variance bound²/3."""
    return rng.uniform(-bound, bound, size=(n_in, n_out))


def xavier_uniform(n_in, n_out, rng):
    """Glorot/Xavier: U(−b, b) with b = √(6 / (n_in + n_out)), so the variance is
    2/(n_in + n_out)."""
    return uniform(n_in, n_out, rng, bound=np.sqrt(6.0 / (n_in + n_out)))


def xavier_normal(n_in, n_out, rng):
    """Glorot/Xavier: N(0, 2/(n_in + n_out))."""
    return normal(n_in, n_out, rng, std=np.sqrt(2.0 / (n_in + n_out)))


def he_uniform(n_in, n_out, rng):
    """He/Kaiming: U(−b, b) with b = √(6 / n_in), so the variance is 2/n_in."""
    return uniform(n_in, n_out, rng, bound=np.sqrt(6.0 / n_in))


def he_normal(n_in, n_out, rng):
    """He/Kaiming: N(0, 2/n_in)."""
    return normal(n_in, n_out, rng, std=np.sqrt(2.0 / n_in))


def orthogonal(n_in, n_out, rng, gain=1.0):
    """Orthogonal (Saxe et al., 2014): gain times a random matrix with orthonormal
    columns (n_in ≥ n_out: WᵀW = gain²·I) or rows (n_in < n_out: WWᵀ = gain²·I), from
    the QR decomposition of a Gaussian matrix with the signs of R's diagonal moved into
    Q, which makes Q uniformly distributed. ``functools.partial(orthogonal, gain=g)``.
    """
    if not gain > 0:
        raise ValueError(f"gain must be positive, got {gain!r}")
    Q, R = np.linalg.qr(rng.standard_normal((max(n_in, n_out), min(n_in, n_out))))
    Q *= np.sign(np.diag(R))  # without this, Q is biased by the QR sign convention
    return gain * (Q if n_in >= n_out else Q.T)


INITIALIZERS = {
    f.__name__: f
    for f in (
        zeros,
        normal,
        uniform,
        xavier_uniform,
        xavier_normal,
        he_uniform,
        he_normal,
        orthogonal,
    )
}


def get(init):
    """The initializer called ``init`` (a name in ``INITIALIZERS``), or ``init`` itself
    if callable."""
    if callable(init):
        return init
    if init not in INITIALIZERS:
        raise ValueError(
            f"unknown initializer {init!r}; valid names: {', '.join(INITIALIZERS)}"
        )
    return INITIALIZERS[init]
