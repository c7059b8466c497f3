"""Chapter 8 exercises ("information.*"): entropy in bits, a KL divergence by hand,
the cross-entropy loss of a batch of predictions in nats, a joint table designed for a
given mutual information, and the floor H(Y | X) of the expected loss.

Expected values come from the library (mlp_lib.info and
mlp_lib.losses.SoftmaxCrossEntropy); the reference solutions are in the chapter's
notebook.
"""

import numpy as np

from ..info import cross_entropy, entropy, kl_divergence, mutual_information
from ..losses import SoftmaxCrossEntropy
from . import (
    Number,
    call_safely,
    check_function,
    correct,
    exercise,
    fresh,
    not_attempted,
    number_exercise,
    wrong,
)

LN2 = np.log(2.0)


def _terms(p, log):
    """The terms p_i log p_i, with 0 log 0 = 0."""
    p = np.asarray(p, dtype=np.float64)
    safe = np.where(p > 0, p, 1.0)
    return np.where(p > 0, p * log(safe), 0.0)


def _is_nan(value):
    """True for a single NaN number (a learner's result may be anything)."""
    try:
        return np.ndim(value) == 0 and bool(np.isnan(float(value)))
    except (TypeError, ValueError):
        return False


def _gen_entropy_bits(rng):
    n = int(rng.integers(3, 9))
    p = rng.random(n)
    with_zero = p.copy()
    with_zero[rng.integers(n)] = 0.0
    zero_hint = (
        "log₂ 0 = −inf and 0 · (−inf) = nan in numpy. Use the convention "
        "0 log 0 = 0: sum only over the entries with pᵢ > 0 (e.g. `p = p[p > 0]`)."
    )
    return [
        fresh("random probabilities", p=p / p.sum()),
        fresh("a zero probability", p=with_zero / with_zero.sum(), nan_hint=zero_hint),
        fresh(
            "a certain outcome (one 1, zeros elsewhere)",
            p=np.eye(n)[rng.integers(n)],
            nan_hint=zero_hint,
        ),
        fresh("a uniform distribution", p=np.full(n, 1 / n)),
    ]


@exercise("information.entropy_bits", kind="function")
def entropy_bits(answer):
    """Write ``entropy_bits(p)`` returning the entropy H(p) = −Σ pᵢ log₂ pᵢ in bits of a
    distribution p (a 1-D array summing to 1), with the convention 0 log 0 = 0
    (p may contain zeros).

    Stub: ``def entropy_bits(p): ...``, then
    ``check("information.entropy_bits", entropy_bits)``.
    """
    # A zero in p: log₂ 0 = −inf and 0 · (−inf) = nan unless the zero is left out.
    with np.errstate(divide="ignore", invalid="ignore"):
        ok, got = call_safely(answer, np.array([0.5, 0.5, 0.0]), names=["p"])
    if ok and _is_nan(got):
        return wrong(
            "with p=[0.5, 0.5, 0], your result is nan: log₂ 0 = −inf and "
            "0 · (−inf) = nan in numpy. Use the convention 0 log 0 = 0: "
            "sum only over the entries with pᵢ > 0 (e.g. `p = p[p > 0]` first)."
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        return check_function(
            answer,
            lambda p: entropy(p, base=2),
            cases=[
                dict(p=np.array([0.5, 0.25, 0.25])),
                dict(p=np.array([0.4, 0.3, 0.2, 0.1])),
                dict(p=np.array([0.7, 0.0, 0.3])),
                dict(p=np.full(8, 1 / 8)),
                dict(p=np.array([0.0, 1.0])),
            ],
            generate=_gen_entropy_bits,
            mistakes=[
                (
                    lambda p: entropy(p, base=np.e),
                    "you used ln: that is the entropy in nats, not bits (smaller by "
                    "the factor ln 2 ≈ 0.693). Use np.log2, or divide by np.log(2).",
                ),
                (
                    lambda p: entropy(p, base=10),
                    "you used log₁₀; bits need log₂ (np.log2).",
                ),
                (
                    lambda p: -entropy(p, base=2),
                    "your result is negative: you forgot the minus sign. "
                    "log₂ pᵢ ≤ 0, so H = −Σ pᵢ log₂ pᵢ ≥ 0.",
                ),
                (
                    lambda p: -_terms(p, np.log2),
                    "you returned the terms −pᵢ log₂ pᵢ one by one; "
                    "the entropy is their sum, one number.",
                ),
                (
                    lambda p: -np.sum(np.log2(p[p > 0])),
                    "you summed the surprises −log₂ pᵢ without weighting them: "
                    "the entropy is the average surprise, Σ pᵢ (−log₂ pᵢ).",
                ),
                (
                    lambda p: -np.mean(_terms(p, np.log2)),
                    "you averaged the terms over the outcomes; "
                    "the weights are already the pᵢ: sum the terms.",
                ),
            ],
            explain="Entropy is the average surprise; log₂ makes it bits.",
        )


# The exercise's distributions: Q is the true one, P the model's.
KL_Q = np.array([0.8, 0.15, 0.05])
KL_P = np.array([0.5, 0.25, 0.25])


@number_exercise("information.kl_bits")
def kl_bits():
    """Compute D_KL(Q‖P) = Σ Q(x) log₂ (Q(x)/P(x)) in bits for Q = (0.8, 0.15, 0.05) and
    P = (0.5, 0.25, 0.25).

    Stub: ``answer = None``, then ``check("information.kl_bits", answer)``.
    """
    expected = kl_divergence(KL_Q, KL_P, base=2)
    return Number(
        expected,
        digits=3,
        hints={
            kl_divergence(KL_P, KL_Q, base=2): (
                "that is D_KL(P‖Q), the divergence the other way round. "
                "In D_KL(Q‖P) the weights and the numerator "
                "come from Q: Σ Q log₂(Q/P). KL is not symmetric."
            ),
            kl_divergence(KL_Q, KL_P, base=np.e): (
                "that is in nats (you used ln); the question "
                "asks for bits (log₂, or divide by ln 2)."
            ),
            kl_divergence(KL_Q, KL_P, base=10): "you used log₁₀; bits need log₂.",
            -expected: (
                "the sign is wrong: with log(Q/P) (not P/Q) "
                "the sum is ≥ 0 (Gibbs' inequality)."
            ),
            cross_entropy(KL_Q, KL_P, base=2): (
                "that is the cross-entropy H(Q, P); subtract "
                "the entropy H(Q): D_KL(Q‖P) = H(Q, P) − H(Q)."
            ),
            cross_entropy(KL_P, KL_Q, base=2): (
                "that is the cross-entropy H(P, Q), "
                "with the roles swapped; D_KL(Q‖P) = Σ Q log₂(Q/P)."
            ),
        },
        explain=(
            "D_KL(Q‖P) is the extra bits per outcome paid "
            "for coding Q's outcomes with a code built for P."
        ),
    )


# The cross-entropy exercise: predicted probabilities (4 examples, 3 classes), labels.
CE_PROBS = np.array(
    [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25]]
)
CE_LABELS = np.array([0, 1, 2, 0])


