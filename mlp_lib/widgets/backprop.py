"""Chapter 3's explorer: how the learning rate and the hidden width change training."""

import matplotlib.pyplot as plt
import numpy as np

from ..losses import MSE
from ..optim import SGD
from ..plots import figsize, plot_decision_boundary
from ..train import fit, predict_classes
from . import Explorer, int_slider, selection_slider


def backprop_explorer(
    build,
    X,
    y,
    learning_rates=(0.3, 1.0, 3.0),
    widths=(2, 4, 100),
    epochs=1500,
    every=100,
    seed=0,
    learning_rate=None,
    width=None,
):
    """Sliders for the learning rate, the hidden width and the epoch of the network
    ``build(width, seed)`` (one sigmoid output) trained on X (n, 2), labels y (n,) in
    {0, 1}, with MSE and full-batch gradient descent: class regions and learning curve.

    Every setting is trained once, at creation, keeping the parameters every ``every``
    epochs, so the sliders only redraw. ``learning_rate`` and ``width`` choose the first
    setting shown (default: the middle of each list).
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    runs = {}
    for lr in learning_rates:
        for h in widths:
            model = build(h, seed)
            optimizer, losses = SGD(model.parameters(), lr=lr), []
            snapshots = [[p.value.copy() for p in model.parameters()]]
            for _ in range(epochs // every):
                losses += fit(
                    model, MSE(), optimizer, X, y.reshape(-1, 1), epochs=every
                ).loss
                snapshots.append([p.value.copy() for p in model.parameters()])
            runs[lr, h] = model, snapshots, losses
    lowest = np.nanmin(np.concatenate([losses for _, _, losses in runs.values()]))
    # whole decades, the same for every setting so that settings compare
    loss_range = (min(10 ** np.floor(np.log10(lowest)), 0.1), 1.0)

    def draw(learning_rate, width, epoch):
        model, snapshots, losses = runs[learning_rate, width]
        for p, value in zip(model.parameters(), snapshots[epoch // every]):
            p.value[...] = value
        accuracy = np.mean(predict_classes(model, X) == y)
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=figsize())
        plot_decision_boundary(
            lambda points: predict_classes(model, points),
            X,
            y,
            ax=ax0,
            resolution=100,
            title=f"epoch {epoch}: training accuracy {accuracy:.0%}",
        )
        ax1.plot(np.arange(1, len(losses) + 1), losses, color="0.7", label="whole run")
        ax1.plot(np.arange(1, epoch + 1), losses[:epoch], label=f"up to epoch {epoch}")
        ax1.set(
            xlabel="epoch",
            ylabel="MSE loss",
            yscale="log",
            ylim=loss_range,
            title=f"learning rate {learning_rate:g}, {width} units per hidden layer",
        )
        ax1.legend(loc="lower left")

    wide_label = {"description_width": "initial"}
    last = epochs // every * every
    return Explorer(
        draw,
        page_values={"epoch": (last,)},
        learning_rate=selection_slider(
            learning_rates,
            learning_rates[len(learning_rates) // 2]
            if learning_rate is None
            else learning_rate,
            "learning rate",
            style=wide_label,
        ),
        width=selection_slider(
            widths,
            widths[len(widths) // 2] if width is None else width,
            "hidden width",
            style=wide_label,
        ),
        epoch=int_slider(last, "epoch", 0, last, step=every),
    )
