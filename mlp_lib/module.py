"""Parameters and the layer base class shared by every layer (chapter 3 explains the
pattern).

Floating-point type: parameters are created in the library's default dtype (float64
unless ``set_default_dtype(np.float32)``); a layer computes in the dtype of its input
and weights.
"""

import numpy as np

_default_dtype = np.dtype(np.float64)


def set_default_dtype(dtype):
    """Make new Parameters (and array inputs that are not floats) ``dtype``: float32 or
    float64."""
    global _default_dtype
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"the default dtype must be float32 or float64, got {dtype}")
    _default_dtype = dtype


def get_default_dtype():
    """The dtype of new Parameters (float64 unless ``set_default_dtype`` changed it)."""
    return _default_dtype


class Parameter:
    """A trainable array: ``value`` and its gradient ``grad`` (same shape, starts at
    zero)."""

    def __init__(self, value, name=""):
        # a copy: optimizers update value in place, which must not change the caller's
        # array
        self.value = np.array(value, dtype=_default_dtype)
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
    """Base class of layers: ``forward`` caches what ``backward`` needs; ``backward``
    returns ∂L/∂input and *adds* into each parameter's ``.grad`` (``zero_grad`` between
    steps).

    Sub-layers and parameters are found by looking at the attributes (a Module, a
    Parameter, or a list or tuple of Modules; not dicts or nested lists: a container
    holding those overrides ``modules()``), so a container needs no bookkeeping.
    ``training`` (set by ``train()``/``eval()``) switches layers such as dropout and
    batch norm.
    """

    training = True

    def forward(self, x):
        raise NotImplementedError

    def backward(self, grad_out):
        raise NotImplementedError

    def __call__(self, x):
        return self.forward(x)

    def modules(self):
        """This layer and every sub-layer inside it, depth first in attribute order
        (for a Sequential: the forward order). A layer may appear only once."""
        found = [self]
        for value in vars(self).values():
            children = value if isinstance(value, (list, tuple)) else [value]
            for child in children:
                if isinstance(child, Module):
                    found.extend(child.modules())
        if len(set(map(id, found))) < len(found):
            # a layer caches its input for backward, so a second use would overwrite it
            repeated = next(m for m in found if sum(n is m for n in found) > 1)
            raise ValueError(
                f"{repeated!r} appears twice inside {type(self).__name__}: a layer can "
                "be used only once in a model (create a new one for each place)"
            )
        return found

    def parameters(self):
        """All trainable parameters of this layer and its sub-layers, in ``modules()``
        order."""
        return [
            value
            for module in self.modules()
            for value in vars(module).values()
            if isinstance(value, Parameter)
        ]

    def buffers(self):
        """Non-trainable state (e.g. running statistics) as a dict name -> array."""
        return {}

    def train(self, mode=True):
        """Switch this layer and its sub-layers to training mode (eval with
        ``mode=False``); returns self."""
        for module in self.modules():
            module.training = bool(mode)
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
    """Return ``x`` as a float array of shape (n_samples, n_features), or raise a clear
    error.

    A float32 or float64 array keeps its dtype (no copy); anything else becomes the
    default dtype.
    """
    # exact type: an ndarray subclass such as np.matrix changes what * and ** mean
    if not (type(x) is np.ndarray and x.dtype in (np.float32, np.float64)):
        x = _to_float(x, name, layer)
    if x.ndim != 2:
        raise ValueError(
            f"{_where(layer)}{name} must be 2-D (n_samples, n_features), "
            f"got shape {x.shape}"
        )
    if n_features is not None and x.shape[1] != n_features:
        raise ValueError(
            f"{_where(layer)}{name} has {x.shape[1]} features per row but the layer "
            f"expects {n_features} (got shape {x.shape})"
        )
    return x


def _where(layer):
    return f"{layer}: " if layer else ""


def _to_float(x, name, layer):
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(
            f"{_where(layer)}{name} must be an array of numbers, got {type(x).__name__}"
        )
    try:
        return np.asarray(x, dtype=_default_dtype)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{_where(layer)}{name} must be an array of numbers ({exc})"
        ) from None
