"""mlp_lib.search: grid points, log-uniform sampling, random search, and successive
halving's rounds, survivors and budget. Oracles: counts by hand (⌈log₂ n⌉ rounds, ⌈n/2⌉
survivors, budgets r₀·2ᵏ) and toy objectives whose best configuration is known."""

import math

import numpy as np
import pytest

from mlp_lib.search import (
    LogUniform,
    Uniform,
    expected_improvement,
    grid_points,
    grid_search,
    halving_schedule,
    hyperband,
    hyperband_brackets,
    log_uniform,
    random_search,
    sample_configs,
    successive_halving,
)


def test_grid_points_are_every_combination_first_name_slowest():
    points = grid_points({"a": [1, 2], "b": ["x", "y", "z"]})
    assert len(points) == 6
    assert points[:3] == [{"a": 1, "b": "x"}, {"a": 1, "b": "y"}, {"a": 1, "b": "z"}]


def test_grid_search_finds_the_grid_point_nearest_the_optimum():
    result = grid_search(
        {"x": [0.0, 0.5, 1.0], "y": [0.0, 0.5, 1.0]},
        lambda c: -((c["x"] - 0.4) ** 2) - (c["y"] - 0.9) ** 2,
    )
    assert result.best_config == {"x": 0.5, "y": 1.0}
    assert len(result.scores) == 9
    assert np.all(np.diff(result.best_so_far()) >= 0)
    minimized = grid_search(
        {"x": [0.0, 0.5, 1.0]}, lambda c: (c["x"] - 0.9) ** 2, maximize=False
    )
    assert minimized.best_config == {
        "x": 1.0
    } and minimized.best_score == pytest.approx(0.01)


def test_log_uniform_has_uniform_logarithm_within_the_bounds():
    x = log_uniform(1e-4, 1e-1, size=20000, rng=0)
    assert x.min() >= 1e-4 and x.max() <= 1e-1
    assert np.log10(x).mean() == pytest.approx(-2.5, abs=0.02)
    assert np.log10(x).std() == pytest.approx(3 / math.sqrt(12), abs=0.02)
    # each decade gets a third of the samples; a uniform draw puts 90 % in the top one
    assert np.mean(x < 1e-3) == pytest.approx(1 / 3, abs=0.02)
    assert np.array_equal(
        log_uniform(1e-4, 1e-1, 5, rng=3), LogUniform(1e-4, 1e-1).sample(3, 5)
    )


def test_sample_configs_is_deterministic_and_respects_the_space():
    space = {"lr": LogUniform(1e-3, 1.0), "width": [8, 16, 32], "p": Uniform(0.0, 0.5)}
    a, b = sample_configs(space, 50, rng=1), sample_configs(space, 50, rng=1)
    assert a == b and len(a) == 50
    assert all(
        1e-3 <= c["lr"] <= 1 and c["width"] in (8, 16, 32) and 0 <= c["p"] <= 0.5
        for c in a
    )
    assert {c["width"] for c in a} == {8, 16, 32}
    result = random_search(space, lambda c: -abs(np.log10(c["lr"]) + 2), n=50, rng=1)
    assert result.configs == a
    assert result.best_score == max(result.scores)


@pytest.mark.parametrize(
    "n, rounds", [(2, 1), (3, 2), (4, 2), (5, 3), (16, 4), (17, 5), (27, 5), (64, 6)]
)
def test_halving_has_ceil_log2_n_rounds_with_doubling_budgets(n, rounds):
    schedule = halving_schedule(n, min_budget=3)
    assert len(schedule) == rounds == math.ceil(math.log2(n))
    assert [r for _, r in schedule] == [3 * 2**k for k in range(rounds)]
    sizes = [m for m, _ in schedule]
    assert sizes[0] == n and all(
        b == math.ceil(a / 2) for a, b in zip(sizes, sizes[1:])
    )
    assert math.ceil(sizes[-1] / 2) == 1


