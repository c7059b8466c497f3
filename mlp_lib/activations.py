"""Activation layers a = f(z): inputs and outputs are (N, width) batches.

Elementwise layers pass back δ_z = δ_a ⊙ f'(z); the functions themselves live in
``functional``. Sigmoid, tanh and ReLU read f'(z) off their cached output a instead of
recomputing f, so the array ``forward`` returns must not be changed in place.
"""

import numpy as np

from . import functional as F
from .module import Module, Parameter, as_batch


class _Elementwise(Module):
    """a = f(z) entrywise; subclasses set ``_f`` and either its derivative ``_df``
    (both called with ``settings``) or their own ``backward``. Caches z and a."""

    def __init__(self, **settings):
        self.settings = settings

    def forward(self, z):
        self.z = as_batch(z, "z", layer=self)
        self.a = self._f(self.z, **self.settings)
        return self.a

    def backward(self, grad_out):
        return grad_out * self._df(self.z, **self.settings)

    def __repr__(self):
        args = ", ".join(f"{k}={v}" for k, v in self.settings.items())
        return f"{type(self).__name__}({args})"


class Sigmoid(_Elementwise):
    """a = σ(z) = 1 / (1 + e^(−z))."""

    _f = staticmethod(F.sigmoid)

    def backward(self, grad_out):
        """δ_z = δ_a ⊙ σ'(z), with σ'(z) = a(1 − a) read off the cached output a."""
        return grad_out * (self.a * (1.0 - self.a))


class Tanh(_Elementwise):
    """a = tanh z."""

    _f = staticmethod(F.tanh)

    def backward(self, grad_out):
        """δ_z = δ_a ⊙ (1 − a²), from the cached output a = tanh z."""
        return grad_out * (1.0 - self.a**2)


class ReLU(_Elementwise):
    """a = max(z, 0); the derivative at z = 0 is taken as 0."""

    _f = staticmethod(F.relu)

    def backward(self, grad_out):
        """δ_z = δ_a where a > 0 (that is, z > 0), else 0."""
        return grad_out * (self.a > 0)


class LeakyReLU(_Elementwise):
    """a = z for z > 0, slope·z otherwise."""

    _f, _df = staticmethod(F.leaky_relu), staticmethod(F.leaky_relu_grad)

    def __init__(self, slope=0.01):
        super().__init__(slope=slope)


class ELU(_Elementwise):
    """a = z for z > 0, α(e^z − 1) otherwise."""

    _f, _df = staticmethod(F.elu), staticmethod(F.elu_grad)

    def __init__(self, alpha=1.0):
        super().__init__(alpha=alpha)


class Softplus(_Elementwise):
    """a = log(1 + e^z), a smooth ReLU whose derivative is σ(z)."""

    _f, _df = staticmethod(F.softplus), staticmethod(F.softplus_grad)


class GELU(_Elementwise):
    """a = z Φ(z), Φ the standard normal CDF (exact, not the tanh approximation)."""

    def forward(self, z):
        self.z = as_batch(z, "z", layer=self)
        self.cdf = F.normal_cdf(self.z)  # cached: backward needs Φ(z) again
        self.a = self.z * self.cdf
        return self.a

    def backward(self, grad_out):
        """δ_z = δ_a ⊙ (Φ(z) + z φ(z)), with Φ(z) from the forward pass."""
        density = np.exp(-0.5 * self.z**2) / (2 * np.pi) ** 0.5
        return grad_out * (self.cdf + self.z * density)


class SiLU(_Elementwise):
    """a = z σ(z), also called Swish (with β = 1)."""

    def forward(self, z):
        self.z = as_batch(z, "z", layer=self)
        self.s = F.sigmoid(self.z)  # cached: backward needs σ(z) again
        self.a = self.z * self.s
        return self.a

    def backward(self, grad_out):
        """δ_z = δ_a ⊙ σ(z)(1 + z(1 − σ(z))), with σ(z) from the forward pass."""
        return grad_out * (self.s * (1.0 + self.z * (1.0 - self.s)))


class Step(_Elementwise):
    """a = 1 where z ≥ 0, else 0 (the perceptron). Forward only: it cannot be trained by
    backprop."""

    _f = staticmethod(F.step)

    def backward(self, grad_out):
        raise RuntimeError(
            "Step has derivative 0 almost everywhere (and none at z = 0), so "
            "backpropagation would pass back only zeros: a network of step units "
            "cannot be trained by gradient "
            "descent. Use Sigmoid (its smooth version) or the perceptron learning rule."
        )


class PReLU(Module):
    """a = z for z > 0, α·z otherwise, with the slope α learned.

    ``n_features=None``: one α shared by all units; otherwise one α per unit, shape
    (n_features,).
    """

    def __init__(self, n_features=None, init=0.25):
        self.n_features = n_features
        self.alpha = Parameter(np.full(n_features or 1, init), name="alpha")

    def forward(self, z):
        self.z = as_batch(z, "z", self.n_features, layer=self)
        return np.where(self.z > 0, self.z, self.alpha.value * self.z)

    def backward(self, grad_out):
        dalpha = (grad_out * np.minimum(self.z, 0.0)).sum(axis=0)  # ∂a/∂α = min(z, 0)
        self.alpha.grad += dalpha if self.n_features else dalpha.sum(keepdims=True)
        return grad_out * np.where(self.z > 0, 1.0, self.alpha.value)

    def __repr__(self):
        return f"PReLU(n_features={self.n_features})"


class Maxout(Module):
    """Maximum over consecutive groups of k units: (N, n) -> (N, n/k).

    The gradient flows only to the unit that attained each maximum.
    """

    def __init__(self, k):
        if not isinstance(k, (int, np.integer)) or k < 1:
            raise ValueError(f"Maxout: k must be a positive integer, got {k!r}")
        self.k = int(k)

    def forward(self, z):
        z = as_batch(z, "z", layer=self)
        n, width = z.shape
        if width % self.k:
            raise ValueError(
                f"{self!r}: input width {width} is not divisible by k = {self.k}"
            )
        groups = z.reshape(n, width // self.k, self.k)
        self.argmax = groups.argmax(axis=2)[..., None]
        self.in_shape = z.shape
        return np.take_along_axis(groups, self.argmax, axis=2)[..., 0]

    def backward(self, grad_out):
        n, width = self.in_shape
        grad = np.zeros((n, width // self.k, self.k), dtype=grad_out.dtype)
        np.put_along_axis(grad, self.argmax, grad_out[..., None], axis=2)
        return grad.reshape(self.in_shape)

    def __repr__(self):
        return f"Maxout(k={self.k})"


class Softmax(Module):
    """p = softmax(z) along each row.

    Not elementwise: backward is the Jacobian-vector product
    δ_z = p ⊙ (δ_p − Σ_k δ_p,k p_k).
    """

    def forward(self, z):
        self.p = F.softmax(as_batch(z, "z", layer=self), axis=1)
        return self.p

    def backward(self, grad_out):
        return self.p * (grad_out - (grad_out * self.p).sum(axis=1, keepdims=True))

    def __repr__(self):
        return "Softmax()"
