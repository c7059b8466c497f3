"""mlp_lib.regularization. Oracles: central finite differences of the penalty values
(gradcheck), the closed forms ½λ‖w‖² and λ‖w‖₁ written by hand, the optimizers' own
weight_decay, and mlp_lib.layers.Dropout (inverted dropout) for the masks and the
(1 − p) scaling."""

import numpy as np
import pytest

from mlp_lib.activations import ReLU
from mlp_lib.gradcheck import check_layer, numerical_grad, rel_error
from mlp_lib.layers import Dropout, Linear, Sequential
from mlp_lib.losses import SoftmaxCrossEntropy
from mlp_lib.module import Parameter
from mlp_lib.optim import SGD
from mlp_lib.regularization import (
    ClassicDropout,
    Penalized,
    ProximalL1,
    l1_penalty,
    l2_penalty,
    soft_threshold,
    weights,
)
from mlp_lib.train import fit


def params(seed=0):
    rng = np.random.default_rng(seed)
    return [
        Parameter(rng.normal(size=(3, 4)), name="W"),
        Parameter(rng.normal(size=5), name="W"),
    ]


@pytest.mark.parametrize(
    "penalty, closed_form",
    [
        (l2_penalty, lambda ws, lam: 0.5 * lam * sum(np.sum(w**2) for w in ws)),
        (l1_penalty, lambda ws, lam: lam * sum(np.sum(np.abs(w)) for w in ws)),
    ],
)
def test_penalty_value_and_gradient_match_finite_differences(penalty, closed_form):
    ps, lam = params(), 0.3
    value = penalty(ps, lam)
    assert value == pytest.approx(closed_form([p.value for p in ps], lam), rel=1e-12)
    for p in ps:
        # away from w = 0 (|w| > 1e-3 here) the L1 penalty is differentiable
        numeric = numerical_grad(lambda w: closed_form([w], lam), p.value.copy())
        assert rel_error(p.grad, numeric) < 1e-8


def test_penalties_add_to_existing_gradients():
    ps = params()
    for p in ps:
        p.grad[...] = 1.0
    l2_penalty(ps, 0.5)
    l1_penalty(ps, 0.25)
    for p in ps:
        np.testing.assert_allclose(
            p.grad, 1.0 + 0.5 * p.value + 0.25 * np.sign(p.value)
        )


def test_l1_subgradient_is_zero_at_zero_and_negative_lambda_rejected():
    p = Parameter(np.array([0.0, 2.0, -3.0]))
    assert l1_penalty([p], 1.0) == 5.0
    np.testing.assert_array_equal(p.grad, [0.0, 1.0, -1.0])
    with pytest.raises(ValueError, match="lam"):
        l2_penalty([p], -1.0)


def test_weights_selects_weight_matrices_only():
    net = Sequential(Linear(4, 3, rng=0), ReLU(), Linear(3, 2, rng=1))
    ws = weights(net)
    assert [p.shape for p in ws] == [(4, 3), (3, 2)]
    assert all(p.name == "W" for p in ws)


def test_sgd_weight_decay_equals_explicit_l2_penalty():
    rng = np.random.default_rng(1)
    w0, g = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    lr, lam = 0.1, 0.05
    a, b = Parameter(w0), Parameter(w0)
    a.grad[...] = g
    b.grad[...] = g
    SGD([a], lr=lr, weight_decay=lam).step()
    Penalized(SGD([b], lr=lr), [b], l2=lam).step()
    np.testing.assert_allclose(a.value, (1 - lr * lam) * w0 - lr * g, rtol=1e-12)
    np.testing.assert_allclose(b.value, a.value, rtol=1e-12)


def test_penalized_trains_with_fit_and_l1_shrinks_weights():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(60, 5)), rng.integers(0, 3, size=60)
    norms = {}
    for l1 in (0.0, 0.05):
        net = Sequential(Linear(5, 8, rng=0), ReLU(), Linear(8, 3, rng=1))
        opt = Penalized(SGD(net.parameters(), lr=0.1), weights(net), l1=l1)
        fit(net, SoftmaxCrossEntropy(), opt, X, y, epochs=100)
        norms[l1] = sum(np.abs(p.value).sum() for p in weights(net))
        if l1:
            assert opt.last_penalty == pytest.approx(l1 * norms[l1], rel=0.05)
    assert norms[0.05] < norms[0.0]