def test_halving_schedule_for_27_and_eta_3():
    assert halving_schedule(27, 1) == [(27, 1), (14, 2), (7, 4), (4, 8), (2, 16)]
    assert halving_schedule(27, 1, eta=3) == [(27, 1), (9, 3), (3, 9)]


def test_successive_halving_keeps_the_better_half_and_accounts_for_the_budget():
    # configuration i has the known score i / 10 at every budget: the last one wins
    configs = [{"q": i} for i in range(16)]
    calls = []

    def train_for(i, budget):
        calls.append((i, budget))
        return configs[i]["q"] / 10

    result = successive_halving(configs, train_for, min_budget=2)
    assert result.best == 15
    assert [r.budget for r in result.rounds] == [2, 4, 8, 16]
    assert [len(r.configs) for r in result.rounds] == [16, 8, 4, 2]
    assert result.rounds[0].kept == list(
        range(15, 7, -1)
    )  # the better half, best first
    assert all(r.kept == r.configs[: len(r.configs) // 2] for r in result.rounds)
    assert len(calls) == 16 + 8 + 4 + 2
    assert result.total_budget == sum(b for _, b in calls) == 4 * 16 * 2
    # resumed: 8 stop at 2, 4 at 4, 2 at 8, 2 reach 16
    assert result.resumed_budget == 8 * 2 + 4 * 4 + 2 * 8 + 2 * 16 == 80
    assert result.full_budget == 16 * 16


def test_successive_halving_finds_the_optimum_of_a_noisy_learning_curve_objective():
    # score(budget) rises towards the configuration's final quality; best lr is 10^-2
    lrs = log_uniform(1e-5, 1.0, 27, rng=4)
    quality = -np.abs(np.log10(lrs) + 2)

    def train_for(i, budget):
        return quality[i] * (1 + 1 / budget)

    result = successive_halving([{"lr": lr} for lr in lrs], train_for, min_budget=1)
    assert result.best == int(np.argmax(quality))
    assert len(result.rounds) == 5 and [len(r.configs) for r in result.rounds] == [
        27,
        14,
        7,
        4,
        2,
    ]
    minimized = successive_halving(
        list(lrs), lambda i, b: -train_for(i, b), min_budget=1, maximize=False
    )
    assert minimized.best == result.best


def test_ties_go_to_the_lower_index():
    result = successive_halving(list(range(4)), lambda i, b: 1.0, min_budget=1)
    assert result.best == 0 and result.rounds[0].kept == [0, 1]


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(n=1, min_budget=1),
        dict(n=2.5, min_budget=1),
        dict(n=8, min_budget=0),
        dict(n=8, min_budget=-1),
        dict(n=8, min_budget=1, eta=1),
        dict(n=8, min_budget=1, eta=1.5),
        dict(n=8, min_budget=math.inf),
    ],
)
def test_invalid_schedules_raise(kwargs):
    with pytest.raises(ValueError):
        halving_schedule(**kwargs)


def test_invalid_arguments_raise():
    with pytest.raises(ValueError, match="at least|>= 2"):
        successive_halving([{"a": 1}], lambda i, b: 0.0, min_budget=1)
    with pytest.raises(ValueError, match="NaN"):
        successive_halving([1, 2], lambda i, b: float("nan"), min_budget=1)
    for bad in ({}, {"a": []}, {"a": 3}, [1, 2]):
        with pytest.raises(ValueError):
            sample_configs(bad, 3, rng=0)
    with pytest.raises(ValueError):
        grid_points({"a": Uniform(0, 1)})
    with pytest.raises(ValueError):
        sample_configs({"a": [1]}, 0)
    for low, high in ((0.0, 1.0), (-1.0, 1.0), (1.0, 1.0), (2.0, 1.0)):
        with pytest.raises(ValueError):
            log_uniform(low, high)
        with pytest.raises(ValueError):
            LogUniform(low, high)
    with pytest.raises(ValueError):
        Uniform(1.0, 0.0)


