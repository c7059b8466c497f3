"""Chapter 8 exercises. Oracle: reference answers written here by hand
(H = −Σ p log₂ p skipping zeros; D_KL(Q‖P) = Σ Q log₂(Q/P) for Q = (0.8, 0.15, 0.05),
P = (0.5, 0.25, 0.25); the mean of −ln(probability of the true class) over the
batch; for the designed joint table, uniform margins with off-diagonal mass e and
I(X; Y) = 1 − H₂(e) bits; the floor (ln 2 + H₂(0.9) + 0) / 3 nats); each stub must be
"not attempted" and each typical mistake must get its own message."""

import numpy as np
from exercise_cases import standard_tests
from scipy.optimize import brentq

from mlp_lib.exercises import check

Q = np.array([0.8, 0.15, 0.05])
P = np.array([0.5, 0.25, 0.25])
PROBS = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25]])
LABELS = np.array([0, 1, 2, 0])
TRUE_CLASS = PROBS[np.arange(4), LABELS]


def symmetric_table(e):
    """Uniform margins, off-diagonal mass e: I(X; Y) = 1 − H₂(e) bits."""
    return np.array([[(1 - e) / 2, e / 2], [e / 2, (1 - e) / 2]])


def binary_entropy_bits(e):
    return -(e * np.log2(e) + (1 - e) * np.log2(1 - e))


# I(X; Y) = 0.5 bit needs H₂(e) = 0.5 bit; NATS_E gives 0.5 nat instead (bisection).
HALF_BIT_E = brentq(lambda e: binary_entropy_bits(e) - 0.5, 1e-9, 0.5, xtol=1e-14)
NATS_E = brentq(
    lambda e: (1 - binary_entropy_bits(e)) * np.log(2) - 0.5, 1e-9, 0.5, xtol=1e-14
)
HALF_BIT_TABLE = symmetric_table(HALF_BIT_E)
# the floor exercise: P(y = 1 | x) = 0.5, 0.9, 1.0 for three equally likely inputs
H2_NATS_09 = -(0.9 * np.log(0.9) + 0.1 * np.log(0.1))
H2_BITS_09 = H2_NATS_09 / np.log(2)
FLOOR = float((np.log(2) + H2_NATS_09 + 0.0) / 3)


def entropy_bits(p):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log2(p)))


def entropy_bits_stub(p): ...


def plain(log):
    """An entropy with ``log`` that takes log 0 (silently; the checker must cope)."""

    def entropy(p):
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(-np.sum(p * log(p)))

    return entropy


def nan_safe(log):
    def entropy(p):
        p = p[p > 0]
        return float(-np.sum(p * log(p)))

    return entropy


def no_return(p):
    h = entropy_bits(p)  # noqa: F841  (computed, never returned)


