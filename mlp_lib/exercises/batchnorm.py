"""Chapter 6 exercises ("batchnorm.*"): the forward pass in training mode, the running
averages used at evaluation time, the backward pass through the batch statistics, layer
normalization's forward pass and its invariance to an affine change of a row.

Expected values come from the library (``BatchNorm1d``'s forward, its running-statistics
update and its backward pass, ``LayerNorm``'s forward); the reference solutions are in
the chapter's notebook.
"""

import functools

import numpy as np

from ..layers import BatchNorm1d, LayerNorm
from . import Number, check_function, exercise, fresh, number_exercise, strided

# Running-statistics exercises: one feature, momentum 0.1, this batch, starting values.
BATCH = np.array([1.0, 3.0, 4.0, 8.0])
MOMENTUM, START_MEAN, START_VAR = 0.1, 2.0, 1.0


def _layer(gamma, beta, eps):
    """A BatchNorm1d in training mode holding γ, β and ε: the library as the oracle."""
    gamma = np.asarray(gamma, dtype=np.float64)
    layer = BatchNorm1d(len(gamma), eps=eps)
    layer.gamma.value[...] = gamma
    layer.beta.value[...] = beta
    return layer


def _ref_forward(X, gamma, beta, eps):
    return _layer(gamma, beta, eps)(X)


def _normalized(X, eps, axis=0, ddof=0, eps_inside=True, power=0.5):
    """x̂ with a choice of axis, variance and place of ε (for the typical mistakes)."""
    mean = X.mean(axis=axis, keepdims=True)
    var = X.var(axis=axis, ddof=ddof, keepdims=True)
    scale = (var + eps) ** power if eps_inside else np.sqrt(var) + eps
    return (X - mean) / scale


def _cases_forward():
    rng = np.random.default_rng(6)
    # column 3 varies little (variance ≈ 1e-4): leaving out ε = 1e-5 changes it visibly
    X1 = rng.normal(size=(6, 3)) * np.array([1.0, 5.0, 0.01]) + np.array(
        [0.0, 3.0, -1.0]
    )
    X2 = np.array([[1.0, 2.0], [3.0, -2.0], [0.0, 0.5], [4.0, 1.0]])
    X3 = rng.normal(size=(3, 3)) * 2.0 + 1.0
    return [
        dict(
            X=X1,
            gamma=np.array([1.5, 0.5, 2.0]),
            beta=np.array([0.1, -1.0, 0.5]),
            eps=1e-5,
        ),
        dict(X=X2, gamma=np.array([2.0, 0.25]), beta=np.array([1.0, 3.0]), eps=0.1),
        dict(
            X=X3,
            gamma=np.array([1.0, 2.0, 3.0]),
            beta=np.array([-1.0, 0.0, 1.0]),
            eps=1e-5,
        ),
    ]


def _gen_forward(rng):
    n, d = int(rng.integers(3, 7)), int(rng.integers(2, 5))
    scale = np.array([1e-3, 1.0, 1e3, 10.0, 0.1])[:d]
    return [
        fresh(
            "random values, features of very different scales",
            X=rng.normal(size=(n, d)) * scale + rng.normal(size=d) * 5,
            gamma=rng.normal(size=d),
            beta=rng.normal(size=d),
            eps=1e-5,
        ),
        fresh(
            "a constant feature (variance 0: only eps keeps it finite)",
            X=np.column_stack([rng.normal(size=n), np.full(n, 2.5)]),
            gamma=rng.normal(size=2),
            beta=rng.normal(size=2),
            eps=1e-3,
        ),
        fresh(
            "a large eps (0.5)",
            X=rng.normal(size=(n, d)),
            gamma=rng.normal(size=d),
            beta=rng.normal(size=d),
            eps=0.5,
        ),
    ]


