"""Exercises of the initialization chapter ("initialization.*"): the variance after one
layer, the Xavier uniform bound and the Xavier/He standard deviations.

The formulas below are the ones mlp_lib.init samples from
(tests/test_exercises_initialization.py checks them against the library's samples); the
reference solutions are in the chapter's notebook.
"""

import numpy as np

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
