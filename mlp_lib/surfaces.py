"""Two-dimensional loss surfaces for watching optimizers move (chapter on optimizers).

A surface is a function f(w) of w = (w₁, w₂) with its gradient; both take arrays of
shape (..., 2), so one call evaluates a whole grid for a contour plot.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .module import Parameter


@dataclass(frozen=True)
class Surface:
    """A loss f(w) and its gradient ∇f(w), for w of shape (..., 2); ``minimum``: where f
    is smallest."""

    name: str
    f: Callable
    grad: Callable
    minimum: tuple


def elongated_quadratic(a=1.0, b=20.0):
    """f(w) = ½(a w₁² + b w₂²): a valley b/a times steeper across than along (Hessian
    diag(a, b))."""
    scale = np.array([a, b])
    return Surface(
        f"quadratic a={a:g}, b={b:g}",
        lambda w: 0.5 * np.sum(scale * w**2, axis=-1),
        lambda w: scale * w,
        (0.0, 0.0),
    )


def rosenbrock(a=1.0, b=100.0):
    """f(w) = (a − w₁)² + b (w₂ − w₁²)²: a curved, flat-bottomed valley with its minimum
    at (a, a²)."""

    def f(w):
        x, y = w[..., 0], w[..., 1]
        return (a - x) ** 2 + b * (y - x**2) ** 2

    def grad(w):
        x, y = w[..., 0], w[..., 1]
        return np.stack(
            [-2 * (a - x) - 4 * b * x * (y - x**2), 2 * b * (y - x**2)], axis=-1
        )

    return Surface("Rosenbrock", f, grad, (a, a * a))


def saddle():
    """f(w) = w₁² − w₂²: zero gradient at the origin, a minimum along w₁ and a maximum
    along w₂."""
    sign = np.array([1.0, -1.0])
    return Surface(
        "saddle",
        lambda w: np.sum(sign * w**2, axis=-1),
        lambda w: 2 * sign * w,
        (np.nan, np.nan),
    )


def trajectory(surface, make_optimizer, start, steps):
    """Points visited by ``make_optimizer([w])`` (e.g. ``lambda p: Adam(p, lr=0.1)``)
    from ``start``.

    Returns an array (steps + 1, 2), cut short at the first non-finite point (a
    diverging run).
    """
    if steps < 1:
        raise ValueError(f"steps must be >= 1, got {steps}")
    w = Parameter(np.array(start, dtype=np.float64))
    if w.shape != (2,):
        raise ValueError(f"start must be a point (w1, w2), got shape {w.shape}")
    optimizer = make_optimizer([w])
    path = [w.value.copy()]
    # a too-large learning rate overflows: the run stops there, so numpy need not warn
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            optimizer.zero_grad()
            w.grad += surface.grad(w.value)
            optimizer.step()
            path.append(w.value.copy())
            if not np.isfinite(w.value).all():
                break
    return np.array(path)
