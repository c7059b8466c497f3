"""Exercises of the optimizers chapter ("optimizers.*"): the stability limit of gradient
descent, a momentum step, the two momentum forms, Adam's first step, the batch size that
keeps SGD's noise floor, and a cosine schedule's learning rate.

Expected values come from the library (mlp_lib.optim, mlp_lib.surfaces); the reference
solutions are in the chapter's notebook.
"""

import numpy as np

from ..module import Parameter
from ..optim import SGD, Adam, CosineLR
from . import Number, check_function, exercise, fresh, number_exercise

# The surface of ``max_stable_lr``: L = ½(3 w₁² + 50 w₂²).
CURVATURES = (3.0, 50.0)


@number_exercise("optimizers.max_stable_lr")
def max_stable_lr():
    """What is the largest learning rate η (the limit, not included) for which gradient
    descent on L = ½(3 w₁² + 50 w₂²) converges?

    Stub: ``answer = None``, then ``check("optimizers.max_stable_lr", answer)``.
    """
    return Number(
        2 / max(CURVATURES),
        digits=3,
        hints={
            2 / 3: (
                "that is the limit of the flat direction (λ = 3); "
                "every direction must converge, so the "
                "steepest curvature λ_max = 50 sets the limit."
            ),
            1 / 50: (
                "that is 1/λ_max, where the steep coordinate is zeroed in one "
                "step; it still converges up to |1 − ηλ| < 1, i.e. η < 2/λ_max."
            ),
            1 / 3: (
                "that uses the flat direction and forgets "
                "the factor 2: the limit is 2/λ_max."
            ),
            2 / 53: (
                "the curvatures do not add up: "
                "each coordinate needs η < 2/λᵢ on its own."
            ),
        },
        explain=(
            "Each coordinate is multiplied by 1 − ηλᵢ "
            "per step, which must stay in (−1, 1)."
        ),
    )


def _with_grad(value, grad):
    """A Parameter holding ``value``, with gradient ``grad``, ready for an optimizer."""
    p = Parameter(value)
    p.grad[...] = grad
    return p


def _reference_momentum_step(w, v, g, lr, mu):
    optimizer = SGD([_with_grad(w, g)], lr=lr, momentum=mu)
    optimizer.state[0]["v"] = np.array(v, dtype=np.float64)
    optimizer.step()
    return optimizer.params[0].value, optimizer.state[0]["v"]


def _gen_momentum_step(rng):
    shape = (int(rng.integers(2, 4)), int(rng.integers(2, 4)))
    return [
        fresh(
            "random values, 2-D parameters",
            w=rng.normal(size=shape),
            v=rng.normal(size=shape),
            g=rng.normal(size=shape),
            lr=float(rng.uniform(0.01, 0.5)),
            mu=float(rng.uniform(0.5, 0.99)),
        ),
        fresh(
            "a small mu (0.1)",
            w=rng.normal(size=3),
            v=rng.normal(size=3),
            g=rng.normal(size=3),
            lr=0.1,
            mu=0.1,
        ),
    ]


