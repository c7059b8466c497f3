"""Optimizers: update rules applied to a list of Parameters after each backward pass.

Notation: η learning rate, g = ∂L/∂w the gradient, λ weight decay. Weight decay is L2
coupled to the gradient, as in PyTorch: g ← g + λw before the update, so a plain SGD
step is w ← (1 − ηλ)w − η ∂L/∂w. Usage: ``opt = Adam(model.parameters())``; per batch
``opt.zero_grad()``, backward, ``opt.step()``.
"""

import numpy as np

from .module import Module, Parameter


def _check_fraction(name, value):
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")


class Optimizer:
    """Base class: validates ``params`` and ``lr``; a subclass's ``update(g, state)`` is
    its update rule, returning the step u that ``step()`` subtracts: w ← w − u.

    ``state[i]`` is a dict holding what the rule remembers about ``params[i]``
    (velocity, averages); the rules change its arrays in place, which saves a copy per
    step.
    """

    def __init__(self, params, lr, weight_decay=0.0):
        if isinstance(params, Module):
            raise TypeError(
                "pass model.parameters() to the optimizer, not the model itself"
            )
        if isinstance(params, Parameter):
            raise TypeError(
                "params must be a list of Parameters: wrap a single one as [p]"
            )
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
            raise ValueError("params is empty: the optimizer has nothing to update")
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
    """

    def __init__(self, params, lr, momentum=0.0, weight_decay=0.0):
        super().__init__(params, lr, weight_decay)
        _check_fraction("momentum", momentum)
        self.momentum = momentum

    def update(self, g, state):
        if not self.momentum:
            return self.lr * g
        if "v" not in state:
            state["v"] = np.zeros_like(g)
        v = state["v"]
        v *= self.momentum
        v += g
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
