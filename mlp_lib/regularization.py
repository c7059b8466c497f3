"""Explicit weight penalties (L2, L1) and classic dropout (chapter 12, Regularization).

A penalty R(w) is added to the data loss L, so the gradient of L + R is ∂L/∂w + ∂R/∂w.
The functions below return R and ADD ∂R/∂w into each parameter's ``.grad``: call them
after ``backward`` and before ``optimizer.step()``. By convention only the weight
matrices are penalised (``weights(model)``), not the biases: a bias shifts a unit and
does not scale its input, so shrinking it does not make the function smoother.

    L2: R = ½λ Σ w²,  ∂R/∂w = λw        (what the optimizers' ``weight_decay=λ`` adds)
    L1: R = λ Σ |w|,  ∂R/∂w = λ sgn(w)  (a subgradient; 0 is used at w = 0)

or, for L1, after the data step u = w − η ∂L/∂w the proximal step
w ← sgn(u)·max(|u| − ηλ, 0) (``soft_threshold``, ``ProximalL1``): exact zeros.
"""

import numpy as np

from .layers import Dropout, Linear


def weights(model):
    """The weight matrices ``W`` of every ``Linear`` in ``model`` (biases excluded)."""
    return [m.W for m in model.modules() if isinstance(m, Linear)]


def _check_lam(lam):
    if not lam >= 0:
        raise ValueError(f"lam (the penalty strength λ) must be >= 0, got {lam!r}")


def l2_penalty(params, lam):
    """R = ½λ Σ‖w‖² over ``params`` (a list of Parameters): adds λw to each ``.grad``
    and returns R."""
    _check_lam(lam)
    total = 0.0
    for p in params:
        total += 0.5 * lam * float(np.sum(p.value**2))
        p.grad += lam * p.value
    return total


def l1_penalty(params, lam):
    """R = λ Σ‖w‖₁ over ``params`` (a list of Parameters): adds λ·sgn(w) to each
    ``.grad`` and returns R."""
    _check_lam(lam)
    total = 0.0
    for p in params:
        total += lam * float(np.sum(np.abs(p.value)))
        p.grad += lam * np.sign(p.value)
    return total


class Penalized:
    """An optimizer that adds penalties to the gradient before each step, for use with
    ``train.fit``.

    ``Penalized(SGD(model.parameters(), lr=0.1), weights(model), l1=1e-3)``: each
    ``step()`` first calls ``l1_penalty``/``l2_penalty`` on ``params`` (which adds their
    gradients), then the wrapped optimizer's ``step()``. ``last_penalty``: the penalty
    value R at the last step (fit's reported loss is the data loss only).
    """

    def __init__(self, optimizer, params, l1=0.0, l2=0.0):
        _check_lam(l1)
        _check_lam(l2)
        self.optimizer, self.params, self.l1, self.l2 = optimizer, list(params), l1, l2
        self.last_penalty = 0.0

    def zero_grad(self):
        self.optimizer.zero_grad()

    def step(self):
        self.last_penalty = 0.0
        if self.l1:
            self.last_penalty += l1_penalty(self.params, self.l1)
        if self.l2:
            self.last_penalty += l2_penalty(self.params, self.l2)
        self.optimizer.step()


def soft_threshold(u, threshold):
    """The proximal step of the L1 penalty, elementwise: sgn(u)·max(|u| − t, 0), the
    minimizer of ½(w − u)² + t|w|. ``u``: array of any shape; ``threshold`` t ≥ 0 (ηλ
    after a gradient step with learning rate η). Entries with |u| ≤ t become exactly 0.
    """
    if not threshold >= 0:
        raise ValueError(f"threshold must be >= 0, got {threshold!r}")
    u = np.asarray(u, dtype=float)
    return np.sign(u) * np.maximum(np.abs(u) - threshold, 0.0)


class ProximalL1:
    """An optimizer that handles the L1 penalty λ‖w‖₁ by a proximal step, for use with
    ``train.fit``.

    ``ProximalL1(SGD(model.parameters(), lr=0.1), weights(model), l1=1e-3)``: each
    ``step()`` first runs the wrapped optimizer's step on the data gradient alone, then
    replaces every w in ``params`` by ``soft_threshold(w, lr·λ)``, which sets small
    weights exactly to 0 instead of making them jitter around 0 as ``l1_penalty`` does.
    With plain SGD this is proximal gradient descent; after a momentum or adaptive step
    it is a heuristic (the threshold stays lr·λ), which still gives exact zeros.
    """

    def __init__(self, optimizer, params, l1):
        _check_lam(l1)
        if not hasattr(optimizer, "lr"):
            raise TypeError(
                "optimizer must have a learning rate lr, such as SGD(params, lr=0.1), "
                f"got {type(optimizer).__name__}"
            )
        self.optimizer, self.params, self.l1 = optimizer, list(params), l1

    def zero_grad(self):
        self.optimizer.zero_grad()

    def step(self):
        self.optimizer.step()
        for p in self.params:
            p.value[...] = soft_threshold(p.value, self.optimizer.lr * self.l1)


class ClassicDropout(Dropout):
    """Classic (non-inverted) dropout: in training multiply by a 0/1 mask (keep with
    probability 1 − p), no rescaling; in eval multiply by (1 − p), the expected value
    of the mask.

    That is (1 − p) times inverted dropout (``mlp_lib.layers.Dropout``) in both modes,
    so it reuses its masks: the same seed gives the same masks. Scaling this layer's
    output by (1 − p) in eval equals scaling the next Linear layer's weights by (1 − p),
    the rule of the original dropout paper.
    """

    def forward(self, x):
        # train: x·mask/(1 − p)·(1 − p) = x·mask; eval: (1 − p)x
        return (1 - self.p) * super().forward(x)

    def backward(self, grad_out):
        return (1 - self.p) * super().backward(grad_out)

    def __repr__(self):
        return f"ClassicDropout(p={self.p})"
