"""Layers with parameters, containers and skip connections; all map (N, n_in) batches to
(N, n_out)."""

import numpy as np

from . import init as initializers
from .module import Module, Parameter, as_batch, get_default_dtype


class Linear(Module):
    """Affine layer z = xW + b: x (N, n_in) -> z (N, n_out),
    with W (n_in, n_out) and b (n_out,).

    ``init``: a name from ``mlp_lib.init`` or a function ``f(n_in, n_out, rng)``;
    ``rng``: a ``np.random.Generator``, an int seed, or None for fresh entropy.
    """

    def __init__(self, n_in, n_out, init="xavier_uniform", rng=None, bias=True):
        self.n_in, self.n_out = n_in, n_out
        W = initializers.get(init)(n_in, n_out, np.random.default_rng(rng))
        self.W = Parameter(W, name="W")
        self.b = Parameter(np.zeros(n_out), name="b") if bias else None

    def forward(self, x):
        self.x = as_batch(x, "x", self.n_in, layer=self)
        z = self.x @ self.W.value
        if self.b is not None:
            z += self.b.value  # in place: z is a new array, no copy needed
        return z

    def backward(self, grad_out):
        """Given δ = ∂L/∂z (N, n_out): ∂L/∂W += xᵀδ, ∂L/∂b += Σ_n δ_n;
        returns ∂L/∂x = δWᵀ."""
        self.W.grad += self.x.T @ grad_out
        if self.b is not None:
            self.b.grad += grad_out.sum(axis=0)
        return grad_out @ self.W.value.T

    def __repr__(self):
        return (
            f"Linear(n_in={self.n_in}, n_out={self.n_out}, bias={self.b is not None})"
        )


class Sequential(Module):
    """Layers applied in order; backward runs them in reverse (the chain rule)."""

    def __init__(self, *layers):
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def backward(self, grad_out):
        for layer in reversed(self.layers):
            grad_out = layer.backward(grad_out)
        return grad_out

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Sequential(*self.layers[index])
        return self.layers[index]

    def __len__(self):
        return len(self.layers)

    def __iter__(self):
        return iter(self.layers)

    def __repr__(self):
        lines = [f"  ({i}): {layer!r}" for i, layer in enumerate(self.layers)]
        return "Sequential(\n" + "\n".join(lines) + "\n)"


class BatchNorm1d(Module):
    """Batch normalization per feature: y = γ x̂ + β with x̂ = (x − μ) / √(σ² + eps).

    Training: μ, σ² are the batch mean and (biased) variance, and the running estimates
    move by ``momentum`` (running_var uses the unbiased variance, as in PyTorch). Eval:
    running estimates. ``affine=False`` drops γ and β, leaving the output standardized.
    """

    def __init__(self, n_features, momentum=0.1, eps=1e-5, affine=True):
        self.n_features, self.momentum, self.eps = n_features, momentum, eps
        self.gamma = Parameter(np.ones(n_features), name="gamma") if affine else None
        self.beta = Parameter(np.zeros(n_features), name="beta") if affine else None
        # buffers, not parameters: in the default dtype, like the parameters
        self.running_mean = np.zeros(n_features, dtype=get_default_dtype())
        self.running_var = np.ones(n_features, dtype=get_default_dtype())

    def buffers(self):
        return {"running_mean": self.running_mean, "running_var": self.running_var}

    def forward(self, x):
        x = as_batch(x, "x", self.n_features, layer=self)
        self.batch_stats = self.training
        if self.training:
            n = len(x)
            if n < 2:
                raise ValueError(
                    f"{self!r}: training needs at least 2 samples per batch (the "
                    "variance of one sample is 0); call eval() to use the running "
                    "statistics instead"
                )
            mean, var = x.mean(axis=0), x.var(axis=0)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)
        else:
            mean, var = self.running_mean, self.running_var
        self.std = np.sqrt(var + self.eps)
        self.x_hat = (x - mean) / self.std
        if self.gamma is None:
            return self.x_hat
        return self.gamma.value * self.x_hat + self.beta.value

    def backward(self, grad_out):
        """Training mode: ∂L/∂x = γ/(Nσ) (N g − Σ_n g − x̂ Σ_n g x̂), since μ and σ
        depend on x."""
        if self.gamma is not None:
            self.gamma.grad += (grad_out * self.x_hat).sum(axis=0)
            self.beta.grad += grad_out.sum(axis=0)
            grad_out = grad_out * self.gamma.value  # now ∂L/∂x̂
        if not self.batch_stats:  # eval: μ and σ are constants
            return grad_out / self.std
        n = len(grad_out)
        g_sum, gx_sum = grad_out.sum(axis=0), (grad_out * self.x_hat).sum(axis=0)
        return (n * grad_out - g_sum - self.x_hat * gx_sum) / (n * self.std)

    def __repr__(self):
        affine = self.gamma is not None
        return f"BatchNorm1d(n_features={self.n_features}, affine={affine})"


