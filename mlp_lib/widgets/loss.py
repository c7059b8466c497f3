"""Chapter 4's explorer: squared error against cross-entropy for a sigmoid output."""

import matplotlib.pyplot as plt
import numpy as np

from ..functional import sigmoid, softplus
from ..plots import figsize
from . import Explorer, float_slider, int_slider


def _curves(z, y):
    """{name: (loss, ∂loss/∂z)} of SSE and cross-entropy at z, for the label y."""
    p = sigmoid(z)
    return {
        "SSE": (0.5 * (p - y) ** 2, (p - y) * p * (1 - p)),
        # −ln σ(z) = softplus(−z) = softplus(z) − z: finite for any z
        "cross-entropy": (softplus(z) - y * z, p - y),
    }


def loss_explorer(z=-4.0, y=1):
    """Sliders for the pre-activation z of a sigmoid output ŷ = σ(z) and the label y:
    the losses ½(ŷ − y)² and −[y ln ŷ + (1 − y) ln(1 − ŷ)] (nats) and their gradients
    ∂ℓ/∂z as functions of z, with dots at z."""
    grid = np.linspace(-8.0, 8.0, 321)

    def draw(z, y):
        fig, (ax_loss, ax_grad) = plt.subplots(1, 2, figsize=figsize())
        at_z = _curves(np.float64(z), y)
        for (name, (loss, grad)), color in zip(
            _curves(grid, y).items(), ("#0072B2", "#D55E00")
        ):
            ax_loss.plot(grid, loss, color=color, label=name)
            ax_grad.plot(grid, grad, color=color, label=name)
            ax_loss.plot(z, at_z[name][0], "o", color=color)
            ax_grad.plot(z, at_z[name][1], "o", color=color)
        ax_loss.set(
            xlabel="pre-activation $z$",
            ylabel=r"loss $\ell$ (nats for cross-entropy)",
            ylim=(-0.2, 8.5),
            title=f"ŷ = σ(z) = {sigmoid(z):.4f}, y = {y}",
        )
        ax_grad.set(
            xlabel="pre-activation $z$",
            ylabel=r"$\partial \ell/\partial z$",
            ylim=(-1.1, 1.1),
            title=f"∂ℓ/∂z: SSE {at_z['SSE'][1]:+.4f}, "
            f"CE {at_z['cross-entropy'][1]:+.4f}",
        )
        ax_loss.legend(loc="upper center")
        ax_grad.legend(loc="upper left")

    return Explorer(
        draw,
        page_values={"z": (-8, -4, -2, 0, 2, 4, 8)},
        z=float_slider(z, "z", -8.0, 8.0),
        y=int_slider(y, "label y", 0, 1),
    )
