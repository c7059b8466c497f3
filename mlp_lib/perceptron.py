"""Chapter 1: the McCulloch–Pitts unit, and Rosenblatt's perceptron with its learning
rule."""

import numpy as np

from .functional import step
from .module import as_batch


def mcculloch_pitts(x, weights, threshold):
    """McCulloch–Pitts unit: 1 if Σ wᵢxᵢ ≥ threshold else 0, for binary x (d,) or for
    each row of x (n, d).

    Fixed weights, nothing is learned: AND = (weights [1, 1], threshold 2),
    OR = ([1, 1], 1), NOT = ([-1], 0). Returns an int (one input) or an int array (n,).
    """
    x = np.asarray(x)
    if not np.isin(x, (0, 1)).all():
        raise ValueError(
            f"McCulloch–Pitts inputs are binary (0 or 1), got {x.tolist()}"
        )
    fires = (x @ np.asarray(weights, dtype=np.float64) >= threshold).astype(int)
    return int(fires) if fires.ndim == 0 else fires


class Perceptron:
    """Step neuron ŷ = step(x·w + b), trained by the perceptron rule; w (d,) and b (a
    float) both start at 0.

    ``rng`` (Generator, int seed or None): if given, the samples are visited in a new
    random order each epoch; None keeps the data's order, so a run is fully determined
    by the data.
    """

    def __init__(self, n_features, lr=1.0, rng=None):
        if lr <= 0:
            raise ValueError(f"the learning rate lr must be positive, got {lr}")
        self.w = np.zeros(n_features)
        self.b = 0.0
        self.lr = lr
        self.rng = None if rng is None else np.random.default_rng(rng)

    def predict(self, X):
        """Class 0 or 1 for each row of X (n, d); returns an int array (n,)."""
        X = as_batch(X, "X", len(self.w), layer="Perceptron")
        return step(X @ self.w + self.b).astype(int)

    def update(self, x, y):
        """One step of the rule for one sample x (d,) with label y:
        w += lr (y − ŷ) x, b += lr (y − ŷ).

        Returns the error y − ŷ (0 when x was already classified correctly, then nothing
        changes).
        """
        x = np.asarray(x, dtype=np.float64)
        error = y - self.predict(x[None, :])[0]
        self.w += self.lr * error * x
        self.b += self.lr * error
        return error

    def fit(self, X, y, epochs=100):
        """Apply the rule sample by sample (an online rule) for up to ``epochs`` passes.

        Returns the number of misclassified samples in each epoch; stops after the first
        epoch without errors, which happens for linearly separable data (perceptron
        convergence theorem).
        """
        X = as_batch(X, "X", len(self.w), layer="Perceptron")
        y = np.asarray(y)
        if y.shape != (len(X),) or not np.isin(y, (0, 1)).all():
            raise ValueError(
                f"y must hold one label 0 or 1 per row of X ({len(X)}), "
                f"got {y.tolist()}"
            )
        errors = []
        for _ in range(epochs):
            order = (
                np.arange(len(X)) if self.rng is None else self.rng.permutation(len(X))
            )
            errors.append(int(sum(self.update(X[i], y[i]) != 0 for i in order)))
            if errors[-1] == 0:
                break
        return errors
