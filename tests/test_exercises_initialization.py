"""Initialization-chapter exercises. Oracles: the answers written here by hand
(256·0.01·2 = 5.12, √(6/400), √(2/(n_in+n_out)), √(2/n_in), 2/4 from H's eigenvalues 4
and 2, g·min(1, c/‖g‖) with one global norm), and the library's own
initializers, whose sample variance must match the formulas the checkers use; stubs are
"not attempted", mistakes get their message."""

import numpy as np
import pytest
from exercise_cases import standard_tests

from mlp_lib import init
from mlp_lib.exercises.initialization import he_var, xavier_var


def init_std(n_in, n_out, activation):
    return np.sqrt(2 / n_in) if activation == "relu" else np.sqrt(2 / (n_in + n_out))


def init_std_stub(n_in, n_out, activation): ...


def clip_by_global_norm(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    return [g * min(1.0, max_norm / norm) for g in grads]


def clip_by_global_norm_stub(grads, max_norm): ...


CASES = {
    "initialization.max_stable_lr": (
        0.5,
        None,
        [
            (1.0, "largest eigenvalue is the binding one"),
            (0.25, "allows up to twice that"),
            (2 / 3, "not a curvature"),
            (1 / 3, "trace"),
        ],
    ),
    "initialization.clip_by_global_norm": (
        clip_by_global_norm,
        clip_by_global_norm_stub,
        [
            (
                lambda grads, c: [g * min(1.0, c / np.linalg.norm(g)) for g in grads],
                "by its own norm",
            ),
            (lambda grads, c: [np.clip(g, -c, c) for g in grads], "by value"),
            (
                lambda grads, c: [
                    g * c / np.sqrt(sum(np.sum(x**2) for x in grads)) for g in grads
                ],
                "min(1, c/‖g‖)",
            ),
            (
                lambda grads, c: [
                    g * min(1.0, c / sum(np.linalg.norm(x) for x in grads))
                    for g in grads
                ],
                "not the sum",
            ),
        ],
    ),
    "initialization.forward_variance": (
        5.12,
        None,
        [
            (0.02, "sums 256"),
            (2.56, "inputs' variance"),
            (np.sqrt(5.12), "standard deviation"),
        ],
    ),
    "initialization.xavier_bound": (
        np.sqrt(6 / 400),
        None,
        [
            (0.005, "variance"),
            (np.sqrt(0.005), "Xavier-normal"),
            (np.sqrt(6 / 300), "He-uniform"),
            (6 / 400, "square root"),
        ],
    ),
    "initialization.init_std": (
        init_std,
        init_std_stub,
        [
            (lambda n_in, n_out, a: init_std(n_in, n_out, a) ** 2, "variance"),
            (
                lambda n_in, n_out, a: init_std(
                    n_in, n_out, "tanh" if a == "relu" else "relu"
                ),
                "swapped",
            ),
            (lambda n_in, n_out, a: np.sqrt(2 / (n_in + n_out)), "Xavier for both"),
            (
                lambda n_in, n_out, a: (
                    np.sqrt(2 / n_out) if a == "relu" else init_std(n_in, n_out, a)
                ),
                "fan-in",
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


@pytest.mark.parametrize("n_in, n_out", [(300, 100), (512, 256)])
def test_checker_formulas_are_the_librarys(n_in, n_out):
    rng = np.random.default_rng(0)
    samples = {
        "xavier_normal": xavier_var(n_in, n_out),
        "xavier_uniform": xavier_var(n_in, n_out),
        "he_normal": he_var(n_in),
        "he_uniform": he_var(n_in),
    }
    for name, var in samples.items():
        measured = np.mean([init.get(name)(n_in, n_out, rng).var() for _ in range(5)])
        assert abs(measured / var - 1) < 0.02, (
            f"{name} ({n_in}, {n_out}): variance {measured:.3g} vs {var:.3g}"
        )
