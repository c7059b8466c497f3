"""Chapter 3 exercises ("backprop.*"): the error term δ of a sigmoid output with MSE, δ
of a hidden layer, the gradients of a Linear layer from A and δ, the cost of a backward
pass in multiplications, the truncation error of a central difference, the gradients
of a small graph of add, max and multiply gates, a point with a prescribed gradient
through those gates, and one explicit training step.

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
from ..optim import SGD
from ..train import train_epoch
from . import (
    Number,
    as_numbers,
    check_function,
    correct,
    exercise,
    fresh,
    number_exercise,
    strided,
    wrong,
)


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


# The gate exercise's graph f = max(x·y, z) + x·w and its point.
GATE_POINT = dict(x=2.0, y=-1.0, z=-3.0, w=4.0)


def _gate_graph(p):
    x, y, z, w = p
    return max(x * y, z) + x * w


@number_exercise("backprop.gate_gradients")
def gate_gradients():
    """For f = max(x·y, z) + x·w at x = 2, y = −1, z = −3, w = 4, give the tuple
    (∂f/∂x, ∂f/∂y, ∂f/∂z, ∂f/∂w), using the add, max and multiply gate rules.

    Stub: ``answer = None``, then ``check("backprop.gate_gradients", answer)``.
    """
    x, y, z, w = GATE_POINT.values()
    numeric = numerical_grad(_gate_graph, np.array([x, y, z, w]))
    expected = tuple(float(v) for v in np.round(numeric, 6))  # exact: (3, 2, 0, 2)
    return Number(
        expected,
        names=("df/dx", "df/dy", "df/dz", "df/dw"),
        hints={
            (w, x, 0.0, x): (
                "x feeds two gates, the max (through x·y) and the product x·w: its "
                "gradient is the sum of what both send back."
            ),
            (y, x, 0.0, x): (
                "x feeds two gates, the max (through x·y) and the product x·w: you "
                "kept only the path through the max; add the other one."
            ),
            (w, 0.0, 1.0, x): (
                "the max routes the gradient to the input that wins: here "
                "x·y = −2 is larger than z = −3, so z gets 0."
            ),
            (y + w, x, 1.0, x): (
                "the max routes the gradient only to the input that wins; "
                "the loser, z, gets 0."
            ),
            (x + x, y, 0.0, w): (
                "a multiply gate swaps its inputs: ∂(a·b)/∂a = b, so x gets y "
                "(from x·y) and w (from x·w), and y gets x."
            ),
        },
        explain=(
            "The add gate passes 1 to both terms; the max sends it all to x·y "
            "(−2 > −3) and nothing to z; the multiply gates swap, so y gets x = 2, "
            "w gets x = 2, and x collects y + w = 3 from its two paths."
        ),
    )


# The design exercise: the gates example f = (x·y + max(z, w))·v of the chapter, and the
# gradient (∂f/∂x, ∂f/∂y, ∂f/∂z, ∂f/∂w, ∂f/∂v) the learner's point must give.
GATE_DESIGN_TARGET = np.array([0.0, 2.0, 0.0, 1.0, 3.0])


def _gates_example(p):
    x, y, z, w, v = p
    return (x * y + max(z, w)) * v


@exercise("backprop.gate_design", kind="value")
def gate_design(answer):
    """Find a point (x, y, z, w, v) at which f = (x·y + max(z, w))·v has the gradient
    (∂f/∂x, ∂f/∂y, ∂f/∂z, ∂f/∂w, ∂f/∂v) = (0, 2, 0, 1, 3), with z ≠ w.

    Stub: ``point = None``, then ``check("backprop.gate_design", point)``.
    """
    point = as_numbers(answer, "point", ("x", "y", "z", "w", "v"))
    x, y, z, w, v = point
    if abs(z - w) < 1e-3:
        return wrong(
            "z and w (nearly) tie, where the max has no derivative: make one of them "
            "clearly larger."
        )
    grad = numerical_grad(_gates_example, point.copy())  # the oracle
    if np.allclose(grad, GATE_DESIGN_TARGET, atol=1e-6):
        return correct(
            "at your point the gradient is (0, 2, 0, 1, 3). w must win the max "
            "(∂f/∂z = 0), the max's share is v, so v = 1; ∂f/∂x = v·y = 0 forces "
            "y = 0, ∂f/∂y = v·x = 2 gives x = 2, and ∂f/∂v = x·y + max(z, w) = 3 "
            "gives w = 3; any z < 3 works."
        )
    # the first gate rule the point breaks, in the order the answer is found
    if z > w:
        return wrong(
            "at your point z wins the max, so the max routes all its gradient to z: "
            "∂f/∂z = v and ∂f/∂w = 0. The target has ∂f/∂z = 0: w must win."
        )
    if not np.isclose(grad[3], 1.0, atol=1e-6):
        return wrong(
            f"w wins the max, so ∂f/∂w is the whole gradient reaching the max, which "
            f"the outer multiply gate makes v = {v:.4g}; it must be 1."
        )
    if not np.isclose(grad[0], 0.0, atol=1e-6):
        return wrong(
            f"the multiply gate x·y swaps: ∂f/∂x = v·y = {v * y:.4g} at your point; "
            "it must be 0."
        )
    if not np.isclose(grad[1], 2.0, atol=1e-6):
        return wrong(
            f"the multiply gate x·y swaps: ∂f/∂y = v·x = {v * x:.4g} at your point; "
            "it must be 2."
        )
    return wrong(
        f"the outer multiply gate swaps: ∂f/∂v = x·y + max(z, w) = "
        f"{x * y + max(z, w):.4g} at your point; it must be 3."
    )


def _ref_train_step(X, Y, W1, b1, W2, b2, lr):
    """One full-batch step of SGD on Sequential(Linear, Sigmoid, Linear, Sigmoid) with
    MSE, by the library (train_epoch); returns the new (W1, b1, W2, b2)."""
    net = Sequential(
        Linear(*np.shape(W1), init="zeros"),
        Sigmoid(),
        Linear(*np.shape(W2), init="zeros"),
        Sigmoid(),
    )
    for param, value in zip(net.parameters(), (W1, b1, W2, b2)):
        param.value[...] = value
    train_epoch(net, MSE(), SGD(net.parameters(), lr=lr), X, Y)
    return tuple(param.value.copy() for param in net.parameters())


def _by_hand(X, Y, W1, b1, W2, b2, lr, scale=None, old_W2=True, sign=1.0, out=True):
    """Variants of the step, for the typical mistakes."""
    A1 = sigmoid(X @ W1 + b1)
    Y_hat = sigmoid(A1 @ W2 + b2)
    d2 = 2 * (Y_hat - Y) / len(X) if scale is None else scale * (Y_hat - Y)
    d2 = d2 * Y_hat * (1 - Y_hat) if out else d2
    new_W2 = W2 - sign * lr * (A1.T @ d2)
    d1 = (d2 @ (W2 if old_W2 else new_W2).T) * A1 * (1 - A1)
    return (
        W1 - sign * lr * (X.T @ d1),
        b1 - sign * lr * d1.sum(axis=0),
        new_W2,
        b2 - sign * lr * d2.sum(axis=0),
    )


def _step_case(rng, n, h, lr=0.5):
    return dict(
        X=rng.normal(size=(n, 2)),
        Y=rng.integers(0, 2, (n, 1)).astype(float),
        W1=rng.normal(size=(2, h)),
        b1=rng.normal(size=h),
        W2=rng.normal(size=(h, 1)),
        b2=rng.normal(size=1),
        lr=lr,
    )


def _gen_train_step(rng):
    return [
        fresh("random values", **_step_case(rng, int(rng.integers(3, 8)), 3)),
        fresh("one example", **_step_case(rng, 1, 4, lr=2.0)),
        fresh("a wider hidden layer", **_step_case(rng, 5, 6, lr=0.1)),
    ]


@exercise("backprop.train_step", kind="function")
def train_step(answer):
    """Write ``train_step(X, Y, W1, b1, W2, b2, lr)`` returning the new parameters
    ``(W1, b1, W2, b2)`` after one full-batch gradient-descent step of the network
    Ŷ = σ(σ(X W1 + b1) W2 + b2) with the MSE loss (1/N) Σ_n (ŷ_n − y_n)².

    X (N, 2), Y (N, 1), W1 (2, h), b1 (h,), W2 (h, 1), b2 (1,), lr a number. Return
    new arrays of the same shapes.
    Stub: ``def train_step(X, Y, W1, b1, W2, b2, lr): ...``, then
    ``check("backprop.train_step", train_step)``.
    """
    rng = np.random.default_rng(5)
    return check_function(
        answer,
        _ref_train_step,
        cases=[
            _step_case(rng, 4, 3),
            _step_case(rng, 6, 2, lr=1.0),
            _step_case(rng, 1, 5, lr=0.3),
        ],
        generate=_gen_train_step,
        mistakes=[
            (
                lambda *a: _by_hand(*a, old_W2=False),
                "you updated W2 before computing δ of the hidden layer; the "
                "recursion needs the old W2: compute every δ first, then update.",
            ),
            (
                lambda *a: _by_hand(*a, sign=-1.0),
                "your step goes uphill: gradient descent subtracts, W ← W − η ∂L/∂W.",
            ),
            (
                lambda *a: _by_hand(*a, scale=1.0),
                "your output δ lacks the factor 2/N of the MSE's "
                "derivative: ∂L/∂ŷ = 2(ŷ − y)/N.",
            ),
            (
                lambda *a: _by_hand(*a, scale=2.0),
                "you forgot the 1/N of the mean: MSE averages "
                "over the N examples, so δ has a factor 1/N.",
            ),
            (
                lambda *a: _by_hand(*a, scale=1.0 / len(a[0])),
                "your output δ lacks the factor 2 of the square: MSE here has no ½ "
                "(unlike SSE), so ∂L/∂ŷ = 2(ŷ − y)/N.",
            ),
            (
                lambda *a: _by_hand(*a, out=False),
                "the output layer is a sigmoid too: multiply ∂L/∂Ŷ by "
                "σ'(Z2) = Ŷ(1 − Ŷ) to get its δ.",
            ),
        ],
        explain=(
            "Forward, all δ's (output first, then the hidden layer with the old "
            "W2), then W ← W − η Aᵀδ and b ← b − η Σ_n δ_n: the loop `fit` runs."
        ),
    )
