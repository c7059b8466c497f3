"""Optimizers-chapter exercises. Oracles: answers written here by hand
(2/λ_max = 0.04, η(1 − β) = 0.025, Adam's first step 2 − 0.01·0.04/(0.04 + 1e-8),
B = 8 · 0.1/0.04 = 20, the cosine rate 0.001 + ½ · 0.099 · (1 + cos(π/3))), and
the stability limit measured on the surface itself; each stub must be "not attempted"
and each typical mistake get its own message."""

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check
from mlp_lib.exercises.optimizers import CURVATURES
from mlp_lib.optim import SGD
from mlp_lib.surfaces import elongated_quadratic, trajectory


def momentum_step(w, v, g, lr, mu):
    v_new = mu * v + g
    return w - lr * v_new, v_new


def momentum_step_stub(w, v, g, lr, mu): ...


CASES = {
    "optimizers.max_stable_lr": (
        0.04,
        None,
        [
            (2 / 3, "flat direction"),
            (1 / 50, "1/λ_max"),
            (2 / 53, "do not add up"),
            (0.5, "not it yet"),
        ],
    ),
    "optimizers.momentum_step": (
        momentum_step,
        momentum_step_stub,
        [
            (lambda w, v, g, lr, mu: (w - lr * v, mu * v + g), "old velocity"),
            (
                lambda w, v, g, lr, mu: (
                    w - lr * (mu * v + (1 - mu) * g),
                    mu * v + (1 - mu) * g,
                ),
                "EMA form",
            ),
            (lambda w, v, g, lr, mu: (w + lr * (mu * v + g), mu * v + g), "uphill"),
            (lambda w, v, g, lr, mu: w - lr * (mu * v + g), "tuple"),
        ],
    ),
    "optimizers.equivalent_lr": (
        0.025,
        None,
        [
            (0.5, "(1 − β) times smaller"),
            (10.0, "divided by (1 − β)"),
            (0.475, "multiplied by β"),
        ],
    ),
    "optimizers.adam_first_step": (
        2 - 0.01 * 0.04 / (0.04 + 1e-8),
        None,
        [
            (2 - 0.01 * 0.004 / (np.sqrt(0.001 * 0.04**2) + 1e-8), "bias correction"),
            (2.01, "uphill"),
            (2 - 0.01 * 0.04, "plain SGD step"),
            (-0.01, "new w"),
        ],
    ),
    "optimizers.batch_for_floor": (
        20,
        None,
        [
            (3.2, "wrong way"),
            (8, "grows with η"),
            (50, "not to η²/B"),
            (12.65, "not to η/√B"),
        ],
    ),
    "optimizers.cosine_lr": (
        # η_min + ½(η − η_min)(1 + cos(π(20 − 5)/(50 − 5))), cos(π/3) = ½
        0.001 + 0.5 * 0.099 * 1.5,
        None,
        [
            (0.0658, "starts after the warmup"),
            (0.0796, "45 steps, not 50"),
            (0.075, "left out η_min"),
            (0.067, "linear decay"),
            (0.1495, "dropped the ½"),
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


def test_the_stability_limit_is_the_measured_one():
    surface, limit = elongated_quadratic(*CURVATURES), 2 / max(CURVATURES)

    def settles(lr):
        end = trajectory(surface, lambda p: SGD(p, lr=lr), (1.0, 1.0), steps=3000)[-1]
        return np.isfinite(end).all() and np.abs(end).max() < 1e-3

    assert settles(0.99 * limit) and not settles(1.01 * limit)


def test_checking_does_not_change_the_learners_arrays():
    w, v, g = np.array([1.0, -2.0]), np.array([0.5, 0.25]), np.array([0.2, -0.4])
    check("optimizers.momentum_step", momentum_step)
    momentum_step(w, v, g, 0.1, 0.9)
    assert w.tolist() == [1.0, -2.0] and v.tolist() == [0.5, 0.25]


def test_adam_first_step_needs_six_decimals_of_w():
    # Oracle: the step is 0.01, so 1.991 is a 10 % error in the step; 1.990000 is right.
    assert check("optimizers.adam_first_step", 1.990000).status == "correct"
    assert check("optimizers.adam_first_step", 1.991).status != "correct"
    half = check("optimizers.adam_first_step", 1.999)
    assert "corrected v but not m" in half.message, half.message
