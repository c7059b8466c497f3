"""Optimizers. Oracle: the published update rules (SGD/momentum as in PyTorch's
documentation, Adagrad, RMSProp, Adam as in Kingma & Ba 2015, Algorithm 1) computed by
hand, step by step, in each test."""

import numpy as np
import pytest

from mlp_lib.module import Module, Parameter
from mlp_lib.optim import SGD, Adagrad, Adam, Momentum, Optimizer, RMSProp

W0 = np.array([0.5, -1.0, 2.0])
GRADS = [
    np.array([0.1, -0.2, 0.3]),
    np.array([-0.4, 0.5, 0.0]),
    np.array([0.2, 0.2, -0.6]),
]


def run(make_optimizer, grads=GRADS):
    """Apply the fixed gradient sequence (independent of w) and return w after each
    step."""
    p = Parameter(W0.copy())
    opt = make_optimizer([p])
    trajectory = []
    for g in grads:
        opt.zero_grad()
        p.grad += g
        opt.step()
        trajectory.append(p.value.copy())
    return trajectory


def test_sgd_plain_step():
    (w1,) = run(lambda ps: SGD(ps, lr=0.1), GRADS[:1])
    np.testing.assert_allclose(w1, W0 - 0.1 * GRADS[0], rtol=0, atol=1e-15)


def test_sgd_momentum_matches_unrolled_loop():
    lr, mu = 0.1, 0.9
    w, v, expected = W0.copy(), np.zeros(3), []
    for g in GRADS:
        v = mu * v + g
        w = w - lr * v
        expected.append(w)
    np.testing.assert_allclose(
        run(lambda ps: SGD(ps, lr, momentum=mu)), expected, rtol=0, atol=1e-15
    )


def test_sgd_momentum_equals_lecture_form():
    # v = μv − ηg; w ← w + v (seed 002's notation)
    lr, mu = 0.05, 0.8
    w, v, expected = W0.copy(), np.zeros(3), []
    for g in GRADS:
        v = mu * v - lr * g
        w = w + v
        expected.append(w)
    np.testing.assert_allclose(
        run(lambda ps: SGD(ps, lr, momentum=mu)), expected, rtol=1e-14
    )


def test_ema_momentum_is_sgd_momentum_with_rescaled_lr():
    lr, beta = 0.1, 0.9
    ema = Parameter(W0.copy())
    sgd = Parameter(W0.copy())
    opt_ema = Momentum([ema], lr=lr, beta=beta)
    opt_sgd = SGD([sgd], lr=lr * (1 - beta), momentum=beta)
    rng = np.random.default_rng(0)
    for _ in range(50):
        g = rng.normal(size=3)
        for p, opt in ((ema, opt_ema), (sgd, opt_sgd)):
            opt.zero_grad()
            p.grad += g
            opt.step()
        np.testing.assert_allclose(ema.value, sgd.value, rtol=1e-12)
        np.testing.assert_allclose(
            opt_ema.state[0]["v"], (1 - beta) * opt_sgd.state[0]["v"], rtol=1e-12
        )


def test_adagrad_first_steps():
    lr, eps = 0.01, 1e-10
    w, G, expected = W0.copy(), np.zeros(3), []
    for g in GRADS:
        G = G + g**2
        w = w - lr * g / (np.sqrt(G) + eps)
        expected.append(w)
    np.testing.assert_allclose(run(lambda ps: Adagrad(ps, lr)), expected, rtol=1e-14)
    # the first step moves each weight with a nonzero gradient by lr·sign(g):
    # |g| / √g² = 1
    np.testing.assert_allclose(expected[0], W0 - lr * np.sign(GRADS[0]), rtol=1e-9)


def test_rmsprop_first_steps():
    lr, alpha, eps = 0.01, 0.99, 1e-8
    w, s, expected = W0.copy(), np.zeros(3), []
    for g in GRADS:
        s = alpha * s + (1 - alpha) * g**2
        w = w - lr * g / (np.sqrt(s) + eps)
        expected.append(w)
    np.testing.assert_allclose(
        run(lambda ps: RMSProp(ps, lr, alpha=alpha)), expected, rtol=1e-14
    )


def test_adam_first_three_steps_by_hand():
    lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-8
    g1, g2, g3 = GRADS
    m1 = 0.1 * g1
    v1 = 0.001 * g1**2
    w1 = W0 - lr * (m1 / 0.1) / (np.sqrt(v1 / 0.001) + eps)
    m2 = 0.9 * m1 + 0.1 * g2
    v2 = 0.999 * v1 + 0.001 * g2**2
    w2 = w1 - lr * (m2 / (1 - 0.9**2)) / (np.sqrt(v2 / (1 - 0.999**2)) + eps)
    m3 = 0.9 * m2 + 0.1 * g3
    v3 = 0.999 * v2 + 0.001 * g3**2
    w3 = w2 - lr * (m3 / (1 - 0.9**3)) / (np.sqrt(v3 / (1 - 0.999**3)) + eps)
    trajectory = run(lambda ps: Adam(ps, lr, betas=(b1, b2), eps=eps))
    np.testing.assert_allclose(trajectory, [w1, w2, w3], rtol=1e-12)
    # bias correction makes the first step ≈ lr·sign(g) for every weight with g ≠ 0
    np.testing.assert_allclose(w1, W0 - lr * np.sign(g1), atol=1e-9)