@exercise("optimizers.momentum_step", kind="function")
def momentum_step(answer):
    """Write ``momentum_step(w, v, g, lr, mu)`` returning ``(w_new, v_new)``: one step
    of SGD with momentum as PyTorch defines it, from the weights w, the velocity v and
    the gradient g.

    Stub: ``def momentum_step(w, v, g, lr, mu): ...``, then
    ``check("optimizers.momentum_step", momentum_step)``.
    """
    return check_function(
        answer,
        _reference_momentum_step,
        cases=[
            dict(
                w=np.array([1.0, -2.0]),
                v=np.array([0.5, 0.25]),
                g=np.array([0.2, -0.4]),
                lr=0.1,
                mu=0.9,
            ),
            dict(
                w=np.array([0.0]), v=np.array([0.0]), g=np.array([1.0]), lr=0.5, mu=0.5
            ),
            dict(
                w=np.array([[1.0, 2.0], [3.0, 4.0]]),
                v=np.array([[0.1, -0.1], [0.0, 0.2]]),
                g=np.array([[1.0, 0.0], [-1.0, 2.0]]),
                lr=0.01,
                mu=0.99,
            ),
        ],
        generate=_gen_momentum_step,
        mistakes=[
            (
                lambda w, v, g, lr, mu: (w - lr * v, mu * v + g),
                "you stepped with the old velocity; first update "
                "v = μv + g, then step w − η v with the new v.",
            ),
            (
                lambda w, v, g, lr, mu: (
                    w - lr * (mu * v + (1 - mu) * g),
                    mu * v + (1 - mu) * g,
                ),
                "that is the EMA form v = μv + (1 − μ)g; "
                "PyTorch's SGD adds the whole gradient: v = μv + g.",
            ),
            (
                lambda w, v, g, lr, mu: (w + lr * (mu * v + g), mu * v + g),
                "your step goes uphill: w moves against the velocity, w − η v.",
            ),
            (
                lambda w, v, g, lr, mu: (w - lr * g, mu * v + g),
                "w moved by the plain gradient step η g; "
                "with momentum it moves by η v (the new velocity).",
            ),
        ],
        explain=(
            "The velocity accumulates gradients; consistent directions build up speed."
        ),
    )


@number_exercise("optimizers.equivalent_lr")
def equivalent_lr():
    """Momentum written as an exponential moving average of the gradients, with η = 0.5
    and β = 0.95, takes the same steps as PyTorch's SGD(momentum=0.95) with which
    learning rate?

    Stub: ``answer = None``, then ``check("optimizers.equivalent_lr", answer)``.
    """
    return Number(
        0.5 * (1 - 0.95),
        hints={
            0.5: (
                "with the same η the EMA form's steps are "
                "(1 − β) times smaller; scale η by (1 − β)."
            ),
            0.5 / (1 - 0.95): (
                "you divided by (1 − β); the EMA velocity is (1 − β) "
                "times PyTorch's, so PyTorch's learning rate is η(1 − β)."
            ),
            0.5 * 0.95: "you multiplied by β; the factor is (1 − β).",
            0.95: "that is the momentum coefficient; the learning rate is η(1 − β).",
        },
        explain="Same method, rescaled learning rate: eq. (eq-momentum-equivalence).",
    )


@number_exercise("optimizers.adam_first_step")
def adam_first_step():
    """What is w after Adam's first step (with bias correction) from w = 2, with the
    gradient g = 0.04, η = 0.01, β = (0.9, 0.999) and ε = 1e-8?

    Stub: ``answer = None``, then ``check("optimizers.adam_first_step", answer)``.
    """
    p = _with_grad(2.0, 0.04)
    Adam([p], lr=0.01).step()
    no_correction = 2 - 0.01 * (0.1 * 0.04) / (np.sqrt(0.001 * 0.04**2) + 1e-8)
    only_m = 2 - 0.01 * 0.04 / (np.sqrt(0.001 * 0.04**2) + 1e-8)
    only_v = 2 - 0.01 * (0.1 * 0.04) / (0.04 + 1e-8)
    # The step is 0.01, so w must be right to 1e-6 for the step to be right to 0.01 %.
    return Number(
        float(p.value),
        decimals=6,
        hints={
            only_m: (
                "you corrected m but not v: divide v by 1 − β₂ too (t = 1), "
                "so that v̂ = g²."
            ),
            only_v: (
                "you corrected v but not m: divide m by 1 − β₁ too (t = 1), "
                "so that m̂ = g."
            ),
            no_correction: (
                "you skipped the bias correction: divide m by 1 − β₁ and v "
                "by 1 − β₂ (t = 1), which makes the first step ≈ η·sign(g)."
            ),
            2 + 0.01: "your step goes uphill: Adam subtracts η m̂ / (√v̂ + ε).",
            2 - 0.01 * 0.04: (
                "that is a plain SGD step η g; "
                "Adam divides by √v̂, so its first step is ≈ η."
            ),
            -0.01: "that is the step Δw; the question asks for the new w = 2 + Δw.",
        },
        explain=(
            "With bias correction m̂ = g and v̂ = g², "
            "so the first step is η g / (|g| + ε) ≈ η."
        ),
    )


