"""Hyperparameter search: grid, random search, successive halving, Hyperband and the
expected improvement of Bayesian optimization.

A search *space* is a dict name -> specification: a list or tuple of values (grid
values, or choices drawn with equal probability), ``Uniform(low, high)`` or
``LogUniform(low, high)`` (for scale parameters such as the learning rate: every factor
of ten between the bounds is equally likely). A *configuration* is a dict name -> value.
The callables that score configurations (``evaluate``, ``train_for``) come from the
caller, so this module knows nothing about networks. Scores are maximized (validation
accuracy, say); pass ``maximize=False`` for losses. Ties go to the configuration tried
first, so every result is deterministic given the scores (and the ``rng``).
"""

import itertools
import math
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Uniform:
    """A number drawn uniformly from [low, high]."""

    low: float
    high: float

    def __post_init__(self):
        if not (
            np.isfinite(self.low) and np.isfinite(self.high) and self.low < self.high
        ):
            raise ValueError(
                f"need finite low < high, got low={self.low!r}, high={self.high!r}"
            )

    def sample(self, rng, size=None):
        return np.random.default_rng(rng).uniform(self.low, self.high, size)


@dataclass(frozen=True)
class LogUniform(Uniform):
    """A number whose logarithm is uniform in [log low, log high] (0 < low < high)."""

    def __post_init__(self):
        super().__post_init__()
        if not self.low > 0:
            raise ValueError(f"a log-uniform range needs low > 0, got low={self.low!r}")

    def sample(self, rng, size=None):
        return log_uniform(self.low, self.high, size, rng)


def log_uniform(low, high, size=None, rng=None):
    """Samples exp(u) with u uniform in [ln low, ln high], so that
    P(a ≤ x ≤ b) = ln(b/a) / ln(high/low)."""
    if not (0 < low < high and np.isfinite(high)):
        raise ValueError(f"need 0 < low < high, got low={low!r}, high={high!r}")
    return np.exp(np.random.default_rng(rng).uniform(np.log(low), np.log(high), size))


def _check_space(space, what):
    if not isinstance(space, dict) or not space:
        raise ValueError(
            f"{what} must be a non-empty dict name -> specification, got {space!r}"
        )
    for name, spec in space.items():
        if isinstance(spec, (list, tuple)):
            if len(spec) == 0:
                raise ValueError(f"{what}[{name!r}] is an empty list of values")
        elif not isinstance(spec, Uniform):
            raise ValueError(
                f"{what}[{name!r}] must be a list of values, Uniform or LogUniform, "
                f"got {spec!r}"
            )


def grid_points(grid):
    """Every combination of the value lists in ``grid``, as dicts (the first name
    varies slowest)."""
    _check_space(grid, "grid")
    if any(isinstance(spec, Uniform) for spec in grid.values()):
        raise ValueError("a grid needs a list of values for every hyperparameter")
    names = list(grid)
    return [dict(zip(names, values)) for values in itertools.product(*grid.values())]


def sample_configs(space, n, rng=None):
    """``n`` configurations drawn independently from ``space``; choices from lists are
    uniform."""
    _check_space(space, "space")
    if not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ValueError(
            f"n (the number of configurations) must be an integer >= 1, got {n!r}"
        )
    rng = np.random.default_rng(rng)
    configs = []
    for _ in range(n):
        config = {}
        for name, spec in space.items():
            config[name] = (
                float(spec.sample(rng))
                if isinstance(spec, Uniform)
                else spec[rng.integers(len(spec))]
            )
        configs.append(config)
    return configs


@dataclass
class SearchResult:
    """The configurations tried, in order, and their scores; ``best`` is the index of
    the best one."""

    configs: list
    scores: np.ndarray
    maximize: bool = True

    @property
    def best(self):
        return int(np.argmax(self.scores) if self.maximize else np.argmin(self.scores))

    @property
    def best_config(self):
        return self.configs[self.best]

    @property
    def best_score(self):
        return float(self.scores[self.best])

    def best_so_far(self):
        """The best score among the first k trials, for k = 1 .. number of trials."""
        return (
            np.maximum.accumulate(self.scores)
            if self.maximize
            else np.minimum.accumulate(self.scores)
        )


def _evaluate_all(configs, evaluate, maximize):
    return SearchResult(
        configs, np.array([float(evaluate(config)) for config in configs]), maximize
    )


def grid_search(grid, evaluate, maximize=True):
    """Score every point of the grid (see ``grid_points``) with
    ``evaluate(config) -> number``."""
    return _evaluate_all(grid_points(grid), evaluate, maximize)


def random_search(space, evaluate, n, rng=None, maximize=True):
    """Score ``n`` configurations drawn from ``space`` (see ``sample_configs``)."""
    return _evaluate_all(sample_configs(space, n, rng), evaluate, maximize)