def test_weight_decay_sgd_step_is_shrink_then_gradient():
    lr, lam = 0.1, 0.01
    (w1,) = run(lambda ps: SGD(ps, lr, weight_decay=lam), GRADS[:1])
    np.testing.assert_allclose(w1, (1 - lr * lam) * W0 - lr * GRADS[0], rtol=1e-15)


@pytest.mark.parametrize("cls", [Momentum, Adagrad, RMSProp, Adam])
def test_weight_decay_is_added_to_the_gradient(cls):
    lam = 0.1
    decayed = run(lambda ps: cls(ps, lr=0.01, weight_decay=lam), GRADS[:1])
    # same as no decay with g + λw on the first step (w = W0 there)
    p = Parameter(W0.copy())
    opt = cls([p], lr=0.01)
    p.grad += GRADS[0] + lam * W0
    opt.step()
    np.testing.assert_allclose(decayed[0], p.value, rtol=1e-15)


def test_state_lives_in_optimizer_and_grad_is_untouched():
    p = Parameter(W0.copy())
    opt = Adam([p])
    p.grad += GRADS[0]
    opt.step()
    assert set(opt.state[0]) == {"t", "m", "v"}
    np.testing.assert_array_equal(p.grad, GRADS[0])
    opt.zero_grad()
    np.testing.assert_array_equal(p.grad, 0.0)


def test_step_updates_value_in_place():
    p = Parameter(W0.copy())
    before = p.value
    SGD([p], lr=0.1).step()
    assert p.value is before


def test_accepts_a_generator():
    ps = [Parameter(W0.copy()), Parameter(W0.copy())]
    assert SGD((p for p in ps), lr=0.1).params == ps


class _Toy(Module):
    def __init__(self):
        self.w = Parameter(W0.copy())


def test_module_instead_of_parameters_is_explained():
    with pytest.raises(TypeError, match=r"model.parameters\(\)"):
        SGD(_Toy(), lr=0.1)


@pytest.mark.parametrize("params", [Parameter(W0), [W0], 3, [Parameter(W0), "w"]])
def test_not_a_list_of_parameters(params):
    with pytest.raises(TypeError, match="Parameter"):
        SGD(params, lr=0.1)


def test_empty_params():
    with pytest.raises(ValueError, match="empty"):
        Adam([])


@pytest.mark.parametrize("lr", [0, -0.1, float("nan")])
def test_lr_must_be_positive(lr):
    with pytest.raises(ValueError, match="lr must be positive"):
        SGD([Parameter(W0)], lr=lr)


@pytest.mark.parametrize(
    "make",
    [
        lambda ps: SGD(ps, 0.1, momentum=1.0),
        lambda ps: Momentum(ps, 0.1, beta=-0.1),
        lambda ps: RMSProp(ps, alpha=1.5),
        lambda ps: Adam(ps, betas=(0.9, 1.0)),
        lambda ps: SGD(ps, 0.1, weight_decay=-1e-4),
    ],
)
def test_bad_hyperparameters(make):
    with pytest.raises(ValueError):
        make([Parameter(W0)])


def test_base_class_needs_a_rule():
    opt = Optimizer([Parameter(W0)], lr=0.1)
    with pytest.raises(NotImplementedError):
        opt.step()


def _written_out(name, g_seq, w0, lr=0.05):
    """Each rule written out in its out-of-place textbook form (the oracle)."""
    w, state = w0.copy(), {}
    for t, g in enumerate(g_seq, start=1):
        if name == "sgd_momentum":
            state["v"] = 0.9 * state.get("v", 0.0) + g
            w = w - lr * state["v"]
        elif name == "momentum":
            state["v"] = 0.9 * state.get("v", 0.0) + (1 - 0.9) * g
            w = w - lr * state["v"]
        elif name == "adagrad":
            state["G"] = state.get("G", 0.0) + g * g
            w = w - lr * g / (np.sqrt(state["G"]) + 1e-10)
        elif name == "rmsprop":
            state["s"] = 0.99 * state.get("s", 0.0) + (1 - 0.99) * g * g
            w = w - lr * g / (np.sqrt(state["s"]) + 1e-8)
        elif name == "adam":
            state["m"] = 0.9 * state.get("m", 0.0) + (1 - 0.9) * g
            state["v"] = 0.999 * state.get("v", 0.0) + (1 - 0.999) * g * g
            m_hat, v_hat = state["m"] / (1 - 0.9**t), state["v"] / (1 - 0.999**t)
            w = w - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
    return w


@pytest.mark.parametrize(
    "name, make",
    [
        ("sgd_momentum", lambda p: SGD(p, lr=0.05, momentum=0.9)),
        ("momentum", lambda p: Momentum(p, lr=0.05, beta=0.9)),
        ("adagrad", lambda p: Adagrad(p, lr=0.05)),
        ("rmsprop", lambda p: RMSProp(p, lr=0.05)),
        ("adam", lambda p: Adam(p, lr=0.05)),
    ],
)
def test_in_place_rules_equal_the_written_out_formulas_bit_for_bit(name, make):
    """The in-place state updates must not change a single bit (the book's stored
    outputs depend on it). Oracle: the formulas written out of place."""
    rng = np.random.default_rng(7)
    w0 = rng.normal(size=(4, 3))
    grads = [rng.normal(size=(4, 3)) * 10.0 ** rng.integers(-6, 3) for _ in range(10)]
    p = Parameter(w0)
    opt = make([p])
    for g in grads:
        p.grad[...] = g
        opt.step()
    expected = _written_out(name, grads, w0)
    assert np.array_equal(p.value, expected), f"{name}: {p.value} vs {expected}"
