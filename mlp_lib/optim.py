"""Optimizers: update rules applied to a list of Parameters after each backward pass.

Notation: η learning rate, g = ∂L/∂w the gradient, λ weight decay. Weight decay is L2
coupled to the gradient, as in PyTorch: g ← g + λw before the update, so a plain SGD
step is w ← (1 − ηλ)w − η ∂L/∂w. Usage: ``opt = Adam(model.parameters())``; per batch
``opt.zero_grad()``, backward, ``opt.step()``.
"""

import numbers

import numpy as np

from .module import Module, Parameter


def _check_fraction(name, value):
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")


def _parameter_list(params):
    """``params`` as a non-empty list of Parameters, or a TypeError/ValueError that says
    what was passed instead."""
    if isinstance(params, Module):
        raise TypeError("pass model.parameters(), not the model itself")
    if isinstance(params, Parameter):
        raise TypeError("params must be a list of Parameters: wrap a single one as [p]")
    try:
        params = list(params)
    except TypeError:
        raise TypeError(
            f"params must be a list of Parameters, got {type(params).__name__}"
        ) from None
    for p in params:
        if not isinstance(p, Parameter):
            raise TypeError(
                f"params must contain only Parameters, found {type(p).__name__}"
            )
    if not params:
        raise ValueError("params is empty: there is nothing to update")
    return params


def clip_grad_norm(params, max_norm):
    """Clip by global norm, as PyTorch's ``clip_grad_norm_``: ‖g‖ = √(Σ over all
    parameters of Σ g²); if ‖g‖ > c = ``max_norm``, every ``.grad`` is scaled in place
    by c/‖g‖ (the direction is kept). Returns ‖g‖ before clipping (a float).

    A non-finite ‖g‖ is returned unscaled, for the caller to detect.
    """
    params = _parameter_list(params)
    if not (isinstance(max_norm, numbers.Real) and 0 < max_norm < np.inf):
        raise ValueError(f"max_norm must be a positive number, got {max_norm!r}")
    norm = float(np.sqrt(sum(np.sum(p.grad * p.grad) for p in params)))
    if np.isfinite(norm) and norm > max_norm:
        for p in params:
            p.grad *= max_norm / norm
    return norm


