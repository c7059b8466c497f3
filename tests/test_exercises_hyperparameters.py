"""Chapter 13 exercises. Oracle: reference answers written here by hand
(27 → 14 → 7 → 4 → 2 → 1 is 5 rounds; 13·1 + 7·2 + 3·4 + 2·8 + 2·16 = 87 epochs;
1 − 0.95¹⁶; 10**uniform(log₁₀ low, log₁₀ high); Hyperband R = 64, η = 4, s = 2:
n = ⌈4 · 16 / 3⌉ = 22, rounds 22 · 4 + 5 · 16 + 1 · 64 = 232; 0.03 · E[max of 10
standard normals] = 0.03 · 1.5388 = 0.0462, the tabulated expected maximum; EI by hand,
A: 0.01 Φ(2) + 0.005 φ(2) = 0.0100, B = (0.90, 0.09): −0.05 Φ(−0.556) + 0.09 φ(0.556)
= 0.0163, B = (0.90, 0.05): −0.05 Φ(−1) + 0.05 φ(1) = 0.0042); each
stub must be "not attempted" and each typical mistake must get its own message."""

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def sample_log_uniform(low, high, n, rng):
    return 10 ** rng.uniform(np.log10(low), np.log10(high), n)


def sample_log_uniform_stub(low, high, n, rng): ...


CASES = {
    "hyperparameters.halving_rounds": (
        5,
        None,
        [
            (4.754887502163468, "round it up"),
            (4, "index of the last round"),
            (3, "η = 3"),
            (26, "drops half"),
        ],
    ),
    "hyperparameters.halving_epochs": (
        87,
        None,
        [
            (147, "from scratch"),
            (432, "full budget"),
            (54, "budget doubles"),
            (71, "one more round"),
            (64, "halved downwards"),
        ],
    ),
    "hyperparameters.random_hits": (
        "0.56",
        None,
        [
            (0.44, "all 16 miss"),
            (0.8, "complement"),
            (0.1855, "4 distinct values"),
            (0.05, "one trial"),
            (56.0, "percentage"),
        ],
    ),
    "hyperparameters.hyperband_bracket": (
        (22, 232),
        None,
        [
            ((16, 192), "starts ηˢ configurations"),
            ((22, 312), "rounded the survivors up"),
            ((22, 88), "first round only"),
            ((22, 196), "resumed training"),
            ((21, 228), "rounded n down"),
            ((8, 256), "bracket s = 1"),
        ],
    ),
    "hyperparameters.best_of_k": (
        0.0462,
        None,
        [
            (0.0, "maximum of ten"),
            (0.03, "one standard deviation"),
            (0.0644, "upper bound"),
            (0.0095, "standard error of a mean"),
            (0.846, "best_score_ itself"),
            (4.62, "not in percent"),
            (1.5388, "multiply by σ"),
        ],
    ),
    "hyperparameters.ei_explore": (
        (0.90, 0.09),
        None,
        [
            ((0.90, 0.05), "increase σ_B"),
            ((0.80, 0.1), "cannot make up"),
            ((0.90, 0.0), "without uncertainty"),
            ((0.96, 0.05), "above 0.93"),
            ((0.9, 0.5), "more than 0.1"),
            ((0.05, 0.9), "mean first"),
            ((0.9, -0.1), "cannot be negative"),
            ((0.9,), "2 numbers"),
        ],
    ),
    "hyperparameters.log_uniform": (
        sample_log_uniform,
        sample_log_uniform_stub,
        [
            (
                lambda low, high, n, rng: rng.uniform(low, high, n),
                "uniform sampling between the bounds",
            ),
            (
                lambda low, high, n, rng: rng.uniform(np.log10(low), np.log10(high), n),
                "exponents",
            ),
            (
                lambda low, high, n, rng: np.exp(
                    rng.uniform(np.log10(low), np.log10(high), n)
                ),
                "mix log₁₀ with exp",
            ),
            (
                lambda low, high, n, rng: (
                    10 ** rng.normal((np.log10(low) + np.log10(high)) / 2, 0.3, n)
                ),
                "standard deviation",
            ),
            (
                lambda low, high, n, rng: np.full(n, np.sqrt(low * high)),
                "standard deviation",
            ),
            (
                lambda low, high, n, rng: (
                    10 ** rng.uniform(np.log10(low), np.log10(high), n - 1)
                ),
                "shape",
            ),
            (
                lambda low, high, n, rng: (
                    10
                    ** (
                        np.log10(low)
                        + (np.log10(high) - np.log10(low)) * rng.random(n) ** 2
                    )
                ),
                "mean of log₁₀",
            ),
        ],
    ),
}


(
    test_reference_answer_passes,
    test_stub_is_not_attempted,
    test_typical_mistake_gets_its_message,
    test_odd_answers_get_feedback_not_exceptions,
    test_hard_coded_example_and_replayed_feedback_fail,
    test_feedback_never_shows_the_answer,
    test_a_float32_reference_passes_or_is_told_why,
    test_reference_passes_on_other_generated_inputs,
) = standard_tests(CASES)


def test_natural_log_sampling_is_also_right():
    def natural(low, high, n, rng):
        return np.exp(rng.uniform(np.log(low), np.log(high), n))

    assert check("hyperparameters.log_uniform", natural).passed


def test_a_random_search_helper_from_the_library_passes():
    from mlp_lib.search import log_uniform

    assert check(
        "hyperparameters.log_uniform",
        lambda low, high, n, rng: log_uniform(low, high, n, rng),
    ).passed
