"""Chapter 6's explorer: what batch normalization does to one feature of a batch."""

import matplotlib.pyplot as plt
import numpy as np

from ..functional import sigmoid, sigmoid_grad
from ..layers import BatchNorm1d
from ..plots import COLORS, figsize
from . import Explorer, float_slider, selection_slider

BATCH_SIZES = (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)


def batchnorm_explorer(values, gamma=1.0, beta=0.0, batch_size=32, rng=0):
    """Sliders for γ, β and the batch size of ``BatchNorm1d`` (training mode) on one
    feature, ``values`` (n,): the batch's inputs x, outputs y = γ x̂ + β (drawn clipped
    to [−8, 8]) and σ(y) with its mean slope σ'(y) ≤ 0.25 (near 0: saturated).

    A batch is the first ``batch_size`` values after one shuffle drawn from ``rng``, so
    smaller batches are parts of larger ones.
    """
    values = np.asarray(values, dtype=np.float64).ravel()
    sizes = [b for b in BATCH_SIZES if b <= len(values)]
    if not sizes:
        raise ValueError(f"values has {len(values)} entries; a batch needs at least 2")
    if batch_size not in sizes:
        raise ValueError(
            f"batch_size must be one of {sizes} (values has {len(values)} entries), "
            f"got {batch_size!r}"
        )
    order = np.random.default_rng(rng).permutation(len(values))
    grid = np.linspace(-8.0, 8.0, 321)

    def draw(gamma, beta, batch_size):
        x = values[order[:batch_size]]
        layer = BatchNorm1d(1)
        layer.gamma.value[:] = gamma
        layer.beta.value[:] = beta
        y = layer(x[:, None])[:, 0]
        fig, (ax_in, ax_out, ax_sig) = plt.subplots(
            1, 3, figsize=figsize(row_height=3.2)
        )
        ax_in.hist(x, bins=20, color=COLORS[0])
        ax_in.set(
            xlabel="input $x$",
            ylabel="number of examples",
            title=f"batch of {batch_size}\n$\\mu_B$ = {x.mean():.2f}, "
            f"$\\sigma_B$ = {x.std():.2f}",
        )
        ax_out.hist(np.clip(y, -8, 8), bins=np.linspace(-8, 8, 41), color=COLORS[1])
        ax_out.set(
            xlim=(-8, 8),
            xlabel=r"output $y = \gamma\hat x + \beta$",
            ylabel="number of examples",
            title=f"γ = {gamma:.1f}, β = {beta:.1f}\n"
            f"mean {y.mean():.2f}, std {y.std():.2f}",
        )
        ax_sig.plot(grid, sigmoid(grid), color="grey", label="σ(y)")
        ax_sig.plot(y, sigmoid(y), "o", color=COLORS[1], alpha=0.6, label="the batch")
        ax_sig.set(
            xlim=(-8, 8),
            xlabel="$y$",
            ylabel="σ(y)",
            title=f"mean slope σ'(y)\n{sigmoid_grad(y).mean():.3f} (max 0.25)",
        )
        ax_sig.legend(loc="upper left")

    return Explorer(
        draw,
        page_values={
            "gamma": (1, 3),
            "beta": (0, 2),
            "batch_size": (2, 32, 256),
        },
        gamma=float_slider(gamma, "γ", 0.0, 3.0),
        beta=float_slider(beta, "β", -3.0, 3.0),
        batch_size=selection_slider(sizes, batch_size, "batch size"),
    )