@exercise("batchnorm.forward", kind="function")
def forward(answer):
    """Write ``bn_forward(X, gamma, beta, eps)`` returning the output Y of batch
    normalization in training mode: for each feature (column) j, μ_j and σ²_j are the
    mean and the biased variance (divide by N) of column j over the batch,
    x̂ = (x − μ_j) / √(σ²_j + ε) and y = γ_j x̂ + β_j.

    X (N, D): one example per row; gamma, beta (D,); eps a small number;
    return Y (N, D).
    Stub: ``def bn_forward(X, gamma, beta, eps): ...``, then
    ``check("batchnorm.forward", bn_forward)``.
    """
    return check_function(
        answer,
        _ref_forward,
        cases=_cases_forward(),
        generate=_gen_forward,
        mistakes=[
            (
                lambda X, g, b, eps: g * _normalized(X, eps, axis=1) + b,
                "you normalized each row (one example over its features). Batch "
                "normalization normalizes each column: one feature over the examples "
                "of the batch, so the mean and variance are taken over axis 0.",
            ),
            (
                lambda X, g, b, eps: g * _normalized(X, eps, ddof=1) + b,
                "you used the unbiased variance (dividing by N − 1). "
                "The normalization uses the batch's own biased variance, "
                "dividing by N (numpy's default, ddof=0); "
                "the unbiased one only enters the running variance.",
            ),
            (
                lambda X, g, b, eps: g * _normalized(X, 0.0) + b,
                "you left out ε: divide by √(σ² + ε), not by σ. ε keeps the "
                "division finite when a feature barely varies in the batch.",
            ),
            (
                lambda X, g, b, eps: g * _normalized(X, eps, eps_inside=False) + b,
                "you divided by σ + ε; ε is added to the "
                "variance inside the square root: √(σ² + ε).",
            ),
            (
                lambda X, g, b, eps: g * _normalized(X, eps, power=1.0) + b,
                "you divided by the variance σ² + ε; "
                "divide by its square root, the standard deviation.",
            ),
            (
                lambda X, g, b, eps: _normalized(X, eps),
                "you returned the normalized x̂; the layer "
                "then scales and shifts it: y = γ x̂ + β.",
            ),
            (
                lambda X, g, b, eps: b * _normalized(X, eps) + g,
                "you swapped γ and β: γ multiplies x̂ and β is added, y = γ x̂ + β.",
            ),
        ],
        explain=(
            "Each column of the output has mean β_j "
            "and standard deviation γ_j (up to ε)."
        ),
    )


def _running_update(start_mean, start_var):
    layer = BatchNorm1d(1, momentum=MOMENTUM)
    layer.running_mean[...] = start_mean
    layer.running_var[...] = start_var
    layer(BATCH.reshape(-1, 1))
    return float(layer.running_mean[0]), float(layer.running_var[0])


@number_exercise("batchnorm.running_mean")
def running_mean():
    """A BatchNorm1d layer with momentum 0.1 has running mean 2.0 for one feature. In
    training mode it receives a batch whose values of that feature are 1, 3, 4 and 8.
    What is the running mean after this batch?

    Stub: ``answer = None``, then ``check("batchnorm.running_mean", answer)``.
    """
    m, mean = MOMENTUM, BATCH.mean()
    return Number(
        _running_update(START_MEAN, START_VAR)[0],
        hints={
            m * START_MEAN + (1 - m) * mean: (
                "you applied the momentum the other way round. "
                "The new batch gets the small weight m = 0.1 and the old "
                "running mean keeps 1 − m = 0.9: (1 − m)·running + m·μ_B."
            ),
            mean: (
                "that is the batch mean alone; the running mean "
                "moves only a fraction m = 0.1 of the way towards it."
            ),
            START_MEAN: (
                "that is the old running mean; in training mode every batch updates it."
            ),
            START_MEAN + m * mean: (
                "the old value must be multiplied by 1 − m: (1 − m)·running + m·μ_B."
            ),
            m * mean: "that starts from 0; the running mean before this batch is 2.0.",
            (START_MEAN + mean) / 2: (
                "that is a plain average of the old value and the "
                "batch mean; the weights are 1 − m = 0.9 and m = 0.1."
            ),
        },
        explain=(
            "0.9 × 2.0 + 0.1 × 4.0: the running mean "
            "moves 10 % of the way to the batch mean."
        ),
    )


