"""Chapter 3 exercises ("backprop.*"): the error term δ of a sigmoid output with MSE, δ
of a hidden layer, the gradients of a Linear layer from A and δ, the cost of a backward
pass in multiplications, and the truncation error of a central difference.

Expected values come from the library (Sigmoid and MSE backward, Linear.backward, the
layers' weight shapes, gradcheck.numerical_grad); the reference solutions are in the
chapter's notebook.
"""

import numpy as np

from ..activations import Sigmoid
from ..functional import sigmoid, sigmoid_grad
from ..gradcheck import numerical_grad
from ..layers import Linear, Sequential
from ..losses import MSE
from . import Number, check_function, exercise, fresh, number_exercise, strided


def _ref_output_delta(Z, Y):
    """δ = ∂L/∂Z for ŷ = σ(Z) and L = MSE(ŷ, Y), by the library's backward passes."""
    out, loss = Sigmoid(), MSE()
    loss(out.forward(Z), Y)
    return out.backward(loss.backward())


def _gen_output_delta(rng):
    n = int(rng.integers(2, 7))
    return [
        fresh(
            "random values",
            Z=rng.normal(size=(n, 1)) * 2,
            Y=rng.integers(0, 2, (n, 1)).astype(float),
        ),
        fresh("one example", Z=rng.normal(size=(1, 1)), Y=np.ones((1, 1))),
        fresh(
            "targets between 0 and 1", Z=rng.normal(size=(n, 1)), Y=rng.random((n, 1))
        ),
    ]


@exercise("backprop.output_delta", kind="function")
def output_delta(answer):
    """Write ``output_delta(Z, Y)`` returning δ = ∂L/∂Z for a sigmoid output layer
    ŷ = σ(Z) and the MSE loss L = (1/N) Σ_n (ŷ_n − y_n)² over a batch of N examples with
    one output each.

    Z, Y: arrays of shape (N, 1); return an array of shape (N, 1).
    Stub: ``def output_delta(Z, Y): ...``, then
    ``check("backprop.output_delta", output_delta)``.
    """

    def with_(Z, Y, factor=2.0, per_example=True, slope=sigmoid_grad):
        return factor * (sigmoid(Z) - Y) * slope(Z) / (len(Z) if per_example else 1)

    return check_function(
        answer,
        _ref_output_delta,
        cases=[
            dict(Z=np.array([[0.5], [-1.0], [2.0]]), Y=np.array([[1.0], [0.0], [1.0]])),
            dict(
                Z=np.array([[1.5], [0.2], [-0.7], [3.0]]),
                Y=np.array([[0.0], [1.0], [1.0], [0.0]]),
            ),
            dict(Z=np.array([[-2.0]]), Y=np.array([[1.0]])),
        ],
        generate=_gen_output_delta,
        mistakes=[
            (
                lambda Z, Y: with_(Z, Y, slope=lambda z: 1.0),
                "you stopped at ∂L/∂ŷ: δ is the derivative with "
                "respect to Z, so multiply by σ'(Z) = σ(Z)(1 − σ(Z)).",
            ),
            (
                lambda Z, Y: with_(Z, Y, slope=lambda z: sigmoid(z) * sigmoid(1 - z)),
                "you used σ(Z)·σ(1 − Z); the sigmoid's derivative "
                "is σ(Z)(1 − σ(Z)): 1 − σ(Z), not σ(1 − Z).",
            ),
            (
                lambda Z, Y: with_(Z, Y, per_example=False),
                "you forgot the 1/N of the mean: MSE averages "
                "over the N examples, so δ has a factor 1/N.",
            ),
            (
                lambda Z, Y: with_(Z, Y, factor=1.0),
                "you lost the 2 from the derivative of "
                "the square: ∂/∂ŷ (ŷ − y)² = 2(ŷ − y).",
            ),
            (
                lambda Z, Y: with_(Z, Y, slope=lambda z: sigmoid_grad(sigmoid(z))),
                "you applied σ' to the output σ(Z); "
                "use σ'(Z) = σ(Z)(1 − σ(Z)), i.e. ŷ(1 − ŷ).",
            ),
            (
                lambda Z, Y: 2.0 * (Z - Y) * sigmoid_grad(Z) / len(Z),
                "you used Z as the prediction; the prediction is ŷ = σ(Z).",
            ),
        ],
        explain=(
            "δ = 2(ŷ − y) ŷ(1 − ŷ) / N: the loss's "
            "derivative times the sigmoid's slope."
        ),
    )


def _ref_hidden_delta(delta_next, W_next, Z):
    """δ = (δ_next W_nextᵀ) ⊙ σ'(Z) by the library: Linear, then Sigmoid backward."""
    layer, act = Linear(*np.shape(W_next), init="zeros"), Sigmoid()
    layer.W.value[...] = W_next
    layer.forward(act.forward(Z))
    return act.backward(layer.backward(delta_next))