def halving_schedule(n, min_budget, eta=2):
    """The rounds of successive halving as pairs (n_k configurations, budget r_k each).

    Round k = 0, 1, ... trains n_k configurations to the budget r_k = min_budget · ηᵏ
    and keeps the best n_{k+1} = ⌈n_k / η⌉; it stops after the round that leaves one.
    With η = 2 there are exactly ⌈log₂ n⌉ rounds, numbered 0 .. ⌈log₂ n⌉ − 1, and the
    winner is trained to min_budget · 2^(⌈log₂ n⌉ − 1).
    """
    if not (isinstance(n, (int, np.integer)) and n >= 2):
        raise ValueError(
            f"n (the number of configurations) must be an integer >= 2, got {n!r}"
        )
    if not (isinstance(eta, (int, np.integer)) and eta >= 2):
        raise ValueError(
            f"eta (the elimination factor) must be an integer >= 2, got {eta!r}"
        )
    if not (
        isinstance(min_budget, (int, float, np.integer, np.floating))
        and 0 < min_budget < math.inf
    ):
        raise ValueError(f"min_budget must be a positive number, got {min_budget!r}")
    rounds, budget = [], min_budget
    while n > 1:
        rounds.append((int(n), budget))
        n, budget = -(-n // eta), budget * eta  # ⌈n / η⌉ in integers
    return rounds


@dataclass
class Round:
    """One round of successive halving: who was trained to ``budget``, their scores, who
    was kept."""

    budget: float
    configs: list  # indices into the configurations, best first
    scores: list  # their scores, in the same order
    kept: list  # the indices that go on to the next round


@dataclass
class HalvingResult:
    """What ``successive_halving`` did: its rounds, the winner and the budget spent."""

    rounds: list
    best: int
    # index -> the largest budget it was trained to
    budget_reached: dict = field(default_factory=dict)

    @property
    def total_budget(self):
        """Σ_k n_k r_k: the cost when every round trains from scratch."""
        return sum(len(r.configs) * r.budget for r in self.rounds)

    @property
    def resumed_budget(self):
        """Σ over configurations of the largest budget each reached: the cost when
        training resumes."""
        return sum(self.budget_reached.values())

    @property
    def full_budget(self):
        """n · r_max: the cost of training all configurations to the winner's budget."""
        return len(self.budget_reached) * self.rounds[-1].budget


def successive_halving(configs, train_for, min_budget, eta=2, maximize=True):
    """Successive halving over ``configs`` (a list of at least two configurations).

    ``train_for(i, budget) -> score``: the score of configuration ``configs[i]`` after
    training it for a total of ``budget`` units (epochs, say). Whether the caller
    resumes an earlier run of i or starts afresh is its choice; ``HalvingResult``
    reports the cost both ways. The rounds follow
    ``halving_schedule(len(configs), min_budget, eta)``: in each, every surviving
    configuration is trained to the round's budget, and the best ⌈n_k / η⌉ survive
    (ties: lower index first).
    """
    schedule = halving_schedule(len(configs), min_budget, eta)
    alive, rounds, reached = list(range(len(configs))), [], {}
    for n_k, budget in schedule:
        scores = [float(train_for(i, budget)) for i in alive]
        if any(np.isnan(scores)):
            raise ValueError(
                f"train_for returned NaN at budget {budget}: "
                "give failed runs the worst score"
            )
        order = sorted(
            range(n_k), key=lambda j: (-scores[j] if maximize else scores[j], alive[j])
        )
        for i in alive:
            reached[i] = budget
        ranked = [alive[j] for j in order]
        kept = ranked[: -(-n_k // eta)]
        rounds.append(Round(budget, ranked, [scores[j] for j in order], kept))
        alive = kept
    return HalvingResult(rounds, alive[0], dict(sorted(reached.items())))


def _budget(max_budget, eta, exponent):
    """max_budget · η^exponent, an int when that is a whole number."""
    value = max_budget * eta**exponent if exponent >= 0 else max_budget / eta**-exponent
    return int(value) if float(value).is_integer() else value


def hyperband_brackets(max_budget, eta=3):
    """The brackets of Hyperband (Li et al., 2018) as lists of rounds (n_i, r_i).

    With s_max = ⌊log_η R⌋ (R = ``max_budget``), bracket s = s_max, ..., 0 starts
    n = ⌈(s_max + 1) ηˢ / (s + 1)⌉ configurations at r = R η⁻ˢ; its rounds
    i = 0 .. s train n_i = ⌊n η⁻ⁱ⌋ of them to r_i = r ηⁱ (successive halving that
    keeps the best ⌊n_i / η⌋). Every bracket costs Σ_i n_i r_i ≲ (s_max + 1) R.
    """
    if not (isinstance(eta, (int, np.integer)) and eta >= 2):
        raise ValueError(
            f"eta (the elimination factor) must be an integer >= 2, got {eta!r}"
        )
    if not (
        isinstance(max_budget, (int, float, np.integer, np.floating))
        and 1 <= max_budget < math.inf
    ):
        raise ValueError(f"max_budget must be a number >= 1, got {max_budget!r}")
    s_max = 0
    while eta ** (s_max + 1) <= max_budget:  # ⌊log_η R⌋ without rounding errors
        s_max += 1
    brackets = []
    for s in range(s_max, -1, -1):
        n = -(-(s_max + 1) * eta**s // (s + 1))  # ⌈(s_max + 1) ηˢ / (s + 1)⌉
        brackets.append(
            [(n // eta**i, _budget(max_budget, eta, i - s)) for i in range(s + 1)]
        )
    return brackets


@dataclass
class HyperbandResult:
    """What ``hyperband`` did: the rounds of each bracket, the winner, its score."""

    brackets: list  # per bracket, its list of Round
    best: int
    best_score: float
    budget_reached: dict = field(default_factory=dict)

    @property
    def total_budget(self):
        """Σ over brackets and rounds of n_i r_i: the cost training from scratch."""
        return sum(len(r.configs) * r.budget for b in self.brackets for r in b)

    @property
    def resumed_budget(self):
        """Σ over configurations of the largest budget each reached."""
        return sum(self.budget_reached.values())


def hyperband(configs, train_for, max_budget, eta=3, maximize=True):
    """Hyperband (Li et al., 2018): successive halving in every bracket of
    ``hyperband_brackets(max_budget, eta)``, each on fresh configurations.

    ``configs``: exactly Σ n (the brackets' first n_0) configurations, used in order.
    ``train_for(i, budget) -> score`` as in ``successive_halving``. The winner is the
    best of the brackets' winners at the full budget (ties: the earlier bracket).
    """
    brackets = hyperband_brackets(max_budget, eta)
    needed = sum(rounds[0][0] for rounds in brackets)
    if len(configs) != needed:
        raise ValueError(
            f"hyperband with max_budget={max_budget!r}, eta={eta} needs exactly "
            f"{needed} configurations, got {len(configs)}"
        )
    sign = -1 if maximize else 1
    result, start, reached = [], 0, {}
    best, best_score = None, None
    for rounds in brackets:
        alive = list(range(start, start + rounds[0][0]))
        start += rounds[0][0]
        done = []
        for i, (n_i, budget) in enumerate(rounds):
            scores = [float(train_for(j, budget)) for j in alive]
            if any(np.isnan(scores)):
                raise ValueError(
                    f"train_for returned NaN at budget {budget}: "
                    "give failed runs the worst score"
                )
            order = sorted(range(n_i), key=lambda k: (sign * scores[k], alive[k]))
            reached.update((j, budget) for j in alive)
            ranked = [alive[k] for k in order]
            keep = rounds[i + 1][0] if i + 1 < len(rounds) else 1
            done.append(
                Round(budget, ranked, [scores[k] for k in order], ranked[:keep])
            )
            alive = ranked[:keep]
        winner_score = done[-1].scores[0]
        if best is None or sign * winner_score < sign * best_score:
            best, best_score = alive[0], winner_score
        result.append(done)
    return HyperbandResult(result, best, best_score, dict(sorted(reached.items())))


def expected_improvement(mu, sigma, best, xi=0.0):
    """E[max(f − f* − ξ, 0)] for f ~ N(μ, σ²), f* = ``best`` (scores maximized):
    (μ − f* − ξ) Φ(Z) + σ φ(Z) with Z = (μ − f* − ξ) / σ; max(μ − f* − ξ, 0) at σ = 0.
    ``mu`` and ``sigma`` are arrays of the same shape (a surrogate's mean and std).
    """
    from scipy.stats import norm  # scipy only when asked for (importing stays light)

    mu, sigma = np.asarray(mu, dtype=float), np.asarray(sigma, dtype=float)
    if mu.shape != sigma.shape:
        raise ValueError(f"mu {mu.shape} and sigma {sigma.shape} must have one shape")
    if not np.all(np.isfinite(mu)):
        raise ValueError("mu must be finite (a surrogate's mean)")
    if np.any(sigma < 0) or not np.all(np.isfinite(sigma)):
        raise ValueError("sigma must be finite and >= 0 (a standard deviation)")
    if not (np.isfinite(best) and np.isfinite(xi) and xi >= 0):
        raise ValueError(f"need finite best and xi >= 0, got {best!r}, {xi!r}")
    gain = mu - best - xi
    safe = np.where(sigma > 0, sigma, 1.0)
    z = gain / safe
    ei = gain * norm.cdf(z) + safe * norm.pdf(z)
    return np.where(sigma > 0, ei, np.maximum(gain, 0.0))
