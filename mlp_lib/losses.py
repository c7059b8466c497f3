"""Loss functions: ``loss(pred, target)`` returns a float, then ``loss.backward()``
returns ∂L/∂pred.

pred is an (N, k) batch. Reductions: ``SSE`` sums over everything; ``MSE`` and ``L1``
average over all N·k entries; the cross-entropies sum over the k outputs of a sample and
average over the N samples.
"""

import numpy as np

from . import functional as F
from .module import as_batch


class Loss:
    """Base class: ``loss(pred, target)`` calls ``forward``, which caches what
    ``backward`` needs."""

    def __call__(self, pred, target):
        return self.forward(pred, target)

    def _inputs(self, pred, target):
        """pred and target as float (N, k) arrays, or an error naming both shapes."""
        name = type(self).__name__
        pred = as_batch(pred, "pred", layer=name)
        if np.shape(target) != pred.shape:
            raise ValueError(
                f"{name}: pred has shape {pred.shape} "
                f"but target has shape {np.shape(target)}"
            )
        # the target takes pred's dtype, so float32 training stays float32
        return pred, as_batch(target, "target", layer=name).astype(
            pred.dtype, copy=False
        )


class SSE(Loss):
    """Sum of squared errors L = ½ Σ_n Σ_j (ŷ_nj − y_nj)², summed (not averaged) over
    the batch.

    The ½ cancels in the gradient: ∂L/∂ŷ = ŷ − y.
    """

    def forward(self, pred, target):
        pred, target = self._inputs(pred, target)
        self.diff = pred - target
        return float(0.5 * np.sum(self.diff**2))

    def backward(self):
        return self.diff


class MSE(Loss):
    """Mean squared error L = mean over all N·k entries of (ŷ − y)²;
    ∂L/∂ŷ = 2(ŷ − y)/(N·k)."""

    def forward(self, pred, target):
        pred, target = self._inputs(pred, target)
        self.diff = pred - target
        return float(np.mean(self.diff**2))

    def backward(self):
        return 2.0 * self.diff / self.diff.size


class L1(Loss):
    """Mean absolute error L = mean over all N·k entries of |ŷ − y| (PyTorch's L1Loss).

    The negative log-likelihood of Laplace noise, up to scale and a constant.
    ∂L/∂ŷ = sign(ŷ − y)/(N·k), with the subgradient 0 where ŷ = y.
    """

    def forward(self, pred, target):
        pred, target = self._inputs(pred, target)
        self.diff = pred - target
        return float(np.mean(np.abs(self.diff)))

    def backward(self):
        return np.sign(self.diff) / self.diff.size


class BCE(Loss):
    """L = −(1/N) Σ_n Σ_j [y log ŷ + (1 − y) log(1 − ŷ)] from probabilities ŷ ∈ [0, 1].

    ŷ is clipped to [eps, 1 − eps] (eps at least the dtype's machine epsilon) so that
    ŷ = 0 or 1 gives a finite loss; ∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)N).
    """

    def __init__(self, eps=1e-12):
        self.eps = eps

    def forward(self, pred, target):
        pred, self.y = self._inputs(pred, target)
        if pred.min() < 0 or pred.max() > 1:
            raise ValueError(
                f"BCE: pred must be probabilities in [0, 1], got values in "
                f"[{pred.min():.3g}, {pred.max():.3g}]; for logits use BCEWithLogits"
            )
        # in float32, 1 − 1e-12 rounds to 1: the clip needs the type's own epsilon
        eps = max(self.eps, float(np.finfo(pred.dtype).eps))
        self.p = np.clip(pred, eps, 1 - eps)
        y, p = self.y, self.p
        return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)) / len(p))

    def backward(self):
        return (self.p - self.y) / (self.p * (1 - self.p) * len(self.p))


