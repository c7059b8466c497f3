"""Exercises of the initialization chapter ("initialization.*"): the variance after one
layer, the Xavier uniform bound, the Xavier/He standard deviations, the largest stable
learning rate of a quadratic, and clipping by the global norm.

The formulas below are the ones mlp_lib.init samples from
(tests/test_exercises_initialization.py checks them against the library's samples); the
reference solutions are in the chapter's notebook.
"""

import numpy as np

from ..module import Parameter
from ..optim import clip_grad_norm
from . import Number, check_function, exercise, fresh, number_exercise


def xavier_var(n_in, n_out):
    return 2 / (n_in + n_out)


def he_var(n_in):
    return 2 / n_in


@number_exercise("initialization.forward_variance")
def forward_variance():
    """What is Var(z) for z = Σᵢ wᵢxᵢ with 256 independent zero-mean weights of
    variance 0.01 and independent zero-mean inputs of variance 2?

    Stub: ``answer = None``, then ``check("initialization.forward_variance", answer)``.
    """
    n, var_w, var_x = 256, 0.01, 2.0
    return Number(
        n * var_w * var_x,
        hints={
            var_w * var_x: (
                "that is the variance of one product wᵢxᵢ; z sums 256 "
                "independent ones, and variances of independent terms add."
            ),
            n * var_w: "you left out the inputs' variance: Var(wᵢxᵢ) = Var(w)·Var(x).",
            n
            * np.sqrt(
                var_w * var_x
            ): "variances add, not standard deviations: Var(z) = n Var(w) Var(x).",
            np.sqrt(n * var_w * var_x): (
                "that is the standard deviation of z; "
                "the question asks for its variance."
            ),
        },
        explain="Each layer multiplies the variance by n_in·Var(w): here by 2.56.",
    )


@number_exercise("initialization.xavier_bound")
def xavier_bound():
    """What is the bound a of the Xavier-uniform initialization U(−a, a) of a layer with
    n_in = 300 and n_out = 100?

    Stub: ``answer = None``, then ``check("initialization.xavier_bound", answer)``.
    """
    n_in, n_out = 300, 100
    return Number(
        np.sqrt(3 * xavier_var(n_in, n_out)),
        digits=4,
        hints={
            xavier_var(n_in, n_out): (
                "that is the variance 2/(n_in + n_out); the bound of U(−a, a) "
                "with that variance is a = √(3·variance), since Var = a²/3."
            ),
            np.sqrt(xavier_var(n_in, n_out)): (
                "that is the standard deviation of Xavier-normal; the uniform "
                "bound is √3 times larger (U(−a, a) has variance a²/3)."
            ),
            np.sqrt(
                6 / n_in
            ): "that is He-uniform's bound (fan-in only); Xavier uses n_in + n_out.",
            6 / (n_in + n_out): "take the square root: a = √(6 / (n_in + n_out)).",
        },
        explain=(
            "U(−a, a) has variance a²/3; setting it to "
            "2/(n_in + n_out) gives a = √(6/(n_in + n_out))."
        ),
    )


def _reference_std(n_in, n_out, activation):
    return np.sqrt(he_var(n_in) if activation == "relu" else xavier_var(n_in, n_out))


def _gen_init_std(rng):
    n_in, n_out = (int(v) for v in rng.integers(2, 2000, size=2))
    return [
        fresh(
            f"n_in={n_in}, n_out={n_out}, tanh",
            n_in=n_in,
            n_out=n_out,
            activation="tanh",
        ),
        fresh(
            f"n_in={n_in}, n_out={n_out}, relu",
            n_in=n_in,
            n_out=n_out,
            activation="relu",
        ),
        fresh("n_in=1, n_out=1, relu", n_in=1, n_out=1, activation="relu"),
    ]


@exercise("initialization.init_std", kind="function")
def init_std(answer):
    """Write ``init_std(n_in, n_out, activation)`` returning the standard deviation of
    the normal initialization of a layer's weights: Xavier (Glorot) for "tanh", He for
    "relu", as derived in the chapter.

    Stub: ``def init_std(n_in, n_out, activation): ...``, then
    ``check("initialization.init_std", init_std)``.
    """
    return check_function(
        answer,
        _reference_std,
        cases=[
            dict(n_in=300, n_out=100, activation="tanh"),
            dict(n_in=512, n_out=256, activation="relu"),
            dict(n_in=64, n_out=10, activation="tanh"),
            dict(n_in=1000, n_out=10, activation="relu"),
        ],
        generate=_gen_init_std,
        mistakes=[
            (
                lambda n_in, n_out, activation: (
                    _reference_std(n_in, n_out, activation) ** 2
                ),
                "you returned the variance; the standard deviation is its square root.",
            ),
            (
                lambda n_in, n_out, activation: np.sqrt(2 / (n_in + n_out)),
                "you used Xavier for both; ReLU needs He's √(2/n_in).",
            ),
            (
                lambda n_in, n_out, activation: _reference_std(
                    n_in, n_out, "tanh" if activation == "relu" else "relu"
                ),
                "the rules are swapped: Xavier (n_in + n_out) "
                "is for tanh, He (2/n_in) for ReLU.",
            ),
            (
                lambda n_in, n_out, activation: (
                    np.sqrt(2 / n_out)
                    if activation == "relu"
                    else _reference_std(n_in, n_out, activation)
                ),
                "He uses the fan-in n_in "
                "(the number of inputs each unit sums), not n_out.",
            ),
            (
                lambda n_in, n_out, activation: (
                    np.sqrt(1 / n_in)
                    if activation == "relu"
                    else _reference_std(n_in, n_out, activation)
                ),
                "√(1/n_in) keeps the variance for a linear unit; "
                "ReLU halves it, so He doubles it: √(2/n_in).",
            ),
        ],
        explain="Both keep the signal's variance from layer to layer.",
    )