@number_exercise("batchnorm.running_var")
def running_var():
    """The same layer (momentum 0.1) has running variance 1.0 for that feature before
    the batch 1, 3, 4, 8. What is its running variance after the batch? Follow PyTorch's
    convention, which the library uses.

    Stub: ``answer = None``, then ``check("batchnorm.running_var", answer)``.
    """
    m = MOMENTUM
    biased, unbiased = BATCH.var(), BATCH.var(ddof=1)
    return Number(
        _running_update(START_MEAN, START_VAR)[1],
        hints={
            (1 - m) * START_VAR + m * biased: (
                "you used the biased batch variance (divide by N = 4). "
                "The running variance estimates the variance of the whole data, "
                "so it uses the unbiased one, Σ(x − μ_B)² / (N − 1)."
            ),
            m * START_VAR + (1 - m) * unbiased: (
                "you applied the momentum the other way round: "
                "(1 − m)·running + m·(unbiased batch variance), with m = 0.1."
            ),
            m * START_VAR + (1 - m) * biased: (
                "you applied the momentum the other way round, and the running "
                "variance uses the unbiased batch variance (divide by N − 1)."
            ),
            unbiased: (
                "that is the unbiased batch variance alone; the running "
                "variance moves only a fraction m = 0.1 of the way towards it."
            ),
            biased: (
                "that is the biased batch variance alone; the running variance "
                "moves a fraction m = 0.1 of the way towards the unbiased one."
            ),
            (1 - m) * START_VAR + m * np.sqrt(unbiased): (
                "you averaged in a standard deviation; "
                "the running statistic is a variance."
            ),
            START_VAR + m * unbiased: "the old value must be multiplied by 1 − m.",
        },
        explain=(
            "The unbiased batch variance is "
            f"26/3 ≈ {unbiased:.4f}; 0.9 × 1.0 + 0.1 × 26/3."
        ),
    )


def _ref_backward(X, gamma, G, eps):
    layer = _layer(gamma, np.zeros_like(gamma), eps)
    layer(X)
    return layer.backward(np.asarray(G, dtype=np.float64))


def _compact(
    X, gamma, G, eps, scale=1.0, sum_axis=0, mean_term=True, var_term=True, ddof=0
):
    """The compact formula with pieces removed or changed (for the typical mistakes)."""
    n = X.shape[0]
    std = np.sqrt(X.var(axis=0, ddof=ddof) + eps)
    x_hat = (X - X.mean(axis=0)) / std
    g_sum = G.sum(axis=sum_axis, keepdims=True) if mean_term else 0.0
    gx_sum = (G * x_hat).sum(axis=sum_axis, keepdims=True) if var_term else 0.0
    return scale * gamma / (n * std) * (n * G - g_sum - x_hat * gx_sum)


def _cases_backward():
    rng = np.random.default_rng(60)
    return [
        dict(
            X=rng.normal(size=(5, 3)) * np.array([1.0, 3.0, 0.5]) + 2.0,
            gamma=np.array([1.5, 0.5, 2.0]),
            G=rng.normal(size=(5, 3)),
            eps=1e-5,
        ),
        dict(
            X=np.array([[1.0, 2.0], [3.0, -2.0], [0.0, 0.5], [4.0, 1.0]]),
            gamma=np.array([2.0, 0.25]),
            G=np.array([[1.0, 0.0], [-0.5, 2.0], [0.25, -1.0], [2.0, 0.5]]),
            eps=0.1,
        ),
        dict(
            X=rng.normal(size=(3, 3)),
            gamma=np.array([1.0, -1.0, 0.5]),
            G=rng.normal(size=(3, 3)),
            eps=1e-5,
        ),
    ]


def _gen_backward(rng):
    n, d = int(rng.integers(3, 7)), int(rng.integers(2, 5))
    return [
        fresh(
            "random values",
            X=rng.normal(size=(n, d)) * 3 + 1,
            gamma=rng.normal(size=d),
            G=rng.normal(size=(n, d)),
            eps=1e-5,
        ),
        fresh(
            "a large eps (0.5)",
            X=rng.normal(size=(n, d)),
            gamma=rng.normal(size=d),
            G=rng.normal(size=(n, d)),
            eps=0.5,
        ),
        fresh(
            "a non-contiguous G",
            X=rng.normal(size=(n, d)),
            gamma=rng.normal(size=d),
            G=strided(rng.normal(size=(n, d))),
            eps=1e-5,
        ),
    ]


