"""Chapter 12's explorer: how an L1 or L2 penalty of strength λ shapes the weights."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..plots import figsize
from . import Explorer, selection_slider


def regularization_explorer(grid, kind="L1", lam=None, threshold=1e-3, bins=81):
    """A penalty toggle and a λ slider over PRE-COMPUTED results ``grid[kind][λ]``:
    dicts with ``weights`` (1-D, every penalised weight), ``train_accuracy`` and
    ``val_accuracy``; every kind holds the same λ values, λ = 0 (no penalty) included.

    Left: the weights' histogram (log counts) and the fraction with |w| < ``threshold``;
    right: train and validation accuracy against λ, the current λ marked.
    """
    kinds = list(grid)
    lams = sorted(grid[kinds[0]])
    if any(sorted(grid[k]) != lams for k in kinds) or 0 not in lams:
        raise ValueError(
            "every penalty in grid needs the same λ values, including 0 (no penalty)"
        )
    positive = [v for v in lams if v > 0]
    reach = max(np.abs(r["weights"]).max() for k in kinds for r in grid[k].values())
    edges = np.linspace(-reach, reach, bins)

    def draw(kind, lam):
        result = grid[kind][lam]
        w = np.asarray(result["weights"])
        small = np.mean(np.abs(w) < threshold)
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=figsize())
        ax0.hist(w, bins=edges, color="#0072B2")
        ax0.set(
            yscale="log",
            xlabel="weight value",
            ylabel="number of weights (log scale)",
            title=f"{kind}, λ = {lam:g}: {small:.0%} of |w| < {threshold:g}",
        )
        for name, key, color in (
            ("train", "train_accuracy", "#D55E00"),
            ("validation", "val_accuracy", "#009E73"),
        ):
            ax1.plot(
                positive,
                [grid[kind][v][key] for v in positive],
                marker="o",
                color=color,
                label=name,
            )
            ax1.axhline(
                grid[kind][0][key], color=color, linestyle=":", label=f"{name}, λ = 0"
            )
        if lam > 0:
            ax1.axvline(lam, color="black", linestyle="--", linewidth=1)
        ax1.set(
            xscale="log",
            xlabel="λ (log scale)",
            ylabel="accuracy",
            ylim=(0, 1.05),
            title=f"{kind}: accuracy after training",
        )
        ax1.legend(loc="lower left", fontsize=9)

    return Explorer(
        draw,
        kind=widgets.ToggleButtons(options=kinds, value=kind, description="penalty"),
        lam=selection_slider(
            [(f"{v:g}", v) for v in lams],
            positive[0] if lam is None else lam,
            "λ",
        ),
    )