def test_hyperband_brackets_match_table_1_of_li_et_al_2018():
    # oracle: Table 1 of Li et al. (JMLR 2018), R = 81, η = 3, columns s = 4 .. 0
    assert hyperband_brackets(81, eta=3) == [
        [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)],
        [(34, 3), (11, 9), (3, 27), (1, 81)],
        [(15, 9), (5, 27), (1, 81)],
        [(8, 27), (2, 81)],
        [(5, 81)],
    ]
    # every bracket costs about (s_max + 1) R = 405
    for bracket in hyperband_brackets(81, eta=3):
        assert 300 < sum(n * r for n, r in bracket) <= 405 + 81
    assert hyperband_brackets(16, eta=4) == [
        [(16, 1), (4, 4), (1, 16)],
        [(6, 4), (1, 16)],
        [(3, 16)],
    ]
    assert hyperband_brackets(2, eta=3) == [[(1, 2)]]


def test_hyperband_runs_each_bracket_on_fresh_configurations_and_finds_the_best():
    # score of configuration i at any budget: a known quality; the best is index 40
    brackets = hyperband_brackets(27, eta=3)
    needed = sum(b[0][0] for b in brackets)
    quality = -np.abs(np.arange(needed) - 40.0)
    calls = []

    def train_for(i, budget):
        calls.append((i, budget))
        return quality[i] * (1 + 1 / budget)

    result = hyperband(list(range(needed)), train_for, 27, eta=3)
    assert result.best == 40 and result.best_score == pytest.approx(0.0)
    assert [[len(r.configs) for r in b] for b in result.brackets] == [
        [n for n, _ in bracket] for bracket in brackets
    ]
    assert (
        result.total_budget
        == sum(b for _, b in calls)
        == sum(n * r for bracket in brackets for n, r in bracket)
    )
    firsts = [b[0].configs for b in result.brackets]
    assert sorted(i for f in firsts for i in f) == list(range(needed))
    assert result.resumed_budget < result.total_budget
    with pytest.raises(ValueError, match="exactly"):
        hyperband(list(range(needed - 1)), train_for, 27, eta=3)
    with pytest.raises(ValueError, match="max_budget"):
        hyperband_brackets(0.5)
    with pytest.raises(ValueError, match="eta"):
        hyperband_brackets(81, eta=1.5)


def test_expected_improvement_matches_monte_carlo_and_its_limits():
    # oracle: the mean of max(f − f* − ξ, 0) over 400,000 draws f ~ N(μ, σ²)
    rng = np.random.default_rng(0)
    mu, sigma = np.array([0.9, 0.95, 1.0, 0.5]), np.array([0.02, 0.05, 0.01, 0.3])
    best, xi = 0.96, 0.01
    f = mu + sigma * rng.standard_normal((400_000, 4))
    mc = np.maximum(f - best - xi, 0).mean(axis=0)
    se = np.maximum(f - best - xi, 0).std(axis=0) / np.sqrt(400_000)
    ei = expected_improvement(mu, sigma, best, xi)
    assert np.all(np.abs(ei - mc) < 4 * se + 1e-12), (ei, mc)
    # σ = 0: the improvement itself; far below the best: 0; far above: μ − f* − ξ
    assert np.allclose(expected_improvement([1.0, 0.5], [0.0, 0.0], 0.8), [0.2, 0.0])
    assert expected_improvement([0.0], [0.01], 1.0)[0] == pytest.approx(0, abs=1e-300)
    assert expected_improvement([2.0], [0.01], 1.0, xi=0.1)[0] == pytest.approx(0.9)
    with pytest.raises(ValueError, match="sigma"):
        expected_improvement([1.0], [-0.1], 0.5)
    with pytest.raises(ValueError, match="shape"):
        expected_improvement([1.0, 2.0], [0.1], 0.5)
    with pytest.raises(ValueError, match="mu must be finite"):
        expected_improvement([np.nan], [0.1], 0.5)