def _ce(probs, labels, log=np.log):
    return -log(probs[np.arange(len(labels)), labels])


@number_exercise("information.cross_entropy_nats")
def cross_entropy_nats():
    """A classifier gives 4 examples the class probabilities (rows) [0.7, 0.2, 0.1],
    [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25]; their true classes are
    0, 1, 2, 0. What is the cross-entropy loss in nats, averaged over the batch (what
    mlp_lib.losses.SoftmaxCrossEntropy reports)?

    Stub: ``answer = None``, then ``check("information.cross_entropy_nats", answer)``.
    """
    # softmax(log p) = p, so the library's loss on the logits log p is the oracle.
    expected = SoftmaxCrossEntropy()(np.log(CE_PROBS), CE_LABELS)
    per_example = _ce(CE_PROBS, CE_LABELS)
    predicted = -np.log(CE_PROBS.max(axis=1))
    return Number(
        expected,
        digits=3,
        hints={
            expected
            / LN2: "that is in bits (log₂); the loss uses the natural log, so nats.",
            per_example.sum(): (
                "you summed over the batch; the loss is the mean over the 4 examples."
            ),
            per_example.sum() / CE_PROBS.size: (
                "you divided by all 12 entries; average over the 4 examples "
                "only (the sum over the 3 classes of each example is one term)."
            ),
            np.mean(
                _ce(CE_PROBS, CE_LABELS, np.log10)
            ): "you used log₁₀; the loss uses the natural log.",
            -expected: (
                "the sign is wrong: the loss is −log of a probability, which is ≥ 0."
            ),
            predicted.mean(): (
                "you used the probability of the predicted "
                "(largest) class; use the probability the "
                "model gives to the TRUE class of each example."
            ),
        },
        explain=(
            "Each example contributes −ln of the probability given to its true class."
        ),
    )


# The design exercise: a joint table with H(X) = H(Y) = 1 bit and I(X; Y) = 0.5 bit.
MI_TARGET = 0.5  # bits
MI_TOL = 1e-3  # bits, for I(X; Y) and for each marginal entropy