@exercise("batchnorm.backward", kind="function")
def backward(answer):
    """Write ``bn_backward(X, gamma, G, eps)`` returning ∂L/∂X for batch normalization
    in training mode, given the layer's input X (N, D), gamma (D,), the upstream
    gradient G = ∂L/∂Y (N, D) and eps. Use the compact formula: with σ = √(σ²_B + ε) and
    x̂ = (x − μ_B)/σ per column, ∂L/∂x = γ/(Nσ) (N g − Σ g − x̂ Σ g x̂), the sums
    running over the batch.

    Stub: ``def bn_backward(X, gamma, G, eps): ...``, then
    ``check("batchnorm.backward", bn_backward)``.
    """
    return check_function(
        answer,
        _ref_backward,
        cases=_cases_backward(),
        generate=_gen_backward,
        mistakes=[
            (
                lambda X, g, G, eps: g * G / np.sqrt(X.var(axis=0) + eps),
                "you treated μ_B and σ_B as constants, which is the gradient "
                "in evaluation mode. In training mode they depend on every x of "
                "the batch: subtract Σ g and x̂ Σ g x̂ as in the compact formula.",
            ),
            (
                lambda X, g, G, eps: _compact(X, g, G, eps, mean_term=False),
                "the term −Σ g is missing: it is the path through the batch mean μ_B.",
            ),
            (
                lambda X, g, G, eps: _compact(X, g, G, eps, var_term=False),
                "the term −x̂ Σ g x̂ is missing: "
                "it is the path through the batch variance σ²_B.",
            ),
            (
                lambda X, g, G, eps: _compact(X, np.ones_like(g), G, eps),
                "the factor γ is missing: G is ∂L/∂y, and ∂L/∂x̂ = γ ∂L/∂y.",
            ),
            (
                lambda X, g, G, eps: _compact(X, g, G, eps, scale=X.shape[0]),
                "your result is N times too large: the whole bracket is divided by Nσ.",
            ),
            (
                lambda X, g, G, eps: _compact(X, g, G, eps, sum_axis=1),
                "you summed over the features (axis 1); the sums run over "
                "the examples of the batch (axis 0), because μ_B and σ_B of "
                "a feature depend on that feature's values in every example.",
            ),
            (
                lambda X, g, G, eps: _compact(X, g, G, eps, ddof=1),
                "you used the unbiased variance (N − 1); the forward pass, "
                "and so its gradient, uses the biased batch variance (divide by N).",
            ),
        ],
        explain=(
            "Each column of ∂L/∂X sums to zero and is orthogonal "
            "to x̂ (up to ε): no change of the input can move "
            "the batch mean or variance of the normalized output."
        ),
    )


def _ref_layernorm(X, gamma, beta, eps):
    layer = LayerNorm(len(gamma), eps=eps)
    layer.gamma.value[...] = gamma
    layer.beta.value[...] = beta
    return layer(X)


def _gen_layernorm(rng):
    n, d = int(rng.integers(1, 5)), int(rng.integers(3, 6))
    return [
        fresh(
            "random values, rows of very different scales",
            X=rng.normal(size=(n, d)) * rng.uniform(0.01, 100, size=(n, 1)) + 3,
            gamma=rng.normal(size=d),
            beta=rng.normal(size=d),
            eps=1e-5,
        ),
        fresh(
            "a single example (N = 1)",
            X=rng.normal(size=(1, d)),
            gamma=rng.normal(size=d),
            beta=rng.normal(size=d),
            eps=1e-5,
        ),
        fresh(
            "a large eps (0.5)",
            X=rng.normal(size=(n + 1, d)),
            gamma=rng.normal(size=d),
            beta=rng.normal(size=d),
            eps=0.5,
        ),
    ]


