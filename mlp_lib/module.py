"""Parameters and the layer base class shared by every layer (chapter 3 explains the pattern)."""

import numpy as np


class Parameter:
    """A trainable array: ``value`` and its gradient ``grad`` (same shape, starts at zero)."""

    def __init__(self, value, name=""):
        # a copy: optimizers update value in place, which must not change the caller's array
        self.value = np.array(value, dtype=np.float64)
        self.grad = np.zeros_like(self.value)
        self.name = name

    @property
    def shape(self):
        return self.value.shape

    def zero_grad(self):
        """Reset the accumulated gradient to zero (in place)."""
        self.grad[...] = 0.0

    def __repr__(self):
        return f"Parameter(name={self.name!r}, shape={self.value.shape})"


class Module:
    """Base class of layers: ``forward`` caches what ``backward`` needs; ``backward`` returns dL/dinput.

    ``backward(grad_out)`` *accumulates* into each parameter's ``.grad``; call ``zero_grad`` between steps.
    ``training`` (set by ``train()``/``eval()``) switches layers such as dropout and batch norm.
    """

    training = True

    def forward(self, x):
        raise NotImplementedError

    def backward(self, grad_out):
        raise NotImplementedError

    def __call__(self, x):
        return self.forward(x)

    def children(self):
        """Sub-layers (containers override this)."""
        return []

    def parameters(self):
        """All trainable parameters of this layer and its sub-layers."""
        params = list(self._own_parameters())
        for child in self.children():
            params.extend(child.parameters())
        return params

    def _own_parameters(self):
        return [v for v in vars(self).values() if isinstance(v, Parameter)]

    def buffers(self):
        """Non-trainable state (e.g. running statistics) as a dict name -> array."""
        return {}

    def train(self, mode=True):
        """Switch to training mode (or to eval mode with ``mode=False``); returns self."""
        self.training = bool(mode)
        for child in self.children():
            child.train(mode)
        return self

    def eval(self):
        """Switch to evaluation mode; returns self."""
        return self.train(False)

    def zero_grad(self):
        """Set every parameter's gradient to zero."""
        for p in self.parameters():
            p.zero_grad()

    def num_parameters(self):
        """Total number of trainable scalars."""
        return int(sum(p.value.size for p in self.parameters()))


def as_batch(x, name="x", n_features=None, layer=None):
    """Return ``x`` as a float64 array of shape (n_samples, n_features), or raise a clear error."""
    where = f"{layer}: " if layer else ""
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(
            f"{where}{name} must be an array of numbers, got {type(x).__name__}"
        )
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{where}{name} must be an array of numbers ({exc})") from None
    if arr.ndim != 2:
        raise ValueError(
            f"{where}{name} must be 2-D (n_samples, n_features), got shape {arr.shape}"
        )
    if n_features is not None and arr.shape[1] != n_features:
        raise ValueError(
            f"{where}{name} has {arr.shape[1]} features per row but the layer expects {n_features} "
            f"(got shape {arr.shape})"
        )
    return arr