_H = np.array([[3.0, 1.0], [1.0, 3.0]])  # the quadratic of the exercise: ½ wᵀHw


@number_exercise("initialization.max_stable_lr")
def max_stable_lr():
    """Gradient descent on L(w) = ½ wᵀHw with H = [[3, 1], [1, 3]]: the largest η (the
    supremum) for which it converges from every starting point.

    Stub: ``answer = None``, then ``check("initialization.max_stable_lr", answer)``.
    """
    h = np.linalg.eigvalsh(_H)
    return Number(
        float(2 / h.max()),
        hints={
            float(2 / h.min()): (
                "with that η the step along the steepest direction multiplies the "
                "distance by |1 − ηh| > 1: every eigenvalue must satisfy η < 2/h, "
                "and the largest eigenvalue is the binding one."
            ),
            float(1 / h.max()): (
                "η = 1/h_max is the step that lands exactly on the minimum along the "
                "steepest direction; convergence only needs |1 − ηh| < 1, which "
                "allows up to twice that."
            ),
            2 / 3: (
                "the diagonal entry 3 is not a curvature of H: the coupling 1 "
                "mixes the coordinates; use the eigenvalues of H."
            ),
            2 / 6: (
                "the trace is the sum of the curvatures; the condition is on the "
                "largest single eigenvalue."
            ),
        },
        explain=(
            "Along each eigenvector of H gradient descent multiplies the distance to "
            "the minimum by 1 − ηh; H's eigenvalues are 4 and 2, so |1 − 4η| < 1 is "
            "the binding condition."
        ),
    )


def _reference_clip(grads, max_norm):
    params = []
    for g in grads:
        p = Parameter(np.array(g, dtype=float))
        p.grad[...] = g
        params.append(p)
    clip_grad_norm(params, max_norm)
    return tuple(p.grad for p in params)


def _gen_clip(rng):
    shapes = [
        (int(rng.integers(2, 5)), int(rng.integers(2, 5))),
        (int(rng.integers(2, 6)),),
    ]
    big = [rng.normal(size=s) * 3 for s in shapes]
    return [
        fresh("two arrays, norm above the threshold", grads=big, max_norm=1.5),
        fresh(
            "norm below the threshold (no change)",
            grads=[0.01 * g for g in big],
            max_norm=10.0,
        ),
        fresh("one array", grads=[rng.normal(size=(3, 2))], max_norm=0.5),
    ]


@exercise("initialization.clip_by_global_norm", kind="function")
def clip_by_global_norm(answer):
    """Write ``clip_by_global_norm(grads, max_norm)``: ``grads`` is a list of gradient
    arrays (one per parameter); return the list of arrays clipped to global norm
    ``max_norm``.

    Stub: ``def clip_by_global_norm(grads, max_norm): ...``, then
    ``check("initialization.clip_by_global_norm", clip_by_global_norm)``.
    """

    def global_norm(grads):
        return np.sqrt(sum(np.sum(np.asarray(g) ** 2) for g in grads))

    return check_function(
        answer,
        _reference_clip,
        cases=[
            dict(
                grads=[np.array([[3.0, 0.0], [0.0, 4.0]]), np.array([12.0])],
                max_norm=6.5,
            ),
            dict(grads=[np.array([0.3, -0.4]), np.array([0.0, 0.1])], max_norm=1.0),
            dict(
                grads=[np.array([[1.0, -2.0, 2.0]]), np.array([4.0, 0.0])], max_norm=2.0
            ),
        ],
        generate=_gen_clip,
        mistakes=[
            (
                lambda grads, max_norm: tuple(
                    g * min(1.0, max_norm / np.linalg.norm(g)) for g in grads
                ),
                "you clipped every array by its own norm; clipping by the global "
                "norm uses one factor for all of them, from the norm of all "
                "gradients stacked together, so their relative sizes are kept.",
            ),
            (
                lambda grads, max_norm: tuple(
                    np.clip(g, -max_norm, max_norm) for g in grads
                ),
                "that clips each entry to [−c, c] (clipping by value), which changes "
                "the gradient's direction; scale all arrays by one factor "
                "c/‖g‖ instead.",
            ),
            (
                lambda grads, max_norm: tuple(
                    g * max_norm / global_norm(grads) for g in grads
                ),
                "gradients shorter than the threshold must stay as they are: the "
                "factor is min(1, c/‖g‖).",
            ),
            (
                lambda grads, max_norm: tuple(
                    g * min(1.0, max_norm / sum(np.linalg.norm(x) for x in grads))
                    for g in grads
                ),
                "the global norm is √(Σ over all arrays of Σ g²), not the sum of "
                "the arrays' norms.",
            ),
            (
                lambda grads, max_norm: tuple(
                    g * max(1.0, global_norm(grads) / max_norm) for g in grads
                ),
                "the factor is upside down: a gradient longer than c is multiplied "
                "by c/‖g‖ < 1.",
            ),
        ],
        explain=(
            "One factor for all parameters keeps the direction of the whole "
            "gradient; the step is then at most η·c long."
        ),
    )
