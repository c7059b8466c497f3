"""Chapter 10's explorer: the paths of four optimizers over a test surface."""

import matplotlib.pyplot as plt

from ..optim import SGD, Adam, RMSProp
from ..plots import plot_trajectories
from ..surfaces import trajectory
from . import Explorer, float_slider, log_slider


def optimizer_explorer(
    surface,
    start=(-1.2, 1.0),
    steps=60,
    extent=(-1.5, 1.5, -1.5, 1.5),
    lr=0.05,
    beta=0.9,
):
    """Sliders for the learning rate η and the momentum β: the paths of SGD, SGD with
    momentum, RMSProp and Adam from ``start`` over the contours of ``surface``
    (mlp_lib.surfaces), ``steps`` steps each, drawn within ``extent``."""

    def draw(lr, beta):
        optimizers = {
            "SGD": lambda p: SGD(p, lr=lr),
            f"SGD + momentum β={beta:.2f}": lambda p: SGD(p, lr=lr, momentum=beta),
            "RMSProp": lambda p: RMSProp(p, lr=lr),
            f"Adam β₁={beta:.2f}": lambda p: Adam(p, lr=lr, betas=(beta, 0.999)),
        }
        paths = {
            name: trajectory(surface, make, start, steps)
            for name, make in optimizers.items()
        }
        plot_trajectories(surface, paths, extent=extent)
        plt.title(f"{surface.name}: {steps} steps, η = {lr:.3g}")

    return Explorer(
        draw,
        page_values={
            "lr": (0.02, 0.05, 0.09, 0.11, 0.5),
            "beta": (0, 0.8, 0.99),
        },
        lr=log_slider(lr, "η", -3, 0, 0.1),
        beta=float_slider(beta, "β", 0.0, 0.99, step=0.01),
    )
