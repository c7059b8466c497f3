"""Toy and bundled data sets: each returns X, float64 (n, d), and integer labels y (n,).

Randomness comes only from ``rng``: a ``np.random.Generator``, an int seed, or None for
fresh entropy. Nothing is downloaded: the real data sets are the ones that ship inside
scikit-learn.
"""

import numpy as np

# Truth tables of two-input logic gates, rows ordered (0,0), (0,1), (1,0), (1,1).
GATES = {
    "and": [0, 0, 0, 1],
    "or": [0, 1, 1, 1],
    "nand": [1, 1, 1, 0],
    "xor": [0, 1, 1, 0],
}
# scikit-learn loader names; sklearn is imported only when needed: it is slow to import.
LOADERS = {
    "breast_cancer": "load_breast_cancer",
    "digits": "load_digits",
    "iris": "load_iris",
    "wine": "load_wine",
}


def _check(n, noise=0.0):
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(
            f"n (the number of points) must be a positive integer, got {n!r}"
        )
    if not noise >= 0:
        raise ValueError(f"noise (a standard deviation) must be ≥ 0, got {noise!r}")


def make_linear(n=100, rng=None):
    """n points uniform in the unit square, label 1 above the diagonal (x₁ < x₂) else 0,
    as in the lab."""
    _check(n)
    X = np.random.default_rng(rng).random((n, 2))
    return X, (X[:, 0] < X[:, 1]).astype(int)


def truth_table(gate):
    """The 4 input pairs (4, 2) of a logic gate ("and", "or", "nand", "xor") and its
    outputs (4,)."""
    if gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}; choose one of {', '.join(GATES)}")
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array(GATES[gate])


def make_xor(steps=10):
    """The lab's XOR set: (i/steps, i/steps) label 0 and (i/steps, 1 − i/steps) label 1,
    i = 0..steps.

    The centre (0.5, 0.5) lies on both diagonals and is kept once, with label 0: 21
    points for steps=10.
    """
    _check(steps)
    t = np.arange(steps + 1) / steps
    anti = ~np.isclose(t, 1 - t)  # drop the second copy of the centre
    X = np.concatenate(
        [np.column_stack([t, t]), np.column_stack([t[anti], 1 - t[anti]])]
    )
    return X, np.repeat([0, 1], [len(t), anti.sum()])


def make_spirals(n=200, noise=0.05, rng=None):
    """Two interleaved spirals of 1.5 turns in [−1, 1]², labels alternating
    0, 1, 0, ...; Gaussian noise of std ``noise`` is added to the points."""
    _check(n, noise)
    rng = np.random.default_rng(rng)
    y = np.arange(n) % 2
    # the square root spreads points evenly along the arms
    t = 3 * np.pi * np.sqrt(rng.random(n))
    radius = t / (3 * np.pi)
    angle = t + np.pi * y  # the second spiral is the first turned by half a turn
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), y


def make_moons(n=200, noise=0.1, rng=None):
    """scikit-learn's two half-moons (n points, Gaussian noise of std ``noise``), seeded
    from ``rng``."""
    _check(n, noise)
    from sklearn import datasets

    seed = int(np.random.default_rng(rng).integers(2**31))
    X, y = datasets.make_moons(n, noise=noise, random_state=seed)
    return X.astype(np.float64), y.astype(int)


def load(name):
    """A data set bundled with scikit-learn: "breast_cancer", "digits", "iris" or "wine"
    (no network)."""
    if name not in LOADERS:
        raise ValueError(
            f"unknown data set {name!r}; choose one of {', '.join(LOADERS)}"
        )
    from sklearn import datasets

    X, y = getattr(datasets, LOADERS[name])(return_X_y=True)
    return X.astype(np.float64), y.astype(int)