@number_exercise("optimizers.batch_for_floor")
def batch_for_floor():
    """SGD with batches of B = 8 and η = 0.04 hovers at its noise floor. To travel
    faster you raise η to 0.1. Which batch size B keeps the same noise floor?

    Stub: ``answer = None``, then ``check("optimizers.batch_for_floor", answer)``.
    """
    return Number(
        20,
        hints={
            8 * 0.04 / 0.1: (
                "you scaled B the wrong way: a larger η raises the floor, "
                "so B must grow to bring it back down."
            ),
            8: (
                "with the same B the floor grows with η: it is proportional "
                "to η/B (eq. (eq-noise-floor))."
            ),
            8 * (0.1 / 0.04) ** 2: (
                "the floor is proportional to η/B, not to η²/B: "
                "B scales like η, not like η²."
            ),
            8 * np.sqrt(0.1 / 0.04): (
                "the floor is proportional to η/B, not to η/√B: "
                "the noise variance, not its standard deviation, is what adds up."
            ),
        },
        explain=(
            "The floor η trΣ/(4B) depends on η/B only: keep η/B fixed "
            "(the linear scaling rule)."
        ),
    )


# The schedule of ``cosine_lr``: CosineLR(lr=0.1, total=50, eta_min=0.001, warmup=5).
COSINE = dict(lr=0.1, total=50, eta_min=0.001, warmup=5, t=20)


def _cosine(t, total, eta_min=COSINE["eta_min"], lr=COSINE["lr"]):
    return eta_min + 0.5 * (lr - eta_min) * (1 + np.cos(np.pi * t / total))


@number_exercise("optimizers.cosine_lr")
def cosine_lr():
    """The learning rate at step t = 20 of CosineLR(optimizer, total=50, eta_min=0.001,
    warmup=5) on an optimizer made with lr = 0.1 (steps t = 0, 1, … counted from the
    start of training, warmup included).

    Stub: ``answer = None``, then ``check("optimizers.cosine_lr", answer)``.
    """
    optimizer = SGD([Parameter(np.zeros(1))], lr=COSINE["lr"])
    schedule = CosineLR(
        optimizer, COSINE["total"], COSINE["eta_min"], warmup=COSINE["warmup"]
    )
    t, total, warmup = COSINE["t"], COSINE["total"], COSINE["warmup"]
    return Number(
        float(schedule.lr_at(t)),
        digits=4,
        hints={
            _cosine(t, total): (
                "the cosine starts after the warmup: use t − 5 steps of a "
                "cosine that lasts total − 5 steps."
            ),
            _cosine(t - warmup, total): (
                "you counted t from the end of the warmup, but the cosine "
                "lasts total − warmup = 45 steps, not 50."
            ),
            _cosine(t - warmup, total - warmup, eta_min=0.0): (
                "you left out η_min: the cosine goes from η down to η_min, "
                "η_t = η_min + ½(η − η_min)(1 + cos(πt/T))."
            ),
            COSINE["eta_min"]
            + (COSINE["lr"] - COSINE["eta_min"])
            * (1 - (t - warmup) / (total - warmup)): (
                "that is a linear decay; the schedule follows ½(1 + cos(πt/T))."
            ),
            COSINE["eta_min"]
            + (COSINE["lr"] - COSINE["eta_min"])
            * (1 + np.cos(np.pi * (t - warmup) / (total - warmup))): (
                "you dropped the ½: at t = 0 the schedule must give η, not 2η."
            ),
        },
        explain=(
            "After k warmup steps, "
            "η_t = η_min + ½(η − η_min)(1 + cos(π(t − k)/(T − k)))."
        ),
    )
