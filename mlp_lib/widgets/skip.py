"""Chapter 7's explorer: gradient norms per layer with and without skip connections."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..diagnostics import weight_gradient_norms
from ..plots import figsize, plot_log_band
from . import Explorer, selection_slider


def skip_explorer(
    build, X, y, loss, depths=range(2, 41, 2), seeds=range(5), depth=None
):
    """A depth slider and a plain/residual/both toggle over the norms ‖∂L/∂W‖ of every
    Linear of ``build(depth, residual, seed)`` at initialization, one backward pass of
    ``loss`` on (X, y): geometric mean over ``seeds`` ×/÷ one geometric std.

    Every depth, architecture and seed is computed at creation, so the controls only
    redraw; the y-range is the same for every setting, so that settings compare.
    """
    depths = [int(d) for d in depths]
    seeds = list(seeds)
    norms = {
        (d, residual): np.array(
            [weight_gradient_norms(build(d, residual, s), loss, X, y) for s in seeds]
        )
        for d in depths
        for residual in (False, True)
    }
    everything = np.concatenate([n.ravel() for n in norms.values()])
    ylim = (everything.min() / 3, everything.max() * 3)

    def draw(depth, architecture):
        fig, ax = plt.subplots(figsize=figsize(row_height=4))
        shown = {"plain": [False], "residual": [True], "both": [False, True]}
        for residual in shown[architecture]:
            samples = norms[(depth, residual)]
            ratio = np.exp(np.mean(np.log(samples[:, 1] / samples[:, -2])))
            name = "residual" if residual else "plain"
            plot_log_band(
                samples,
                ax=ax,
                color="#D55E00" if residual else "#0072B2",
                label=f"{name}: first/last hidden layer ×{ratio:.2g}",
            )
        ax.set(
            ylim=ylim,
            xlabel="Linear layer (1 = input layer, last = output layer)",
            ylabel="‖∂L/∂W‖ (Frobenius norm)",
            title=f"Gradient norms at initialization, {depth} hidden blocks, "
            f"{len(seeds)} seeds",
        )
        ax.legend(loc="lower right")

    return Explorer(
        draw,
        page_values={"depth": (2, 10, 20, 40)},
        depth=selection_slider(
            depths, depth if depth in depths else depths[len(depths) // 2], "depth"
        ),
        architecture=widgets.ToggleButtons(
            options=["plain", "residual", "both"], value="both", description="network"
        ),
    )