class Optimizer:
    """Base class: validates ``params`` and ``lr``; a subclass's ``update(g, state)`` is
    its update rule, returning the step u that ``step()`` subtracts: w ← w − u.

    ``state[i]`` is a dict holding what the rule remembers about ``params[i]``
    (velocity, averages); the rules change its arrays in place, which saves a copy per
    step.
    """

    def __init__(self, params, lr, weight_decay=0.0):
        params = _parameter_list(params)
        if not lr > 0:
            raise ValueError(f"lr must be positive, got {lr!r}")
        if not weight_decay >= 0:
            raise ValueError(f"weight_decay must be >= 0, got {weight_decay!r}")
        self.params = params
        self.lr = lr
        self.weight_decay = weight_decay
        self.state = [{} for _ in params]

    def step(self):
        """Update every parameter in place from its current ``.grad``: w ← w − u(g)."""
        for p, state in zip(self.params, self.state):
            g = p.grad + self.weight_decay * p.value if self.weight_decay else p.grad
            p.value -= self.update(g, state)

    def zero_grad(self):
        """Reset the gradient of every parameter to zero."""
        for p in self.params:
            p.zero_grad()

    def update(self, g, state):
        """The step u for one parameter with gradient g (the rule; subclasses define
        it)."""
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, PyTorch convention: v = μv + g; w ← w − ηv
    (μ = 0: w ← w − ηg). Same trajectory as the form v = μv − ηg; w ← w + v of the
    lecture notes (that v is −η times this one).

    ``nesterov=True``: Nesterov momentum in PyTorch's form, v = μv + g;
    w ← w − η(g + μv), the look-ahead method written at the look-ahead point.
    """

    def __init__(self, params, lr, momentum=0.0, weight_decay=0.0, nesterov=False):
        super().__init__(params, lr, weight_decay)
        _check_fraction("momentum", momentum)
        if nesterov and not momentum:
            raise ValueError("nesterov=True needs a momentum > 0")
        self.momentum = momentum
        self.nesterov = nesterov

    def update(self, g, state):
        if not self.momentum:
            return self.lr * g
        if "v" not in state:
            state["v"] = np.zeros_like(g)
        v = state["v"]
        v *= self.momentum
        v += g
        if self.nesterov:
            return self.lr * (g + self.momentum * v)
        return self.lr * v


class Momentum(Optimizer):
    """Momentum as an exponential moving average: v = βv + (1 − β)g; w ← w − ηv.

    Equals ``SGD(lr=η(1 − β), momentum=β)``: its velocity is (1 − β) times SGD's.
    """

    def __init__(self, params, lr, beta=0.9, weight_decay=0.0):
        super().__init__(params, lr, weight_decay)
        _check_fraction("beta", beta)
        self.beta = beta

    def update(self, g, state):
        if "v" not in state:
            state["v"] = np.zeros_like(g)
        v = state["v"]
        v *= self.beta
        v += (1 - self.beta) * g
        return self.lr * v


class Adagrad(Optimizer):
    """Adagrad: G = G + g²; w ← w − η g / (√G + ε).

    Each weight's step shrinks as its squared gradients add up.
    """

    def __init__(self, params, lr=0.01, eps=1e-10, weight_decay=0.0):
        super().__init__(params, lr, weight_decay)
        self.eps = eps

    def update(self, g, state):
        if "G" not in state:
            state["G"] = np.zeros_like(g)
        state["G"] += g * g
        return self.lr * g / (np.sqrt(state["G"]) + self.eps)


class RMSProp(Optimizer):
    """RMSProp: s = αs + (1 − α)g²; w ← w − η g / (√s + ε).

    Adagrad with a forgetting average.
    """

    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, weight_decay)
        _check_fraction("alpha", alpha)
        self.alpha = alpha
        self.eps = eps

    def update(self, g, state):
        if "s" not in state:
            state["s"] = np.zeros_like(g)
        s = state["s"]
        s *= self.alpha
        s += (1 - self.alpha) * g * g
        return self.lr * g / (np.sqrt(s) + self.eps)


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015): m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²;
    m̂ = m / (1 − β₁ᵗ); v̂ = v / (1 − β₂ᵗ); w ← w − η m̂ / (√v̂ + ε), t = 1, 2, … the step.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, weight_decay)
        beta1, beta2 = betas
        _check_fraction("betas[0]", beta1)
        _check_fraction("betas[1]", beta2)
        self.betas = (beta1, beta2)
        self.eps = eps

    def update(self, g, state):
        beta1, beta2 = self.betas
        if not state:
            state.update(t=0, m=np.zeros_like(g), v=np.zeros_like(g))
        state["t"] += 1
        t, m, v = state["t"], state["m"], state["v"]
        m *= beta1
        m += (1 - beta1) * g
        v *= beta2
        v += (1 - beta2) * g * g
        # without the correction m and v start biased towards their zero initial values
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        return self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class AdamW(Adam):
    """AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay,
    w ← w − ηλw − η m̂ / (√v̂ + ε); the decay never enters m or v (``Adam`` with
    ``weight_decay=λ`` adds λw to g instead, and so divides it by √v̂).
    """

    def __init__(
        self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01
    ):
        super().__init__(params, lr, betas, eps, weight_decay)

    def step(self):
        """w ← (1 − ηλ)w − η m̂ / (√v̂ + ε), with m and v built from ``.grad`` alone."""
        for p, state in zip(self.params, self.state):
            p.value *= 1 - self.lr * self.weight_decay
            p.value -= self.update(p.grad, state)


class Schedule:
    """A learning-rate schedule: sets ``optimizer.lr`` to η_t for step t = 0, 1, …;
    ``step()`` (once per epoch, as ``fit`` calls it) moves to the next t.

    η is the optimizer's lr when the schedule is made. ``warmup=k``: the first k steps
    ramp linearly, η_t = η(t + 1)/k (Goyal et al. 2017); the decay (``factor``, from
    subclasses) then starts at t = k.
    """

    def __init__(self, optimizer, warmup=0):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(
                f"optimizer must be an Optimizer, got {type(optimizer).__name__}"
            )
        if not (isinstance(warmup, (int, np.integer)) and warmup >= 0):
            raise ValueError(f"warmup must be an integer >= 0, got {warmup!r}")
        self.optimizer, self.base_lr, self.warmup = optimizer, optimizer.lr, warmup
        self.t = 0
        optimizer.lr = self.lr_at(0)

    def lr_at(self, t):
        """η_t, the learning rate of step t."""
        if t < self.warmup:
            return self.base_lr * (t + 1) / self.warmup
        return self.base_lr * self.factor(t - self.warmup)

    def factor(self, t):
        """η_t / η, t counted from the end of the warmup (subclasses define it)."""
        raise NotImplementedError

    def step(self):
        """Move to the next step: optimizer.lr ← η_{t+1}."""
        self.t += 1
        self.optimizer.lr = self.lr_at(self.t)


class StepLR(Schedule):
    """Step decay, as PyTorch's ``StepLR``: η_t = η γ^⌊t/s⌋, s = ``step_size``."""

    def __init__(self, optimizer, step_size, gamma=0.1, warmup=0):
        if not (isinstance(step_size, (int, np.integer)) and step_size >= 1):
            raise ValueError(f"step_size must be an integer >= 1, got {step_size!r}")
        if not 0 < gamma <= 1:
            raise ValueError(f"gamma must be in (0, 1], got {gamma!r}")
        self.step_size, self.gamma = step_size, gamma
        super().__init__(optimizer, warmup)

    def factor(self, t):
        return self.gamma ** (t // self.step_size)


class CosineLR(Schedule):
    """Cosine decay (Loshchilov & Hutter 2017, without restarts; PyTorch's
    ``CosineAnnealingLR``): η_t = η_min + ½(η − η_min)(1 + cos(πt/T)) for t ≤ T,
    η_min after; T = ``total`` − ``warmup`` steps.
    """

    def __init__(self, optimizer, total, eta_min=0.0, warmup=0):
        if not (isinstance(total, (int, np.integer)) and total >= 1):
            raise ValueError(f"total must be an integer >= 1, got {total!r}")
        if isinstance(warmup, (int, np.integer)) and warmup >= total:
            raise ValueError(f"warmup ({warmup}) must be shorter than total ({total})")
        if not eta_min >= 0:
            raise ValueError(f"eta_min must be >= 0, got {eta_min!r}")
        self.total, self.eta_min = total, eta_min
        super().__init__(optimizer, warmup)

    def factor(self, t):
        r = self.eta_min / self.base_lr
        progress = min(t / (self.total - self.warmup), 1.0)
        return r + 0.5 * (1 - r) * (1 + np.cos(np.pi * progress))
