"""Chapter 8 exercises ("information.*"): entropy in bits, a KL divergence by hand, and
the cross-entropy loss of a batch of predictions in nats.

Expected values come from the library (mlp_lib.info and
mlp_lib.losses.SoftmaxCrossEntropy); the reference solutions are in the chapter's
notebook.
"""

import numpy as np

from ..info import cross_entropy, entropy, kl_divergence
from ..losses import SoftmaxCrossEntropy
from . import (
    Number,
    call_safely,
    check_function,
    exercise,
    fresh,
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
