"""Chapter 5's explorer: the temperature of a softmax."""

import matplotlib.pyplot as plt
import numpy as np

from ..functional import softmax
from ..info import entropy
from ..plots import figsize
from . import Explorer, log_slider


def softmax_temperature_explorer(logits, T=1.0, class_names=None):
    """A log-scale slider for the temperature T over fixed logits z (C,): bars of
    p = softmax(z / T), and the entropy of p in bits (0 one-hot, log₂ C uniform)."""
    z = np.asarray(logits, dtype=np.float64).ravel()
    names = (
        list(class_names)
        if class_names is not None
        else [f"class {k}" for k in range(len(z))]
    )
    if len(names) != len(z):
        raise ValueError(f"{len(z)} logits but {len(names)} class names")

    def draw(T):
        p = softmax(z / T)
        fig, ax = plt.subplots(figsize=figsize(row_height=3.8))
        bars = ax.bar(names, p, color="#0072B2")
        ax.bar_label(bars, labels=[f"{v:.3f}" for v in p], padding=2)
        ax.set(
            ylim=(0, 1.12),
            xlabel="class (logits z = " + ", ".join(f"{v:g}" for v in z) + ")",
            ylabel="probability $p_k$",
            title=f"softmax(z / T), T = {T:.3g}: entropy {entropy(p):.3f} bits "
            f"(max {np.log2(len(z)):.3f})",
        )

    return Explorer(
        draw,
        page_values={"T": np.logspace(-2, 2, 9)},
        T=log_slider(T, "T", -2, 2, 0.05, readout_format=".3g"),
    )
