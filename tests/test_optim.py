"""Optimizers. Oracle: the published update rules (SGD/momentum as in PyTorch's
documentation, Adagrad, RMSProp, Adam as in Kingma & Ba 2015, Algorithm 1) computed by
hand, step by step, in each test."""

import numpy as np
import pytest

from mlp_lib.module import Module, Parameter
from mlp_lib.optim import (
    SGD,
    Adagrad,
    Adam,
    AdamW,
    CosineLR,
    Momentum,
    Optimizer,
    RMSProp,
    Schedule,
    StepLR,
    clip_grad_norm,
)

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


def _with_grads(*grads):
    params = [Parameter(np.zeros_like(g)) for g in grads]
    for p, g in zip(params, grads):
        p.grad += g
    return params


def test_clip_grad_norm_scales_to_max_norm_closed_form():
    # oracle: ‖(3, 0, 0, 4)‖ = 5, scaled by c/‖g‖ = 1/5
    params = _with_grads(np.array([3.0, 0.0]), np.array([[0.0], [4.0]]))
    assert clip_grad_norm(params, max_norm=1.0) == 5.0
    np.testing.assert_allclose(params[0].grad, [0.6, 0.0], rtol=0, atol=1e-15)
    np.testing.assert_allclose(params[1].grad, [[0.0], [0.8]], rtol=0, atol=1e-15)


def test_clip_grad_norm_below_max_norm_changes_nothing():
    params = _with_grads(np.array([3.0, 0.0]), np.array([4.0]))
    assert clip_grad_norm(params, max_norm=5.0) == 5.0  # ‖g‖ = c: not above
    np.testing.assert_array_equal(params[0].grad, [3.0, 0.0])
    np.testing.assert_array_equal(params[1].grad, [4.0])


def test_clip_grad_norm_keeps_the_direction_of_the_global_gradient():
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=(4, 3)), rng.normal(size=3)]
    flat = np.concatenate([g.ravel() for g in grads])
    params = _with_grads(*[g.copy() for g in grads])
    norm = clip_grad_norm(params, max_norm=0.5)
    assert norm == pytest.approx(np.linalg.norm(flat), rel=1e-14)
    clipped = np.concatenate([p.grad.ravel() for p in params])
    np.testing.assert_allclose(clipped, 0.5 * flat / np.linalg.norm(flat), rtol=1e-14)


@pytest.mark.parametrize("max_norm", [0, -1.0, float("nan"), float("inf"), "1"])
def test_clip_grad_norm_bad_max_norm(max_norm):
    with pytest.raises(ValueError, match="max_norm must be a positive number"):
        clip_grad_norm([Parameter(W0)], max_norm)


def test_clip_grad_norm_needs_parameters():
    with pytest.raises(TypeError, match=r"model.parameters\(\)"):
        clip_grad_norm(_Toy(), 1.0)
    with pytest.raises(ValueError, match="empty"):
        clip_grad_norm([], 1.0)


def test_nesterov_on_a_quadratic_is_the_closed_form_linear_recursion():
    # Oracle: on L = ½λw² PyTorch's Nesterov step is linear in (w, v):
    # v' = μv + λw, w' = w − η(λw + μv') = (1 − ηλ − ημλ)w − ημ²v; so
    # (w_t, v_t) = A^t (w_0, 0) with the matrix A below.
    lam, lr, mu, w0 = 3.0, 0.1, 0.8, 1.5
    A = np.array([[1 - lr * lam * (1 + mu), -lr * mu**2], [lam, mu]])
    p = Parameter(np.array([w0]))
    opt = SGD([p], lr=lr, momentum=mu, nesterov=True)
    for t in range(1, 26):
        opt.zero_grad()
        p.grad += lam * p.value
        opt.step()
        expected = np.linalg.matrix_power(A, t) @ [w0, 0.0]
        np.testing.assert_allclose(p.value, expected[:1], rtol=1e-12, atol=1e-15)


def test_nesterov_is_the_look_ahead_form_at_the_look_ahead_point():
    # Oracle: Sutskever et al. 2013: u = μu − η∇L(θ + μu); θ ← θ + u. PyTorch's w is
    # the look-ahead point w = θ + μu, so w_t = θ_t + μ u_t at every step.
    def grad(x):
        return np.array([2.0, 20.0]) * x + np.array([0.5, -1.0]) * np.sin(x)

    lr, mu, w0 = 0.02, 0.9, np.array([1.0, -0.7])
    theta, u = w0.copy(), np.zeros(2)
    p = Parameter(w0.copy())
    opt = SGD([p], lr=lr, momentum=mu, nesterov=True)
    for _ in range(30):
        u = mu * u - lr * grad(theta + mu * u)
        theta = theta + u
        opt.zero_grad()
        p.grad += grad(p.value)
        opt.step()
        np.testing.assert_allclose(p.value, theta + mu * u, rtol=1e-12)