class BCEWithLogits(Loss):
    """Binary cross-entropy of ŷ = σ(z) from logits z: L = (1/N) Σ [softplus(z) − y z].

    Equal to BCE(σ(z), y) but never takes log 0; ∂L/∂z = (σ(z) − y)/N.
    """

    def forward(self, pred, target):
        self.z, self.y = self._inputs(pred, target)
        return float(np.sum(F.softplus(self.z) - self.y * self.z) / len(self.z))

    def backward(self):
        return (F.sigmoid(self.z) - self.y) / len(self.z)


class SoftmaxCrossEntropy(Loss):
    """L = −(1/N) Σ_n Σ_c y_nc log p_nc with p = softmax(z) from logits z (N, C).

    target: integer labels (N,) in 0..C−1, or one-hot (or probability) rows (N, C).
    ∂L/∂z = (p − y)/N. With labels, y is never built: only p_n,label is read and
    changed. ``label_smoothing=ε`` in [0, 1) replaces y by (1 − ε)y + ε/C (Szegedy et
    al. 2016; PyTorch's convention), so ∂L/∂z = (p − y_smooth)/N.
    """

    def __init__(self, label_smoothing=0.0):
        if not isinstance(label_smoothing, (int, float, np.integer, np.floating)):
            raise TypeError(
                "SoftmaxCrossEntropy: label_smoothing must be a number in [0, 1), "
                f"got {type(label_smoothing).__name__}"
            )
        if not 0.0 <= label_smoothing < 1.0:
            raise ValueError(
                "SoftmaxCrossEntropy: label_smoothing must be in [0, 1), "
                f"got {label_smoothing!r}"
            )
        self.label_smoothing = float(label_smoothing)

    def forward(self, pred, target):
        if np.ndim(target) == 1:
            z = as_batch(pred, "pred", layer="SoftmaxCrossEntropy")
            self.labels, self.y = _class_indices(target, *z.shape), None
        else:
            z, self.y = self._inputs(pred, target)
        log_p = F.log_softmax(z, axis=1)
        self.p = np.exp(log_p)
        eps, n = self.label_smoothing, len(z)
        # the uniform part ε/C of the target costs −(ε/C) Σ_c log p_c per example
        uniform = -eps * log_p.mean(axis=1).sum() / n if eps else 0.0
        if self.y is None:
            hit = -log_p[np.arange(n), self.labels].sum() / n
        else:
            hit = -np.sum(self.y * log_p) / n
        return float((1 - eps) * hit + uniform)

    def backward(self):
        eps, n = self.label_smoothing, len(self.p)
        if self.y is not None:
            return (self.p - (1 - eps) * self.y - eps / self.p.shape[1]) / n
        grad = self.p - eps / self.p.shape[1]
        grad[np.arange(n), self.labels] -= 1.0 - eps
        return grad / n


def _class_indices(labels, n, n_classes):
    """(n,) class labels as integer indices, or an error naming the first bad label."""
    labels = np.asarray(labels)
    if len(labels) != n:
        raise ValueError(
            f"SoftmaxCrossEntropy: {len(labels)} labels for {n} rows of logits"
        )
    if n == 0:
        raise ValueError("SoftmaxCrossEntropy: an empty batch (0 rows) has no loss")
    if labels.dtype.kind == "b":
        labels = labels.astype(int)
    if labels.dtype.kind not in "iu":
        if labels.dtype.kind != "f":
            raise TypeError(
                "SoftmaxCrossEntropy: labels must be integers, "
                f"got dtype {labels.dtype}"
            )
        bad = labels[labels % 1 != 0]
        if bad.size:
            raise ValueError(_not_a_class(bad[0], n_classes))
        labels = labels.astype(int)
    if labels.min() < 0 or labels.max() >= n_classes:
        bad = labels[(labels < 0) | (labels >= n_classes)]
        raise ValueError(_not_a_class(bad[0], n_classes))
    return labels


def _not_a_class(label, n_classes):
    return (
        f"SoftmaxCrossEntropy: label {label} is not a class index 0..{n_classes - 1} "
        f"(pred has C = {n_classes} classes)"
    )
