"""Exercises of the hyperparameter-search chapter ("hyperparameters.*"): the rounds and
the epochs of successive halving, the chance that random trials hit a narrow good range,
log-uniform sampling, a Hyperband bracket, the optimism of the best of k noisy
scores, and a design: a candidate that expected improvement prefers despite a lower
mean.

Expected values come from the library (mlp_lib.search); the reference solutions are in
the chapter's notebook.
"""

import math

import numpy as np

from ..search import (
    expected_improvement,
    halving_schedule,
    hyperband_brackets,
    successive_halving,
)
from . import (
    Number,
    as_numbers,
    attempt_rng,
    correct,
    exercise,
    number_exercise,
    run_calls,
    wrong,
)

# successive halving in the exercises: N configurations, R0 epochs each in round 0
N, R0 = 27, 1
# random trials against a good range, 5 % of the important hyperparameter's interval
TRIALS, GOOD = 16, 0.05
# Hyperband in the exercise: R = 64 epochs, η = 4, bracket s = 2
HB_R, HB_ETA, HB_S = 64, 4, 2
# best_score_ as the best of K noisy estimates: true accuracy, noise std
K_CONFIGS, TRUE_ACC, NOISE = 10, 0.80, 0.03
# the EI design: best so far f*, candidate A (μ, σ), the bounds on candidate B
EI_BEST, EI_A, EI_MU_MAX, EI_SIGMA_MAX = 0.95, (0.96, 0.005), 0.93, 0.1


def _resumed_epochs(n, min_budget, rounds=None):
    """Epochs spent when training resumes.

    Each configuration costs the largest budget it reaches.
    """
    if rounds is None:
        return successive_halving(
            list(range(n)), lambda i, budget: -i, min_budget
        ).resumed_budget
    # a run stopped after ``rounds`` rounds
    schedule = halving_schedule(n, min_budget)[:rounds]
    sizes = [m for m, _ in schedule] + [math.ceil(schedule[-1][0] / 2)]
    return (
        sum((sizes[k] - sizes[k + 1]) * r for k, (_, r) in enumerate(schedule))
        + sizes[-1] * schedule[-1][1]
    )


@number_exercise("hyperparameters.halving_rounds")
def halving_rounds():
    """How many rounds does successive halving (η = 2, keep ⌈n/2⌉ each round) take to
    go from 27 configurations to one?

    Stub: ``answer = None``, then ``check("hyperparameters.halving_rounds", answer)``.
    """
    return Number(
        len(halving_schedule(N, R0)),
        digits=3,
        hints={
            math.log2(N): (
                "log₂ 27 ≈ 4.75 is not a whole number "
                "of rounds; round it up: ⌈log₂ 27⌉."
            ),
            math.ceil(math.log2(N)) - 1: (
                "⌈log₂ N⌉ − 1 = 4 is the index of the last round when rounds are "
                "numbered from 0; or you halved downwards (27 → 13 → 6 → 3 → 1). "
                "Keeping ⌈n/2⌉ gives 27 → 14 → 7 → 4 → 2 → 1: count the arrows."
            ),
            3: (
                "that is log₃ 27, the count for η = 3; "
                "here each round keeps half (η = 2)."
            ),
            N - 1: (
                "that eliminates one configuration per round; "
                "successive halving drops half of them."
            ),
        },
        explain="27 → 14 → 7 → 4 → 2 → 1: ⌈log₂ 27⌉ = 5 rounds, numbered 0 to 4.",
    )