def test_nesterov_needs_momentum():
    with pytest.raises(ValueError, match="nesterov=True needs a momentum"):
        SGD([Parameter(W0)], lr=0.1, nesterov=True)


def test_adamw_first_two_steps_by_hand():
    # Oracle: Loshchilov & Hutter 2019, Algorithm 2 with schedule multiplier 1, as in
    # PyTorch: w ← w − ηλw, then the Adam step from m and v of the raw gradients.
    lr, lam, b1, b2, eps = 0.1, 0.5, 0.9, 0.999, 1e-8
    w, m, v, expected = W0.copy(), np.zeros(3), np.zeros(3), []
    for t, g in enumerate(GRADS[:2], start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        step = lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        w = w - lr * lam * w - step
        expected.append(w)
    got = run(lambda ps: AdamW(ps, lr=lr, weight_decay=lam), GRADS[:2])
    np.testing.assert_allclose(got, expected, rtol=1e-14)


def test_adamw_differs_from_adam_with_l2():
    # coupled: λw enters m and v and is divided by √v̂; decoupled: it is not
    coupled = run(lambda ps: Adam(ps, lr=0.1, weight_decay=0.5), GRADS[:1])
    decoupled = run(lambda ps: AdamW(ps, lr=0.1, weight_decay=0.5), GRADS[:1])
    # first step by hand: Adam + L2 steps by η·sign(g + λw); AdamW by η(λw + sign g)
    np.testing.assert_allclose(
        coupled[0], W0 - 0.1 * np.sign(GRADS[0] + 0.5 * W0), rtol=1e-6
    )
    np.testing.assert_allclose(
        decoupled[0], W0 - 0.1 * (0.5 * W0 + np.sign(GRADS[0])), rtol=1e-6
    )


def test_adamw_without_decay_is_adam():
    np.testing.assert_array_equal(
        run(lambda ps: AdamW(ps, lr=0.05, weight_decay=0.0)),
        run(lambda ps: Adam(ps, lr=0.05)),
    )


def _lrs(make_schedule, lr, steps):
    opt = SGD([Parameter(W0.copy())], lr=lr)
    schedule = make_schedule(opt)
    lrs = [opt.lr]
    for _ in range(steps):
        schedule.step()
        lrs.append(opt.lr)
    return lrs


def test_step_lr_closed_form():
    # Oracle: η γ^⌊t/s⌋ (PyTorch's StepLR)
    got = _lrs(lambda o: StepLR(o, step_size=3, gamma=0.5), 0.8, 9)
    expected = [0.8 * 0.5 ** (t // 3) for t in range(10)]
    np.testing.assert_allclose(got, expected, rtol=1e-15)


def test_cosine_lr_closed_form_and_end_value():
    # Oracle: η_min + ½(η − η_min)(1 + cos(πt/T)), then η_min (CosineAnnealingLR)
    got = _lrs(lambda o: CosineLR(o, total=8, eta_min=0.01), 0.5, 11)
    t = np.minimum(np.arange(12), 8)
    expected = 0.01 + 0.5 * (0.5 - 0.01) * (1 + np.cos(np.pi * t / 8))
    np.testing.assert_allclose(got, expected, rtol=1e-14)
    assert got[4] == pytest.approx(0.255) and got[8] == pytest.approx(0.01)


def test_linear_warmup_then_decay():
    # Oracle: η(t + 1)/k for t < k (Goyal et al. 2017), then the decay from t = k
    got = _lrs(lambda o: CosineLR(o, total=6, warmup=2), 1.0, 6)
    expected = [0.5, 1.0] + [0.5 * (1 + np.cos(np.pi * t / 4)) for t in range(5)]
    np.testing.assert_allclose(got, expected, rtol=1e-14, atol=1e-16)
    got = _lrs(lambda o: StepLR(o, step_size=2, gamma=0.1, warmup=4), 2.0, 7)
    np.testing.assert_allclose(
        got, [0.5, 1.0, 1.5, 2.0, 2.0, 2.0, 0.2, 0.2], rtol=1e-14
    )


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda o: StepLR(o, step_size=0), ValueError, "step_size"),
        (lambda o: StepLR(o, step_size=2, gamma=1.5), ValueError, "gamma"),
        (lambda o: CosineLR(o, total=0), ValueError, "total"),
        (lambda o: CosineLR(o, total=5, warmup=5), ValueError, "shorter than total"),
        (lambda o: CosineLR(o, total=5, eta_min=-1), ValueError, "eta_min"),
        (lambda o: StepLR(o, 2, warmup=-1), ValueError, "warmup"),
        (lambda o: StepLR(o.params, 2), TypeError, "optimizer must be an Optimizer"),
    ],
)
def test_bad_schedules(make, error, message):
    with pytest.raises(error, match=message):
        make(SGD([Parameter(W0)], lr=0.1))


def test_base_schedule_needs_a_factor():
    with pytest.raises(NotImplementedError):
        Schedule(SGD([Parameter(W0)], lr=0.1))