def test_classic_dropout_gradient_in_both_modes():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(6, 5))
    layer = ClassicDropout(0.3, rng=0)
    layer.train()
    layer(x)
    mask = layer.mask.copy()

    class Fixed(
        ClassicDropout
    ):  # the same mask at every call, so finite differences see one function
        def forward(self, x):
            self.mask = mask
            return np.asarray(x) * mask

    assert check_layer(Fixed(0.3), x, rng)["input"] < 1e-8
    layer.eval()
    assert check_layer(layer, x, rng)["input"] < 1e-8


def test_classic_dropout_matches_inverted_dropout_up_to_the_scale():
    x = np.random.default_rng(3).normal(size=(50, 20))
    classic, inverted = ClassicDropout(0.4, rng=7), Dropout(0.4, rng=7)
    np.testing.assert_allclose(classic(x) / 0.6, inverted(x), rtol=1e-12)
    np.testing.assert_array_equal(classic.mask, inverted.mask)
    classic.eval()
    inverted.eval()
    np.testing.assert_allclose(classic(x), 0.6 * inverted(x), rtol=1e-12)


def test_classic_dropout_expected_training_output_equals_eval_output():
    x = np.ones((1, 20_000))
    layer = ClassicDropout(0.25, rng=0)
    train_mean = layer(x).mean()
    layer.eval()
    assert train_mean == pytest.approx(layer(x).mean(), abs=0.01)
    with pytest.raises(ValueError, match="p must be in"):
        ClassicDropout(1.0)


def test_soft_threshold_closed_form_and_brute_force_minimizer():
    # oracle: sgn(u)·max(|u| − t, 0) by hand, and the minimizer of ½(w − u)² + t|w|
    # found on a grid of w
    u = np.array([[-2.0, -0.5, -0.3], [0.0, 0.3, 1.25]])
    np.testing.assert_array_equal(
        soft_threshold(u, 0.5), [[-1.5, 0.0, 0.0], [0.0, 0.0, 0.75]]
    )
    grid = np.linspace(-3, 3, 600_001)
    for value in np.random.default_rng(0).uniform(-2, 2, size=20):
        brute = grid[np.argmin(0.5 * (grid - value) ** 2 + 0.4 * np.abs(grid))]
        assert soft_threshold(value, 0.4) == pytest.approx(brute, abs=1e-5)
    np.testing.assert_array_equal(soft_threshold(u, 0.0), u)
    with pytest.raises(ValueError, match="threshold must be >= 0"):
        soft_threshold(u, -0.1)


def test_proximal_l1_solves_the_lasso_like_sklearn():
    # oracle: scikit-learn's Lasso (coordinate descent) minimizes
    # (1/2n)‖y − Xw‖² + α‖w‖₁; proximal gradient steps on the same objective with
    # step 1/curvature converge to the same w, with the same exact zeros
    from sklearn.linear_model import Lasso

    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 8))
    y = X[:, :2] @ np.array([1.5, -1.0]) + 0.1 * rng.normal(size=40)
    alpha = 0.1
    w = Parameter(np.zeros(8))
    eta = 1 / np.linalg.eigvalsh(X.T @ X / 40).max()
    optimizer = ProximalL1(SGD([w], lr=eta), [w], l1=alpha)
    for _ in range(3000):
        optimizer.zero_grad()
        w.grad += X.T @ (X @ w.value - y) / 40
        optimizer.step()
    reference = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=100_000)
    reference.fit(X, y)
    np.testing.assert_allclose(w.value, reference.coef_, atol=1e-9)
    np.testing.assert_array_equal(w.value == 0, reference.coef_ == 0)
    assert (w.value == 0).sum() >= 3


def test_proximal_l1_rejects_bad_input():
    w = Parameter(np.ones(3))
    with pytest.raises(ValueError, match="lam"):
        ProximalL1(SGD([w], lr=0.1), [w], l1=-1.0)
    with pytest.raises(TypeError, match="learning rate"):
        ProximalL1(object(), [w], l1=0.1)
