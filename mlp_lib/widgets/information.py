"""Chapter 8's explorer: entropy, cross-entropy and KL divergence of two coins."""

import matplotlib.pyplot as plt
import numpy as np

from ..info import cross_entropy, entropy, kl_divergence
from ..plots import COLORS, figsize
from . import Explorer, float_slider

# Q(outcome 1) and P(outcome 1) in the book's page (the live sliders move by 0.01)
PAGE_PROBABILITIES = (0.01, 0.3, 0.5, 0.6)


def information_explorer(q=0.3, p=0.6, base=2):
    """Sliders for Q = (q, 1 − q) (true) and P = (p, 1 − p) (model): both distributions,
    and H(Q), H(Q, P) = H(Q) + D_KL(Q‖P), D_KL(Q‖P), D_KL(P‖Q) in bits (``base=2``),
    nats (``base=np.e``) or another base."""
    if base == 2:
        unit = "bits"
    elif np.isclose(base, np.e):
        unit = "nats"
    else:
        unit = f"log base {base:g}"

    def draw(q, p):
        Q, P = np.array([q, 1 - q]), np.array([p, 1 - p])
        h_q, h_qp = entropy(Q, base), cross_entropy(Q, P, base)
        kl_qp, kl_pq = kl_divergence(Q, P, base), kl_divergence(P, Q, base)
        fig, (left, right) = plt.subplots(
            1, 2, figsize=figsize(), gridspec_kw={"width_ratios": [2, 3]}
        )
        outcomes = np.arange(2)
        left.bar(outcomes - 0.2, Q, width=0.4, color=COLORS[0], label="Q (true)")
        left.bar(outcomes + 0.2, P, width=0.4, color=COLORS[1], label="P (model)")
        left.set(
            xticks=outcomes,
            xticklabels=["outcome 1", "outcome 2"],
            ylim=(0, 1.25),
            ylabel="probability",
            title="the two distributions",
        )
        left.legend(loc="upper center", ncol=2)
        names = ["H(Q)", "H(Q, P)", "D(Q‖P)", "D(P‖Q)"]
        right.bar(
            names,
            [h_q, h_q, kl_qp, kl_pq],
            color=[COLORS[0], COLORS[0], COLORS[2], COLORS[3]],
        )
        right.bar(
            names[1],
            kl_qp,
            bottom=h_q,
            color=COLORS[2],
            hatch="//",
            edgecolor="white",
            label="H(Q, P) = H(Q) + D(Q‖P)",
        )
        for x, value in enumerate([h_q, h_qp, kl_qp, kl_pq]):
            right.text(x, value, f"{value:.3f}", ha="center", va="bottom")
        right.set(
            ylim=(0, 1.25 * max(1.2, h_qp, kl_pq)),
            ylabel=unit,
            title=f"Q = ({q:.2f}, {1 - q:.2f}), P = ({p:.2f}, {1 - p:.2f})",
        )
        right.legend(loc="upper right")

    wide_label = {"description_width": "initial"}
    return Explorer(
        draw,
        page_values={"q": PAGE_PROBABILITIES, "p": PAGE_PROBABILITIES},
        q=float_slider(q, "Q(outcome 1)", 0.01, 0.99, step=0.01, style=wide_label),
        p=float_slider(p, "P(outcome 1)", 0.01, 0.99, step=0.01, style=wide_label),
    )