@number_exercise("hyperparameters.halving_epochs")
def halving_epochs():
    """How many epochs does successive halving spend in total on 27 configurations,
    with 1 epoch each in round 0, the budget doubling every round, keeping ⌈n/2⌉
    configurations per round, and training resumed (a configuration costs the largest
    budget it reaches)?

    Stub: ``answer = None``, then ``check("hyperparameters.halving_epochs", answer)``.
    """
    schedule = halving_schedule(N, R0)
    floor_sizes = [N]
    while floor_sizes[-1] > 1:
        floor_sizes.append(floor_sizes[-1] // 2)
    floor_cost = sum(
        (a - b) * R0 * 2**k
        for k, (a, b) in enumerate(zip(floor_sizes, floor_sizes[1:]))
    )
    floor_cost += R0 * 2 ** (
        len(floor_sizes) - 2
    )  # the winner, trained in the last round
    return Number(
        _resumed_epochs(N, R0),
        hints={
            sum(m * r for m, r in schedule): (
                "147 counts every round as training from scratch "
                "(Σ nₖ rₖ); with resumed training a configuration "
                "costs only the largest budget it reaches."
            ),
            N * schedule[-1][1]: (
                "432 = 27 × 16 is training every configuration to "
                "the full budget, the cost successive halving avoids."
            ),
            sum(m * R0 for m, _ in schedule): (
                "you forgot that the budget doubles "
                "every round (1, 2, 4, 8, 16 epochs)."
            ),
            _resumed_epochs(N, R0, rounds=len(schedule) - 1): (
                "that stops after 4 rounds with 2 configurations left; "
                "one more round (at 16 epochs) picks the winner."
            ),
            floor_cost: (
                "you halved downwards (27 → 13 → ...); "
                "keep ⌈n/2⌉: 27 → 14 → 7 → 4 → 2 → 1."
            ),
        },
        explain=(
            "13 configurations stop at 1 epoch, 7 at 2, "
            "3 at 4, 2 at 8, 2 reach 16: 13 + 14 + 12 + 16 + 32."
        ),
    )


@number_exercise("hyperparameters.random_hits")
def random_hits():
    """What is the probability that at least one of 16 random trials lands in a good
    range covering 5 % of the important hyperparameter's interval (a probability
    between 0 and 1)?

    Stub: ``answer = None``, then ``check("hyperparameters.random_hits", answer)``.
    """
    return Number(
        1 - (1 - GOOD) ** TRIALS,
        digits=3,
        hints={
            (1 - GOOD) ** TRIALS: (
                "that is the probability that all 16 miss; "
                "the question asks for at least one hit."
            ),
            TRIALS * GOOD: (
                "adding 16 × 0.05 counts the overlaps twice (it would exceed "
                "1 with 21 trials); use the complement: 1 − P(all miss)."
            ),
            1 - (1 - GOOD) ** 4: (
                "that is for 4 distinct values, what a 4 × 4 "
                "grid tests; each of the 16 random trials has "
                "its own value of the important hyperparameter."
            ),
            GOOD: "that is the chance of one trial; there are 16 independent ones.",
            100
            * (
                1 - (1 - GOOD) ** TRIALS
            ): "give a probability between 0 and 1, not a percentage.",
        },
        explain=(
            "Random trials each test a fresh value of the important hyperparameter."
        ),
    )


def _bracket(n, rounds_of):
    """(n, Σ n_i r_i) of a bracket that starts n configurations at r = R η⁻ˢ and keeps
    ``rounds_of(n)`` configurations per round."""
    r = HB_R // HB_ETA**HB_S
    sizes = rounds_of(n)
    return (n, sum(m * r * HB_ETA**i for i, m in enumerate(sizes)))


@number_exercise("hyperparameters.hyperband_bracket")
def hyperband_bracket():
    """Hyperband with R = 64 epochs and η = 4, bracket s = 2: how many configurations
    does it start, and how many epochs does it train in total, Σ n_i r_i (every round
    from scratch)?

    Stub: ``answer = None``, then
    ``check("hyperparameters.hyperband_bracket", answer)``.
    """
    brackets = hyperband_brackets(HB_R, HB_ETA)  # s = s_max, ..., 0
    s_max = len(brackets) - 1
    rounds = brackets[s_max - HB_S]
    expected = (rounds[0][0], sum(m * r for m, r in rounds))

    def floors(n):
        return [n // HB_ETA**i for i in range(HB_S + 1)]

    def ceils(n):
        return [-(-n // HB_ETA**i) for i in range(HB_S + 1)]

    n = expected[0]
    plain = HB_ETA**HB_S  # ηˢ configurations, without the factor (s_max + 1)/(s + 1)
    rounded_down = (s_max + 1) * HB_ETA**HB_S // (HB_S + 1)  # ⌊…⌋ instead of ⌈…⌉
    neighbour = brackets[s_max - HB_S + 1]  # bracket s − 1, one too far down
    resumed = sum(
        (a - b) * (HB_R // HB_ETA**HB_S) * HB_ETA**i
        for i, (a, b) in enumerate(zip(floors(n), floors(n)[1:] + [0]))
    )
    return Number(
        expected,
        integer=True,
        names=("configurations n", "epochs Σ n_i r_i"),
        hints={
            _bracket(plain, floors): (
                "that bracket starts ηˢ configurations; Hyperband gives every bracket "
                "about the same budget, (s_max + 1) R, so bracket s starts "
                "⌈(s_max + 1) ηˢ / (s + 1)⌉ of them."
            ),
            _bracket(rounded_down, floors): (
                "you rounded n down; Hyperband rounds it up, "
                "n = ⌈(s_max + 1) ηˢ / (s + 1)⌉ (eq. (eq-hyperband))."
            ),
            (neighbour[0][0], sum(m * r for m, r in neighbour)): (
                f"that is bracket s = {HB_S - 1}, the one counted {HB_S} from the "
                f"top if the top one is 0; the brackets are numbered "
                f"s = s_max = {s_max}, …, 0, so bracket s = {HB_S} is the second."
            ),
            _bracket(n, ceils): (
                "you rounded the survivors up (⌈n_i / η⌉); Hyperband keeps the "
                "best ⌊n_i / η⌋, so round i trains n_i = ⌊n η⁻ⁱ⌋ configurations."
            ),
            (n, n * (HB_R // HB_ETA**HB_S)): (
                "that is the first round only; add the later rounds, n_i r_i each."
            ),
            (n, resumed): (
                "that counts each configuration once, at the largest budget it "
                "reaches (resumed training); the question asks for Σ n_i r_i."
            ),
        },
        explain=(
            "s_max = ⌊log₄ 64⌋ = 3; n = ⌈4 · 4² / 3⌉, r = 64 / 4²; rounds of "
            "⌊n / 4ⁱ⌋ configurations at 4, 16, 64 epochs."
        ),
    )


def _expected_max(k):
    """E[max of k independent standard normals]: quadrature of k x φ(x) Φ(x)^(k−1)."""
    x = np.linspace(-10, 10, 200_001)
    pdf = np.exp(-(x**2) / 2) / math.sqrt(2 * math.pi)
    cdf = np.cumsum(pdf) * (x[1] - x[0])
    return float(np.sum(x * k * pdf * cdf ** (k - 1)) * (x[1] - x[0]))


@number_exercise("hyperparameters.best_of_k")
def best_of_k():
    """Ten configurations share the true accuracy 0.80; each CV estimate is 0.80 plus
    independent noise N(0, 0.03²). By how much does the largest of the ten estimates
    (GridSearchCV's best_score_) exceed 0.80 on average?

    Stub: ``answer = None``, then ``check("hyperparameters.best_of_k", answer)``.
    """
    gain = NOISE * _expected_max(K_CONFIGS)
    return Number(
        gain,
        digits=2,
        hints={
            NOISE / math.sqrt(K_CONFIGS): (
                "σ / √k is the standard error of a mean of k estimates; here we take "
                "their maximum."
            ),
            100 * gain: "give the gain as a fraction of 1 (accuracy), not in percent.",
            0.0: (
                "each estimate is unbiased, but the maximum of ten of them is not: "
                "the winner is the one whose noise happened to be largest."
            ),
            _expected_max(K_CONFIGS): (
                "that is the expected maximum of ten standard normals, in units of the "
                "noise's standard deviation; multiply by σ = 0.03."
            ),
            NOISE: (
                "that is one standard deviation of the noise; the expected maximum of "
                "ten standard normals is not 1."
            ),
            NOISE * math.sqrt(2 * math.log(K_CONFIGS)): (
                "σ √(2 ln k) is an upper bound on the expected maximum (and its "
                "limit for large k), not its value at k = 10."
            ),
            TRUE_ACC + gain: (
                "that is the expected best_score_ itself; the question asks how much "
                "it exceeds 0.80."
            ),
        },
        explain=(
            "E[max of 10 standard normals] ≈ 1.54, so the winner's score is about "
            "1.5 noise standard deviations too high."
        ),
    )


@exercise("hyperparameters.ei_explore", kind="value")
def ei_explore(answer):
    """With f* = 0.95 and ξ = 0, candidate A has μ = 0.96, σ = 0.005. Design a
    candidate B = (μ_B, σ_B) with μ_B ≤ 0.93 and 0 ≤ σ_B ≤ 0.1 that expected
    improvement prefers: EI(B) > EI(A).

    Stub: ``candidate = None``, then
    ``check("hyperparameters.ei_explore", candidate)``.
    """
    mu, sigma = as_numbers(answer, "candidate", ("mu_B", "sigma_B"))
    if sigma < 0:
        return wrong("σ_B is a standard deviation: it cannot be negative.")
    if sigma > EI_SIGMA_MAX:
        swapped = " (the tuple is (mu_B, sigma_B), mean first)" if mu < sigma else ""
        return wrong(
            f"σ_B = {sigma:.4g} is more than {EI_SIGMA_MAX}{swapped}: keep the "
            "belief plausible for an accuracy."
        )
    if mu > EI_MU_MAX:
        return wrong(
            f"μ_B = {mu:.4g} is above {EI_MU_MAX}: the exercise asks for a "
            f"candidate whose mean is below the best so far, f* = {EI_BEST}."
        )
    ei_a, ei_b = expected_improvement(
        [EI_A[0], mu], [EI_A[1], sigma], EI_BEST
    )  # the oracle: eq. (eq-ei), tested against Monte Carlo in tests/test_search.py
    if sigma == 0:
        return wrong(
            "with σ_B = 0 the surrogate is sure that B scores μ_B < f*, so "
            "EI(B) = max(μ_B − f*, 0) = 0: without uncertainty a lower mean gains "
            "nothing."
        )
    if ei_b > ei_a:
        return correct(
            f"EI(B) = {ei_b:.4f} > EI(A) = {ei_a:.4f}. A can gain only about 0.01, "
            "almost surely; B is expected to score below f*, so its exploitation "
            "term a Φ(Z) is negative, but its wide belief reaches well above f*, and "
            "EI counts only that part: the exploration term σ φ(Z) wins. A search "
            "that maximizes EI runs B first, and learns more from it."
        )
    best_possible = expected_improvement([mu], [EI_SIGMA_MAX], EI_BEST)[0]
    if best_possible <= ei_a:
        return wrong(
            f"EI(B) = {ei_b:.4g} is not above EI(A) = {ei_a:.4g}, and at "
            f"μ_B = {mu:.4g} even σ_B = {EI_SIGMA_MAX} cannot make up for the low "
            "mean: raise μ_B towards 0.93."
        )
    return wrong(
        f"EI(B) = {ei_b:.4g} is not above EI(A) = {ei_a:.4g}. With μ_B below f*, "
        "only the exploration term σ φ(Z) can win: increase σ_B."
    )


def _diagnose_samples(values, low, high, n):
    """Why ``values`` are not n log-uniform samples in [low, high]; None if they are."""
    try:
        values = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        return "your function should return an array of numbers."
    if values.shape != (n,):
        return (
            f"your function returned shape {values.shape}; "
            f"expected ({n},), one value per sample."
        )
    if not np.isfinite(values).all():
        return "your samples contain NaN or inf."
    if (
        (values <= 0).any()
        and (np.log10(low) - 1e-9 <= values).all()
        and (values <= np.log10(high) + 1e-9).all()
    ):
        return (
            "your values lie between log₁₀(low) and log₁₀(high): you returned "
            "the exponents u; return 10**u (the learning rates themselves)."
        )
    if (values < low * (1 - 1e-9)).any() or (values > high * (1 + 1e-9)).any():
        return (
            f"some samples lie outside [{low:g}, {high:g}] "
            f"(from {values.min():.3g} to {values.max():.3g}): did you mix "
            "log₁₀ with exp (or ln with 10**)? Use the same base both ways."
        )
    logs = np.log10(values)
    spread = math.log10(high / low)
    if np.mean(values > high / 10) > 0.8:
        return (
            f"{np.mean(values > high / 10):.0%} of your samples are in the "
            "top factor of ten: that is uniform sampling between the bounds. "
            "Draw the exponent uniformly and return 10**exponent."
        )
    if abs(
        logs.mean() - math.log10(low * high) / 2
    ) > 0.05 * spread + 3 * spread / math.sqrt(12 * n):
        return (
            f"the mean of log₁₀ of your samples is {logs.mean():.3f}; "
            f"log-uniform samples have mean {math.log10(low * high) / 2:.3f}, "
            "halfway between log₁₀(low) and log₁₀(high)."
        )
    if abs(logs.std() - spread / math.sqrt(12)) > 0.1 * spread / math.sqrt(12):
        return (
            f"the standard deviation of log₁₀ of your samples is {logs.std():.3f}; "
            f"log-uniform samples have {spread / math.sqrt(12):.3f} "
            f"(the exponent is uniform over {spread:g} decades)."
        )
    return None


@exercise("hyperparameters.log_uniform", kind="function")
def log_uniform(answer):
    """Write ``sample_log_uniform(low, high, n, rng)`` returning n learning rates whose
    log₁₀ is uniform in [log₁₀ low, log₁₀ high]. Checked statistically: bounds, mean and
    spread of log₁₀ of the samples.

    Stub: ``def sample_log_uniform(low, high, n, rng): ...``, then
    ``check("hyperparameters.log_uniform", sample_log_uniform)``.
    """
    seed = int(attempt_rng().integers(2**31))
    ranges = [(1e-5, 1e-1, 4000), (1e-3, 1.0, 3000), (0.01, 10.0, 2000)]
    calls = [
        (low, high, n, np.random.default_rng(seed + k))
        for k, (low, high, n) in enumerate(ranges)
    ]
    # the rng argument: the same seed twice, then another seed
    calls += [(1e-3, 1.0, 50, np.random.default_rng(seed)) for _ in range(2)]
    calls += [(1e-3, 1.0, 50, np.random.default_rng(seed + 1))]
    outcomes = run_calls(answer, calls)
    for (low, high, n, _), outcome in zip(calls, outcomes):
        if outcome.kind != "value":
            return wrong(
                f"your function {outcome.message}, with low={low:g}, high={high:g}, "
                f"n={n}."
            )
    for (low, high, n, _), outcome in zip(calls[:3], outcomes):
        if outcome.value is None:
            return wrong("your function returned None. Did you forget `return`?")
        problem = _diagnose_samples(outcome.value, low, high, n)
        if problem:
            return wrong(f"with low={low:g}, high={high:g}, n={n}: {problem}")
    same, again, other = (np.asarray(o.value, dtype=float) for o in outcomes[3:])
    if not np.array_equal(same, again):
        return wrong(
            "two calls with generators seeded alike gave different samples: draw "
            "from the `rng` argument (`rng.uniform(...)`), not from np.random's "
            "global state, so that a seed reproduces a search."
        )
    if np.array_equal(same, other):
        return wrong(
            "generators with different seeds gave the same samples: your function "
            "ignores its `rng` argument (a fixed seed inside?); draw with "
            "`rng.uniform(...)`."
        )
    return correct(
        "every factor of ten between the bounds gets "
        "the same share of the samples, on all 3 tests."
    )