def _gen_hidden_delta(rng):
    n, h, k = (int(v) for v in rng.integers(2, 6, size=3))
    while k == h:
        k += 1
    return [
        fresh(
            "random values",
            delta_next=rng.normal(size=(n, k)),
            W_next=rng.normal(size=(h, k)),
            Z=rng.normal(size=(n, h)),
        ),
        fresh(
            "one example",
            delta_next=rng.normal(size=(1, k)),
            W_next=rng.normal(size=(h, k)),
            Z=rng.normal(size=(1, h)),
        ),
        fresh(
            "a non-contiguous Z",
            delta_next=rng.normal(size=(n, k)),
            W_next=rng.normal(size=(h, k)),
            Z=strided(rng.normal(size=(n, h))),
        ),
    ]


@exercise("backprop.hidden_delta", kind="function")
def hidden_delta(answer):
    """Write ``hidden_delta(delta_next, W_next, Z)`` returning the error term
    δ^(l) = ∂L/∂Z^(l) of a sigmoid hidden layer, in the book's row form:
    δ^(l) = (δ^(l+1) (W^(l+1))ᵀ) ⊙ σ'(Z^(l)).

    delta_next (N, n_next): δ of the next layer; W_next (n, n_next): the next layer's
    weights (Z^(l+1) = A^(l) W^(l+1) + b); Z (N, n): this layer's pre-activations.
    Return (N, n).
    Stub: ``def hidden_delta(delta_next, W_next, Z): ...``, then
    ``check("backprop.hidden_delta", hidden_delta)``.
    """
    rng = np.random.default_rng(3)
    return check_function(
        answer,
        _ref_hidden_delta,
        cases=[
            # square W first: a missing transpose gives a wrong value, not an error
            dict(
                delta_next=np.array([[0.5, -1.0], [0.2, 0.3]]),
                W_next=np.array([[1.0, 2.0], [-0.5, 0.25]]),
                Z=np.array([[0.1, -0.4], [1.2, 0.0]]),
            ),
            dict(
                delta_next=rng.normal(size=(4, 2)),
                W_next=rng.normal(size=(3, 2)),
                Z=rng.normal(size=(4, 3)),
            ),
            dict(
                delta_next=rng.normal(size=(1, 1)),
                W_next=rng.normal(size=(5, 1)),
                Z=rng.normal(size=(1, 5)),
            ),
        ],
        generate=_gen_hidden_delta,
        mistakes=[
            (
                lambda d, W, Z: d @ W.T,
                "you forgot the activation's slope: multiply δ^(l+1) "
                "(W^(l+1))ᵀ entrywise by σ'(Z) = σ(Z)(1 − σ(Z)).",
            ),
            (
                lambda d, W, Z: (d @ W.T) * sigmoid(Z) * sigmoid(1 - Z),
                "you used σ(Z)·σ(1 − Z); the sigmoid's derivative "
                "is σ(Z)(1 − σ(Z)): 1 − σ(Z), not σ(1 − Z).",
            ),
            (
                lambda d, W, Z: (d @ W.T) * sigmoid(Z),
                "you multiplied by σ(Z); the slope is σ'(Z) = σ(Z)(1 − σ(Z)).",
            ),
            (
                lambda d, W, Z: (d @ W) * sigmoid_grad(Z),
                "you used W^(l+1) without the transpose: in the row "
                "form δ^(l+1) (N, n_next) is multiplied by (W^(l+1))ᵀ "
                "(n_next, n) to go back to this layer's n units.",
            ),
            (
                lambda d, W, Z: d @ (W.T * sigmoid_grad(Z)),
                "σ'(Z) multiplies the result entrywise (⊙), "
                "after the matrix product, not inside it.",
            ),
        ],
        explain=(
            "The error flows back through the weights "
            "(δWᵀ) and is scaled by each unit's slope σ'(z)."
        ),
    )


def _ref_linear_grads(A_prev, delta):
    """(∂L/∂W, ∂L/∂b) of Z = A_prev W + b given δ = ∂L/∂Z, by Linear.backward."""
    layer = Linear(np.shape(A_prev)[1], np.shape(delta)[1], init="zeros")
    layer.forward(A_prev)
    layer.backward(delta)
    return layer.W.grad, layer.b.grad


def _gen_linear_grads(rng):
    n, i, o = (int(v) for v in rng.integers(2, 6, size=3))
    return [
        fresh(
            "random values",
            A_prev=rng.normal(size=(n, i)),
            delta=rng.normal(size=(n, o)),
        ),
        fresh(
            "one example", A_prev=rng.normal(size=(1, i)), delta=rng.normal(size=(1, o))
        ),
        fresh(
            "one output", A_prev=rng.normal(size=(n, i)), delta=rng.normal(size=(n, 1))
        ),
    ]


