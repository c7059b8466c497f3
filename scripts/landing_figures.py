"""The landing page's figures (book/intro.md): a decision boundary forming, and the map
of the chapters.

Usage: python scripts/landing_figures.py [OUT_DIR]   (default: book/images)

Writes teaser.png (a 2-32-32-1 tanh MLP learning two spirals with mlp_lib, its decision
regions after 0, 100, 300 and 1500 epochs of full-batch Adam) and chapter-map.svg (the
chapters by part, an arrow from each chapter to the ones that build on it). Seeded and
without timestamps: a rerun writes the same bytes with the pinned matplotlib.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from mlp_lib import data, plots  # noqa: E402
from mlp_lib.activations import Sigmoid, Tanh  # noqa: E402
from mlp_lib.layers import Linear, Sequential  # noqa: E402
from mlp_lib.losses import BCE  # noqa: E402
from mlp_lib.optim import Adam  # noqa: E402
from mlp_lib.train import fit, predict_classes  # noqa: E402

SNAPSHOTS = (0, 100, 300, 1500)  # epochs after which the regions are drawn

# The chapters: number -> (short title, part, height in the map), and what each builds
# on most directly (arrows from those).
CHAPTERS = {
    1: ("neuron", 0, 4.2),
    2: ("activations", 0, 3.3),
    3: ("backprop", 0, 2.4),
    4: ("loss", 0, 1.5),
    5: ("softmax", 0, 0.6),
    6: ("batch norm", 1, 3.3),
    7: ("skip connections", 1, 2.4),
    8: ("information", 2, 1.5),
    9: ("ROC", 2, 0.6),
    10: ("optimizers", 3, 3.3),
    11: ("initialization", 3, 4.2),
    12: ("regularization", 3, 2.4),
    13: ("hyperparameters", 3, 0.6),
}
PARTS = [
    "Foundations",
    "Making deep\nnetworks train",
    "Measuring",
    "Training\nin practice",
]
BUILDS_ON = {
    2: [1],
    3: [2],
    4: [3],
    5: [4],
    6: [3],
    7: [6],
    8: [5],
    9: [5],
    10: [3],
    11: [3],
    12: [10],
    13: [9, 12],
}


def teaser(path):
    X, y = data.make_spirals(300, noise=0.05, rng=0)
    rng = np.random.default_rng(1)
    model = Sequential(
        Linear(2, 32, rng=rng),
        Tanh(),
        Linear(32, 32, rng=rng),
        Tanh(),
        Linear(32, 1, rng=rng),
        Sigmoid(),
    )
    optimizer = Adam(model.parameters(), lr=0.01)
    fig, axes = plt.subplots(1, len(SNAPSHOTS), figsize=plots.figsize(1, 2.05))
    done = 0
    for ax, epochs in zip(axes, SNAPSHOTS):
        if epochs > done:
            fit(model, BCE(), optimizer, X, y.reshape(-1, 1), epochs=epochs - done)
            done = epochs
        accuracy = np.mean(predict_classes(model, X).ravel() == y)
        plots.plot_decision_boundary(
            lambda G: predict_classes(model, G).ravel(), X, y, ax=ax, resolution=150
        )
        for points in ax.collections[1:]:  # the two classes' markers, made smaller
            points.set_sizes([9])
        ax.set_title(f"after {epochs} epochs\n{accuracy:.0%} right")
        ax.set(xticks=[], yticks=[], xlabel="", ylabel="", aspect="equal")
        ax.get_legend().remove()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def bend(parent, number, x0, x1):
    """Curvature of an arrow: straight within a part; 3 -> 11 bows up over 6."""
    return 0.0 if x0 == x1 else -0.2 if (parent, number) == (3, 11) else 0.15


def chapter_map(path):
    fig, ax = plt.subplots(figsize=plots.figsize(1, 3.3))
    ax.set(xlim=(-0.55, 3.55), ylim=(-0.5, 5.0))
    ax.axis("off")
    for part, name in enumerate(PARTS):
        ax.text(part, 4.95, name, ha="center", va="top", fontsize=9, weight="bold")
    boxes = {}
    for number, (title, part, y) in CHAPTERS.items():
        boxes[number] = ax.text(
            part,
            y,
            f"{number}  {title}",
            ha="center",
            va="center",
            fontsize=9,
            bbox={
                "boxstyle": "round,pad=0.35",
                "facecolor": "white",
                "edgecolor": plots.COLORS[part],
                "linewidth": 1.5,
            },
        )
    for number, parents in BUILDS_ON.items():
        for parent in parents:
            (x0, y0), (x1, y1) = (boxes[n].get_position() for n in (parent, number))
            ax.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": "0.5",
                    # from the edge of one box to the edge of the other
                    "patchA": boxes[parent].get_bbox_patch(),
                    "patchB": boxes[number].get_bbox_patch(),
                    "connectionstyle": f"arc3,rad={bend(parent, number, x0, x1)}",
                    "linewidth": 0.9,
                },
                zorder=0,
            )
    fig.savefig(path, metadata={"Date": None, "Creator": None})
    plt.close(fig)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "book/images")
    out.mkdir(parents=True, exist_ok=True)
    plots.use_book_style()
    plt.rcParams["svg.hashsalt"] = "mlp-course"  # fixed ids in the SVG
    plt.rcParams["svg.fonttype"] = "none"  # text stays text: small and searchable
    teaser(out / "teaser.png")
    chapter_map(out / "chapter-map.svg")
    print(f"wrote {out / 'teaser.png'} and {out / 'chapter-map.svg'}")


if __name__ == "__main__":
    main()
