"""Gradient checking: compare a backward pass with central finite differences, in
float64."""

import numpy as np


def numerical_grad(f, x, eps=1e-6):
    """∂f/∂x_i ≈ (f(x + ε e_i) − f(x − ε e_i)) / 2ε for every entry of the float64
    array x.

    ``f(x)`` returns a scalar; x is perturbed in place, one entry at a time, and
    restored.
    """
    grad = np.zeros_like(x, dtype=np.float64)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + eps
        f_plus = f(x)
        x[i] = original - eps
        f_minus = f(x)
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def rel_error(a, b):
    """max |a − b| / max(|a| + |b|): 0 for equal arrays, about 1e-10 for a correct
    backward pass."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.max(np.abs(a) + np.abs(b), initial=0.0)
    return float(
        np.max(np.abs(a - b), initial=0.0) / max(scale, np.finfo(np.float64).tiny)
    )


def check_layer(layer, x, rng, eps=1e-6):
    """Relative errors of ``layer.backward`` for the input and each parameter (a dict).

    The loss is L = Σ g ⊙ layer(x) with a random upstream gradient g (with g = 1,
    errors in layers whose outputs sum to a constant, such as softmax or batch norm,
    would go unseen). Keys: "input" and each parameter's name (with its index appended
    if the name repeats). The layer must be deterministic: fix the randomness of dropout
    first.
    """
    for p in layer.parameters():
        if p.value.dtype != np.float64:
            raise TypeError(
                f"check_layer needs float64 parameters, but {p.name or 'one'} is "
                f"{p.value.dtype}: finite differences in float32 keep only about 5 "
                "digits (chapter 10), so a correct backward would fail; build the "
                "layer with the default dtype float64"
            )
    x = np.array(x, dtype=np.float64)
    g = rng.standard_normal(np.shape(layer(x)))
    layer.zero_grad()
    grad_x = layer.backward(g)

    # x and the parameters are perturbed in place, so they are read at each call
    def loss(_):
        return np.sum(g * layer(x))

    errors = {"input": rel_error(grad_x, numerical_grad(loss, x, eps))}
    for i, p in enumerate(layer.parameters()):
        name = p.name if p.name and p.name not in errors else f"{p.name or 'param'}_{i}"
        errors[name] = rel_error(p.grad, numerical_grad(loss, p.value, eps))
    return errors


def check_loss(loss, pred, target, eps=1e-6):
    """Relative error of ``loss.backward()`` against finite differences of
    ``loss(pred, target)``."""
    pred = np.array(pred, dtype=np.float64)
    loss(pred, target)
    analytic = loss.backward()
    return rel_error(analytic, numerical_grad(lambda p: loss(p, target), pred, eps))