@exercise("backprop.linear_grads", kind="function")
def linear_grads(answer):
    """Write ``linear_grads(A_prev, delta)`` returning the pair ``(dW, db)``: the
    gradients of a layer Z = A_prev W + b with respect to W and b, given δ = ∂L/∂Z for
    the whole batch.

    A_prev (N, n_in): the layer's inputs, one example per row; delta (N, n_out).
    dW must have W's shape (n_in, n_out) and db b's shape (n_out,).
    Stub: ``def linear_grads(A_prev, delta): ...``, then
    ``check("backprop.linear_grads", linear_grads)``.
    """
    rng = np.random.default_rng(4)
    return check_function(
        answer,
        _ref_linear_grads,
        cases=[
            # N = n_in = n_out first: every wrong product computes and gets its message
            dict(
                A_prev=np.array([[1.0, 2.0], [0.5, -1.0]]),
                delta=np.array([[0.1, -0.2], [0.3, 0.4]]),
            ),
            dict(A_prev=rng.normal(size=(5, 3)), delta=rng.normal(size=(5, 2))),
            dict(A_prev=rng.normal(size=(1, 4)), delta=rng.normal(size=(1, 3))),
        ],
        generate=_gen_linear_grads,
        mistakes=[
            (
                lambda A, d: ((d.T @ A), d.sum(axis=0)),
                "dW is δᵀA, the column-form shape (n_out, n_in); "
                "here W is (n_in, n_out), so dW = Aᵀδ.",
            ),
            (
                lambda A, d: ((A @ d), d.sum(axis=0)),
                "you multiplied A δ without transposing A: "
                "dW = Aᵀ δ sums a_n δ_nᵀ over the examples n.",
            ),
            (
                lambda A, d: ((A.T @ d), d),
                "dW is right, but db must be summed over "
                "the batch: db = Σ_n δ_n, shape (n_out,).",
            ),
            (
                lambda A, d: ((A.T @ d), d.mean(axis=0)),
                "dW is right, but db averages δ over the batch; "
                "sum it (any 1/N is already inside δ).",
            ),
            (
                lambda A, d: ((A.T @ d) / len(A), d.sum(axis=0) / len(A)),
                "you divided by N; the 1/N of a mean loss is "
                "already inside δ, so just sum over the batch.",
            ),
        ],
        explain=(
            "dW = Aᵀδ and db = Σ_n δ_n: each example adds its outer product a_n δ_nᵀ."
        ),
    )


# The network of the counting exercise and its batch size.
SIZES, BATCH = (784, 128, 64, 10), 32


def _network():
    layers = []
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
        layers += [Linear(n_in, n_out, init="zeros"), Sigmoid()]
    return Sequential(*layers[:-1])


@number_exercise("backprop.backward_multiplications")
def backward_multiplications():
    """How many scalar multiplications do the matrix products of one backward pass take,
    for a 784-128-64-10 network (three Linear layers) and a batch of N = 32 examples?
    Count, for each Linear layer, both products its backward computes, δWᵀ and Aᵀδ
    (each costs N·n_in·n_out); count the first layer's δWᵀ too, as the library does.
    Ignore activations, the loss and the bias sums.

    Stub: ``answer = None``, then
    ``check("backprop.backward_multiplications", answer)``.
    """
    weights = sum(
        layer.W.value.size for layer in _network() if isinstance(layer, Linear)
    )
    forward = BATCH * weights
    first = BATCH * SIZES[0] * SIZES[1]
    return Number(
        2 * forward,
        hints={
            forward: (
                "that is the forward pass (one product per layer); "
                "backward computes two per layer."
            ),
            2 * forward - first: (
                "you skipped the first layer's δWᵀ; "
                "the question counts it (the library computes it)."
            ),
            2 * weights: "that is for one example; the batch has N = 32.",
            weights: (
                "that is the number of weights; "
                "each product costs N·n_in·n_out multiplications."
            ),
            2 * forward
            + BATCH * sum(SIZES[1:]): "the activations and bias sums are not counted.",
            3 * forward: (
                "that is forward and backward together; "
                "the question asks for the backward pass only."
            ),
        },
        explain=(
            "Twice the forward pass: backpropagation "
            "costs about as much as two forward passes."
        ),
    )


def _cube(w):
    return float(w[0] ** 3)


@number_exercise("backprop.central_difference_error")
def central_difference_error():
    """For f(w) = w³ at w = 1 the exact derivative is f'(1) = 3. The central difference
    with ε = 0.001 is (f(1 + ε) − f(1 − ε)) / (2ε). By how much does it exceed 3? Work
    it out exactly (expand the cubes) and give the number.

    Stub: ``answer = None``, then
    ``check("backprop.central_difference_error", answer)``.
    """
    eps = 1e-3
    expected = numerical_grad(_cube, np.array([1.0]), eps=eps)[0] - 3.0
    return Number(
        expected,
        digits=4,
        hints={
            3 * eps + eps**2: (
                "that is the forward difference (f(1 + ε) − f(1)) / ε, whose "
                "error is 3ε + ε²; the central difference cancels the ε terms."
            ),
            3 * eps: (
                "that is about the forward difference's error; "
                "the central difference's is much smaller."
            ),
            2 * eps**2: (
                "check the division: ((1 + ε)³ − (1 − ε)³) = 6ε + 2ε³, divided by 2ε."
            ),
            2 * eps**3: "that is (1 + ε)³ − (1 − ε)³ − 6ε before dividing by 2ε.",
            -(eps**2): "the central difference is larger than 3, not smaller: 3 + ε².",
        },
        explain=(
            "The error is exactly ε² = 10⁻⁶: central "
            "differences are accurate to second order in ε."
        ),
    )
