"""Chapter 13's explorer: grid search against random search."""

import matplotlib.pyplot as plt
import numpy as np

from ..plots import figsize
from ..search import Uniform, grid_points, sample_configs
from . import Explorer, int_slider, selection_slider


def search_explorer(f, trials=9, seed=0, resolution=101):
    """Sliders for the number of trials n (a square) and the seed: a √n × √n grid
    against n uniform random points over the contours of f(x, y) on the unit square
    (vectorized, to maximize), the x values tested, how many differ and the best f."""
    grid_x = np.linspace(0, 1, resolution)
    gx, gy = np.meshgrid(grid_x, grid_x)
    surface = f(gx, gy)

    def draw(trials, seed):
        side = int(round(np.sqrt(trials)))
        values = list((np.arange(side) + 0.5) / side)
        grid = grid_points({"x": values, "y": values})
        rand = sample_configs(
            {"x": Uniform(0.0, 1.0), "y": Uniform(0.0, 1.0)}, trials, rng=seed
        )
        fig, axes = plt.subplots(1, 2, figsize=figsize(row_height=3.6), sharey=True)
        for ax, points, name in zip(axes, (grid, rand), ("grid", "random")):
            x = np.array([p["x"] for p in points])
            y = np.array([p["y"] for p in points])
            ax.contourf(gx, gy, surface, levels=15, cmap="Greys", alpha=0.6)
            ax.scatter(x, y, s=40, color="#D55E00", edgecolor="black", zorder=3)
            ax.plot(
                x,
                np.full_like(x, -0.04),
                "|",
                color="#0072B2",
                markersize=14,
                clip_on=False,
            )
            distinct = len(np.unique(np.round(x, 12)))
            ax.set(
                xlim=(0, 1),
                ylim=(-0.06, 1),
                xlabel="x (important hyperparameter)",
                title=f"{name}: {distinct} distinct x, best f = {f(x, y).max():.3f}",
            )
        axes[0].set_ylabel("y (unimportant hyperparameter)")
        fig.suptitle(
            f"{trials} trials; the ticks at the bottom are the x values tested", y=1.0
        )

    return Explorer(
        draw,
        page_values={"seed": (1, 2)},
        trials=selection_slider([4, 9, 16, 25, 36, 49], trials, "trials"),
        seed=int_slider(seed, "seed", 0, 20),
    )