CASES = {
    "information.entropy_bits": (
        entropy_bits,
        entropy_bits_stub,
        [
            (nan_safe(np.log), "you used ln: that is the entropy in nats, not bits"),
            (lambda p: -entropy_bits(p), "you forgot the minus sign"),
            (plain(np.log2), "0 log 0 = 0"),
            (nan_safe(np.log10), "log₁₀"),
            (lambda p: -p * np.log2(np.where(p > 0, p, 1)), "one by one"),
            (lambda p: float(-np.sum(np.log2(p[p > 0]))), "without weighting"),
            (lambda p: "1.5", "expected numbers"),
            (no_return, "forget `return`"),
            (lambda p: float("nan") if len(p) > 3 else entropy_bits(p), "NaN"),
        ],
    ),
    "information.kl_bits": (
        float(np.sum(Q * np.log2(Q / P))),
        None,
        [
            (float(np.sum(P * np.log2(P / Q))), "D_KL(P‖Q)"),
            (float(np.sum(Q * np.log(Q / P))), "nats"),
            (float(-np.sum(Q * np.log2(Q / P))), "sign is wrong"),
            (float(-np.sum(Q * np.log2(P))), "cross-entropy H(Q, P)"),
            (float(-np.sum(P * np.log2(Q))), "H(P, Q)"),
            (0.5, "not it yet"),
        ],
    ),
    "information.mi_half_bit": (
        HALF_BIT_TABLE,
        None,
        [
            (np.full((2, 2), 0.25), "independent"),
            (np.diag([0.5, 0.5]), "X determines Y"),
            (np.array([[0.375, 0.125], [0.125, 0.375]]), "too little dependence"),
            (np.array([[0.45, 0.05], [0.05, 0.45]]), "too much dependence"),
            (symmetric_table(NATS_E), "nats"),
            (np.array([[0.3, 0.1], [0.2, 0.4]]), "H(X) is 0.9710 bits"),
            (np.array([[0.3, 0.2], [0.3, 0.2]]), "H(Y) is"),
            (np.array([[0.5, 0.5], [0.5, 0.5]]), "sum to 2"),
            (np.array([[0.6, -0.1], [0.0, 0.5]]), "negative"),
            ([0.5, 0.5], "2-D table"),
            ("a table", "got str 'a table'"),
        ],
    ),
    "information.loss_floor": (
        FLOOR,
        None,
        [
            (float(np.mean([1.0, H2_BITS_09, 0.0])), "in bits"),
            (-(0.8 * np.log(0.8) + 0.2 * np.log(0.2)), "H(Y)"),
            (3 * FLOOR, "added the three"),
            (1.5 * FLOOR, "two inputs only"),
            (0.0, "a loss of 0"),
            (float(np.mean([np.log(2), -np.log(0.9), 0.0])), "more likely label"),
        ],
    ),
    "information.cross_entropy_nats": (
        float(np.mean(-np.log(TRUE_CLASS))),
        None,
        [
            (float(np.mean(-np.log2(TRUE_CLASS))), "that is in bits"),
            (float(np.sum(-np.log(TRUE_CLASS))), "you summed over the batch"),
            (float(np.sum(-np.log(TRUE_CLASS)) / 12), "all 12 entries"),
            (float(np.mean(-np.log10(TRUE_CLASS))), "log₁₀"),
            (float(np.mean(np.log(TRUE_CLASS))), "sign is wrong"),
            (float(np.mean(-np.log(PROBS.max(axis=1)))), "TRUE class"),
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


def test_ln_answer_is_off_by_the_factor_ln_2():
    p = np.array([0.5, 0.25, 0.25])
    assert np.isclose(nan_safe(np.log)(p), np.log(2) * entropy_bits(p))


def test_a_warning_free_nan_check():
    def entropy(p):
        return float(-np.sum(p * np.log2(p)))

    # log₂ 0 in the learner's function must not warn (pytest turns warnings into errors)
    assert "0 log 0 = 0" in check("information.entropy_bits", entropy).message


def test_entropy_may_return_a_numpy_scalar_or_a_0d_array():
    def as_0d_array(p):
        return np.array(entropy_bits(p))

    def as_float32(p):
        return np.float32(entropy_bits(p))

    assert check("information.entropy_bits", as_0d_array).passed
    assert check("information.entropy_bits", as_float32).passed


def test_numbers_may_be_given_as_text_and_rounded():
    assert check("information.kl_bits", "0.3158").passed
    assert check("information.cross_entropy_nats", 0.7206).passed


def test_a_wrong_number_given_as_text_is_read_and_marked_wrong():
    feedback = check("information.cross_entropy_nats", "0.3158")
    assert feedback.status == "wrong" and "0.3158" in feedback.message


def test_functions_that_raise_or_are_not_functions_never_raise():
    def boom(p):
        raise ValueError("boom")

    assert "ValueError: boom" in check("information.entropy_bits", boom).message
    assert check("information.entropy_bits", 1.5).status == "wrong"
    assert check("information.entropy_bits", "def").status == "wrong"