class GroupNorm(Module):
    """Group normalization (Wu and He, 2018) of each example: the C features of a row
    are split into ``n_groups`` consecutive groups, each standardized by its own mean
    and (biased) variance over its C/G features, then y = γ x̂ + β per feature.

    Statistics of one example only: no running buffers, the same map in training and
    evaluation mode, any batch size (even 1). ``n_groups=1`` is LayerNorm.
    """

    def __init__(self, n_features, n_groups, eps=1e-5, affine=True):
        name = type(self).__name__
        for arg, value in (("n_features", n_features), ("n_groups", n_groups)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise TypeError(f"{name}: {arg} must be an integer, got {value!r}")
        if n_groups < 1 or n_features % n_groups:
            raise ValueError(
                f"{name}: n_groups must be a positive divisor of n_features "
                f"({n_features}), got {n_groups}"
            )
        if n_features // n_groups < 2:
            raise ValueError(
                f"{name}: each group needs at least 2 features (the variance of "
                f"one value is 0, so the output would be β whatever the input), got "
                f"{n_features} features in {n_groups} groups"
            )
        self.n_features, self.n_groups, self.eps = n_features, n_groups, eps
        self.gamma = Parameter(np.ones(n_features), name="gamma") if affine else None
        self.beta = Parameter(np.zeros(n_features), name="beta") if affine else None

    def forward(self, x):
        x = as_batch(x, "x", self.n_features, layer=self)
        groups = x.reshape(len(x), self.n_groups, -1)  # (N, G, C/G)
        self.std = np.sqrt(groups.var(axis=2, keepdims=True) + self.eps)
        self.x_hat = (groups - groups.mean(axis=2, keepdims=True)) / self.std
        x_hat = self.x_hat.reshape(x.shape)
        if self.gamma is None:
            return x_hat
        return self.gamma.value * x_hat + self.beta.value

    def backward(self, grad_out):
        """BatchNorm1d's formula with the roles of the axes swapped: per example and
        group of K = C/G features, ∂L/∂x = (K g − Σ_k g − x̂ Σ_k g x̂) / (Kσ) with
        g = ∂L/∂x̂."""
        if self.gamma is not None:
            x_hat = self.x_hat.reshape(grad_out.shape)
            self.gamma.grad += (grad_out * x_hat).sum(axis=0)
            self.beta.grad += grad_out.sum(axis=0)
            grad_out = grad_out * self.gamma.value  # now ∂L/∂x̂
        g = grad_out.reshape(self.x_hat.shape)
        k = g.shape[2]
        g_sum = g.sum(axis=2, keepdims=True)
        gx_sum = (g * self.x_hat).sum(axis=2, keepdims=True)
        return ((k * g - g_sum - self.x_hat * gx_sum) / (k * self.std)).reshape(
            grad_out.shape
        )

    def __repr__(self):
        affine = self.gamma is not None
        return (
            f"{type(self).__name__}(n_features={self.n_features}, "
            f"n_groups={self.n_groups}, affine={affine})"
        )


class LayerNorm(GroupNorm):
    """Layer normalization (Ba et al., 2016): each example (row) standardized over all
    its features, y = γ x̂ + β; GroupNorm with one group."""

    def __init__(self, n_features, eps=1e-5, affine=True):
        super().__init__(n_features, 1, eps=eps, affine=affine)

    def __repr__(self):
        return (
            f"LayerNorm(n_features={self.n_features}, affine={self.gamma is not None})"
        )


class Dropout(Module):
    """Inverted dropout: in training, zero each unit with probability p and scale the
    rest by 1/(1 − p).

    The scaling keeps E[output] = input, so eval mode is the identity. ``.mask``: last
    mask (True = kept).
    """

    def __init__(self, p=0.5, rng=None):
        if not 0 <= p < 1:
            raise ValueError(f"Dropout: p must be in [0, 1), got {p}")
        self.p = p
        self.rng = np.random.default_rng(rng)
        self.mask = None

    def forward(self, x):
        x = as_batch(x, "x", layer=self)
        if not self.training:
            self.mask = None
            return x
        self.mask = self.rng.random(x.shape) >= self.p
        return x * self.mask / (1 - self.p)

    def backward(self, grad_out):
        if self.mask is None:
            return grad_out
        return grad_out * self.mask / (1 - self.p)

    def __repr__(self):
        return f"Dropout(p={self.p})"


def _check_module(layer, role, owner):
    if not isinstance(layer, Module):
        raise TypeError(
            f"{owner}: {role} must be a layer (a Module such as Linear or Sequential), "
            f"got {type(layer).__name__}"
        )


class _Skip(Module):
    """A sub-layer F = ``block`` with a skip path around it."""

    def __init__(self, block):
        _check_module(block, "the block", type(self).__name__)
        self.block = block

    def __repr__(self):
        return f"{type(self).__name__}({self.block!r})"


class Residual(_Skip):
    """Skip connection y = x + F(x); F = ``block`` must keep the width.
    Backward, with g = ∂L/∂y: ∂L/∂x = g + F'ᵀ g."""

    def _block_forward(self, x):
        out = self.block(x)
        if out.shape != x.shape:
            raise ValueError(
                f"{type(self).__name__}: the block maps shape {x.shape} to "
                f"{out.shape}, but adding x needs the same width; use Concat or a "
                "Linear projection"
            )
        return out

    def forward(self, x):
        x = as_batch(x, "x", layer=type(self).__name__)
        return x + self._block_forward(x)

    def backward(self, grad_out):
        return grad_out + self.block.backward(grad_out)


class WeightedResidual(Residual):
    """y = α F(x) + β x with learned scalars α, β (α = β = 1 is the plain Residual)."""

    def __init__(self, block, alpha=1.0, beta=1.0):
        super().__init__(block)
        self.alpha = Parameter(alpha, name="alpha")
        self.beta = Parameter(beta, name="beta")

    def forward(self, x):
        self.x = as_batch(x, "x", layer="WeightedResidual")
        self.fx = self._block_forward(self.x)
        return self.alpha.value * self.fx + self.beta.value * self.x

    def backward(self, grad_out):
        self.alpha.grad += np.sum(grad_out * self.fx)
        self.beta.grad += np.sum(grad_out * self.x)
        return self.beta.value * grad_out + self.block.backward(
            self.alpha.value * grad_out
        )


class ProjectionResidual(_Skip):
    """Projection shortcut (He et al., 2016) where the width changes: y = P(x) + F(x),
    with P = ``projection``, usually Linear(d_in, d_out, bias=False) (y = x W_s + F(x)).
    x (N, d_in) -> y (N, d_out). Backward, with g = ∂L/∂y: ∂L/∂x = P'ᵀ g + F'ᵀ g."""

    def __init__(self, block, projection):
        super().__init__(block)
        _check_module(projection, "the projection", "ProjectionResidual")
        self.projection = projection

    def forward(self, x):
        x = as_batch(x, "x", layer="ProjectionResidual")
        skip, out = self.projection(x), self.block(x)
        if skip.shape != out.shape:
            raise ValueError(
                f"ProjectionResidual: the projection maps shape {x.shape} to "
                f"{skip.shape} but the block to {out.shape}; both must give the "
                "same width"
            )
        return skip + out

    def backward(self, grad_out):
        return self.projection.backward(grad_out) + self.block.backward(grad_out)

    def __repr__(self):
        return f"ProjectionResidual({self.block!r}, projection={self.projection!r})"


class Concat(_Skip):
    """Concatenating skip y = [x, F(x)] along features: width n_in + width of F(x)."""

    def forward(self, x):
        x = as_batch(x, "x", layer="Concat")
        self.n_in = x.shape[1]
        return np.concatenate([x, self.block(x)], axis=1)

    def backward(self, grad_out):
        return grad_out[:, : self.n_in] + self.block.backward(grad_out[:, self.n_in :])