@exercise("batchnorm.layernorm", kind="function")
def layernorm(answer):
    """Write ``ln_forward(X, gamma, beta, eps)`` returning the output Y of layer
    normalization: for each example (row) n, μ_n and σ²_n are the mean and the biased
    variance (divide by C) of row n over its C features, x̂ = (x − μ_n) / √(σ²_n + ε)
    and y = γ_j x̂ + β_j for feature j.

    X (N, C): one example per row; gamma, beta (C,); eps a small number;
    return Y (N, C).
    Stub: ``def ln_forward(X, gamma, beta, eps): ...``, then
    ``check("batchnorm.layernorm", ln_forward)``.
    """
    x_hat = functools.partial(_normalized, axis=1)
    return check_function(
        answer,
        _ref_layernorm,
        cases=[
            dict(
                X=np.array([[1.0, 2.0, 6.0], [3.0, -2.0, 0.5], [10.0, 20.0, 60.0]]),
                gamma=np.array([2.0, 0.5, 1.0]),
                beta=np.array([1.0, 0.0, -1.0]),
                eps=1e-5,
            ),
            dict(
                X=np.array([[0.0, 0.01, 0.02, -0.01], [4.0, 1.0, 2.0, 3.0]]),
                gamma=np.array([1.0, 2.0, 3.0, 4.0]),
                beta=np.array([0.5, 0.5, -0.5, 0.0]),
                eps=1e-3,
            ),
        ],
        generate=_gen_layernorm,
        mistakes=[
            (
                lambda X, g, b, eps: g * _normalized(X, eps, axis=0) + b,
                "you normalized each column (one feature over the batch): that is "
                "batch normalization. Layer normalization standardizes each row, one "
                "example over its own features, so the statistics run over axis 1.",
            ),
            (
                lambda X, g, b, eps: (
                    g * (X - X.mean(axis=1)) / np.sqrt(X.var(axis=1) + eps) + b
                ),
                "your row means and variances have shape (N,) and broadcast along "
                "the features, not the examples: keep them as a column with "
                "X.mean(axis=1, keepdims=True) (shape (N, 1)), so that each row is "
                "shifted and scaled by its own statistics.",
            ),
            (
                lambda X, g, b, eps: g * x_hat(X, eps, ddof=1) + b,
                "you used the unbiased variance (dividing by C − 1); "
                "layer normalization uses the biased one, dividing by C (ddof=0).",
            ),
            (
                lambda X, g, b, eps: g * x_hat(X, 0.0) + b,
                "you left out ε: divide by √(σ²_n + ε), not by σ_n.",
            ),
            (
                lambda X, g, b, eps: g * x_hat(X, eps, eps_inside=False) + b,
                "you divided by σ_n + ε; ε is added to the "
                "variance inside the square root: √(σ²_n + ε).",
            ),
            (
                lambda X, g, b, eps: x_hat(X, eps),
                "you returned the normalized x̂; the layer "
                "then scales and shifts it: y = γ x̂ + β, per feature.",
            ),
            (
                lambda X, g, b, eps: b * x_hat(X, eps) + g,
                "you swapped γ and β: γ multiplies x̂ and β is added.",
            ),
        ],
        explain=(
            "Each row uses only its own statistics, so the output of an "
            "example does not depend on its batchmates, and a batch of one works."
        ),
    )


# The invariance exercise: one row and its image under x -> 5 − 2x, with ε = 0.
ROW = np.arange(1.0, 9.0)


@number_exercise("batchnorm.ln_invariance")
def ln_invariance():
    """A LayerNorm layer with γ = 1, β = 0 and ε = 0 maps the row x = (1, 2, …, 8) to
    x̂ = LN(x). A change upstream turns the row into x' = 5 − 2x = (3, 1, −1, …, −11).
    What is the dot product LN(x') · LN(x) = Σ_j LN(x')_j LN(x)_j?

    Stub: ``answer = None``, then ``check("batchnorm.ln_invariance", answer)``.
    """
    layer = LayerNorm(len(ROW), eps=0.0)
    expected = float(np.sum(layer((5 - 2 * ROW)[None]) * layer(ROW[None])))
    c = len(ROW)
    return Number(
        expected,
        hints={
            float(c): (
                "LN removes the shift 5 and a positive scale, but the factor here "
                "is −2: dividing by the standard deviation removes |−2| = 2 and "
                "keeps the sign, so LN(x') = −LN(x)."
            ),
            -float(c - 1): (
                "you used the unbiased variance (divide by C − 1); with the biased "
                "one, the squares of a standardized row add up to C."
            ),
            -1.0: "that is the mean of the products; the question asks for their sum.",
            -2.0 * c: (
                "LN keeps the sign of the factor −2 but not its size: dividing by the "
                "standard deviation removes |−2| = 2, so LN(x') = −LN(x), not −2 LN(x)."
            ),
            0.0: (
                "you normalized over the batch (a batch of one gives 0); layer "
                "normalization standardizes each row over its own features."
            ),
        },
        explain=(
            "LN(a x + b) = sign(a) LN(x) for ε = 0, so LN(x') = −LN(x), and the "
            "squares of a standardized row sum to C = 8: the dot product is −8."
        ),
    )
