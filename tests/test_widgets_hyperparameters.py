"""search_explorer (chapter 13). Oracle: a √n × √n grid tests √n distinct x values and n
random points n of them; with f = x the best value is the largest x tested,
(2√n − 1) / (2√n) on the grid."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from mlp_lib.widgets.hyperparameters import search_explorer


def _titles():
    return [ax.get_title() for ax in plt.gcf().axes]


def test_first_figure_compares_distinct_values_and_best_found():
    widget = search_explorer(lambda x, y: x + 0 * y, trials=9, seed=0)
    trials, seed = widget.children[:2]
    assert (
        isinstance(trials, widgets.SelectionSlider)
        and trials.value == 9
        and not trials.continuous_update
    )
    assert isinstance(seed, widgets.IntSlider) and not seed.continuous_update
    grid_title, random_title = _titles()
    assert grid_title == f"grid: 3 distinct x, best f = {5 / 6:.3f}"
    assert random_title.startswith("random: 9 distinct x, best f = ")


def test_more_trials_and_seeds_redraw():
    search_explorer(lambda x, y: -((x - 0.3) ** 2) + 0 * y, trials=16, seed=3)
    grid_title, random_title = _titles()
    assert grid_title == f"grid: 4 distinct x, best f = {-((0.375 - 0.3) ** 2):.3f}"
    assert random_title.startswith("random: 16 distinct x")
    best = float(random_title.split("= ")[1])
    assert best <= 0 and np.isfinite(best)


def test_the_page_offers_every_number_of_trials_for_two_seeds():
    controls = search_explorer(lambda x, y: x + 0 * y, trials=9, seed=2).page_controls()
    assert [c.values for c in controls] == [[4, 9, 16, 25, 36, 49], [1, 2]]