@exercise("information.mi_half_bit")
def mi_half_bit(answer):
    """Design a joint probability table p[i, j] = P(X = i, Y = j) (a 2-D array, rows
    X, columns Y) with H(X) = H(Y) = 1 bit and I(X; Y) = 0.5 bit, each to within
    0.001 bit.

    Stub: ``table = None``, then ``check("information.mi_half_bit", table)``.
    """
    if answer is None:
        return not_attempted(
            "set `table` to a 2-D array of probabilities and run this cell again."
        )
    try:
        table = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        table = None
    if table is None or table.ndim != 2 or table.size == 0:
        got = (
            getattr(answer, "name", None) or f"{type(answer).__name__} {answer!r:.40}"
            if table is None
            else f"an array of shape {table.shape}"
        )
        return wrong(
            f"expected a 2-D table of probabilities (one row per value of X), "
            f"got {got}."
        )
    if not np.isfinite(table).all():
        return wrong("your table contains NaN or inf; every entry is a probability.")
    if (table < 0).any():
        return wrong("your table has negative entries; probabilities are ≥ 0.")
    if abs(table.sum() - 1) > 1e-6:
        return wrong(
            f"your entries sum to {table.sum():.6g}; a joint probability table "
            "sums to 1 over all its cells."
        )
    for name, axis, what in (("X", 1, "rows"), ("Y", 0, "columns")):
        h = entropy(table.sum(axis=axis), base=2)
        if abs(h - 1) > MI_TOL:
            return wrong(
                f"H({name}) is {h:.4f} bits, not 1 bit: H({name}) is the entropy of "
                f"the sums of the {what} (the marginal of {name}). Which marginal "
                "distributions have an entropy of exactly 1 bit?"
            )
    mi = mutual_information(table, base=2)
    if abs(mi - MI_TARGET) <= MI_TOL:
        return correct(
            f"I(X; Y) = {mi:.4f} bits with H(X) = H(Y) = 1 bit: knowing X removes "
            "half of the uncertainty about Y, and H(Y | X) = 0.5 bit remains."
        )
    if abs(mi * LN2 - MI_TARGET) <= MI_TOL:
        return wrong(
            f"your table has I(X; Y) = {mi * LN2:.4f} nats, which is "
            f"{mi:.4f} bits; the target is in bits (log₂)."
        )
    if mi < MI_TOL:
        return wrong(
            "X and Y are independent in your table (p(x, y) = p(x) p(y)), so "
            "I(X; Y) = 0: Y must depend on X."
        )
    if abs(mi - 1) < MI_TOL:
        return wrong(
            "in your table X determines Y, so I(X; Y) = H(Y) = 1 bit: that is "
            "too much dependence. Let Y still be uncertain once X is known."
        )
    direction = (
        "too little dependence: make Y more predictable from X (concentrate each "
        "row on fewer columns), keeping the sums of rows and columns"
        if mi < MI_TARGET
        else "too much dependence: spread each row more evenly over the columns, "
        "keeping the sums of rows and columns"
    )
    return wrong(
        f"H(X) and H(Y) are right, but I(X; Y) = {mi:.4f} bits: {direction}. "
        "The mutual information is not linear in the entries; solve for them."
    )


# The floor exercise: x takes three values equally often, with these P(y = 1 | x).
FLOOR_Q = np.array([0.5, 0.9, 1.0])


def _binary_entropies(q, log=np.log):
    return -(_terms(q, log) + _terms(1 - q, log))


@number_exercise("information.loss_floor")
def loss_floor():
    """An input x takes three values, equally often, and the label y ∈ {0, 1} is
    drawn with P(y = 1 | x) = 0.5, 0.9 and 1.0 for them. What is the lowest expected
    binary cross-entropy (nats, per example) that any model can reach on new examples?

    Stub: ``answer = None``, then ``check("information.loss_floor", answer)``.
    """
    per_x = _binary_entropies(FLOOR_Q)
    marginal = FLOOR_Q.mean()
    return Number(
        float(per_x.mean()),
        digits=3,
        hints={
            float(_binary_entropies(FLOOR_Q, np.log2).mean()): (
                "that is in bits (log₂); the cross-entropy loss uses ln, so nats."
            ),
            float(_binary_entropies(np.array([marginal]))[0]): (
                "that is H(Y), the entropy of the label ignoring the input. A model "
                "sees x: the floor is the conditional entropy H(Y | X)."
            ),
            float(per_x.sum()): (
                "you added the three entropies; H(Y | X) averages them, weighted by "
                "how often each x occurs."
            ),
            float(per_x[:2].mean()): (
                "you averaged over two inputs only; the input with P(y = 1 | x) = 1 "
                "counts too (its entropy is 0, but it is one third of the examples)."
            ),
            0.0: (
                "a loss of 0 needs every label to be predictable from x; here two "
                "of the inputs come with noisy labels."
            ),
            float(-np.log(np.maximum(FLOOR_Q, 1 - FLOOR_Q)).mean()): (
                "you averaged −ln of the more likely label's probability, as if the "
                "label were always the more likely one; average over both labels, "
                "weighted by their probabilities."
            ),
        },
        explain=(
            "The floor is H(Y | X): the binary entropy of each input's label "
            "distribution, averaged over the inputs."
        ),
    )
