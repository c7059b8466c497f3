"""Losses. Oracles: central finite differences of each loss w.r.t. pred (float64,
relative error < 1e-6), the closed forms ∂L/∂z = (p − y)/N for softmax + cross-entropy
and (σ(z) − y)/N for sigmoid + binary cross-entropy, hand-computed values, and exact
limits at logits ±1000."""

import numpy as np
import pytest

from mlp_lib import functional as F
from mlp_lib.activations import Sigmoid
from mlp_lib.gradcheck import check_loss
from mlp_lib.losses import (
    BCE,
    L1,
    MSE,
    SSE,
    BCEWithLogits,
    SoftmaxCrossEntropy,
)


def problem(name, rng, n, k):
    """(pred, target) of shape (n, k) fitting the loss: probabilities, logits, or any
    reals."""
    z = 2 * rng.standard_normal((n, k))
    if name == "SoftmaxCrossEntropy (labels)":
        return z, rng.integers(0, k, size=n)
    if name == "SoftmaxCrossEntropy (one-hot)":
        return z, np.eye(k)[rng.integers(0, k, size=n)]
    if name == "BCE":
        return F.sigmoid(z), rng.integers(0, 2, size=(n, k)).astype(float)
    if name == "BCEWithLogits":
        return z, rng.random((n, k))  # soft targets are allowed
    return z, rng.standard_normal((n, k))


LOSSES = {
    "SSE": SSE,
    "MSE": MSE,
    "L1": L1,
    "BCE": BCE,
    "BCEWithLogits": BCEWithLogits,
    "SoftmaxCrossEntropy (labels)": SoftmaxCrossEntropy,
    "SoftmaxCrossEntropy (one-hot)": SoftmaxCrossEntropy,
}


@pytest.mark.parametrize("name", LOSSES)
@pytest.mark.parametrize("seed, n, k", [(0, 1, 2), (1, 5, 3), (2, 12, 1), (3, 7, 10)])
def test_backward_matches_finite_differences(name, seed, n, k):
    pred, target = problem(name, np.random.default_rng(seed), n, k)
    err = check_loss(LOSSES[name](), pred, target)
    assert err < 1e-6, f"{name} grad, shape {pred.shape}: rel err {err:.2e}"


@pytest.mark.parametrize("seed", range(3))
def test_softmax_cross_entropy_gradient_is_p_minus_y_over_n(seed):
    rng = np.random.default_rng(seed)
    z, labels = rng.standard_normal((6, 4)), rng.integers(0, 4, size=6)
    y = np.eye(4)[labels]
    loss = SoftmaxCrossEntropy()
    value = loss(z, labels)
    np.testing.assert_allclose(loss.backward(), (F.softmax(z) - y) / 6, atol=1e-16)
    assert value == pytest.approx(-np.mean(np.log(F.softmax(z)[np.arange(6), labels])))
    assert loss(z, y) == pytest.approx(
        value
    )  # labels and one-hot rows give the same loss


@pytest.mark.parametrize("seed", range(3))
def test_sigmoid_then_bce_gradient_wrt_logits_is_yhat_minus_y_over_n(seed):
    rng = np.random.default_rng(seed)
    z, y = rng.standard_normal((8, 1)), rng.integers(0, 2, size=(8, 1)).astype(float)
    sigmoid, bce, with_logits = Sigmoid(), BCE(), BCEWithLogits()
    y_hat = sigmoid(z)
    assert bce(y_hat, y) == pytest.approx(with_logits(z, y))
    expected = (y_hat - y) / 8
    np.testing.assert_allclose(sigmoid.backward(bce.backward()), expected, atol=1e-15)
    np.testing.assert_allclose(with_logits.backward(), expected, atol=1e-16)


def test_sse_and_mse_values_and_reductions():
    pred, target = (
        np.array([[1.0, 2.0], [3.0, 4.0]]),
        np.array([[0.0, 2.0], [1.0, 1.0]]),
    )
    # squared errors 1, 0, 4, 9
    assert SSE()(pred, target) == 0.5 * 14  # a sum over the batch, not a mean
    assert MSE()(pred, target) == 14 / 4  # a mean over all entries


def test_l1_value_gradient_and_subgradient_at_zero():
    """Oracle: hand-computed mean |ŷ − y| and sign(ŷ − y)/(N·k), 0 where ŷ = y (the
    subgradient the library picks; finite differences are undefined there)."""
    pred, target = (
        np.array([[1.0, 2.0], [3.0, 4.0]]),
        np.array([[0.0, 2.0], [5.0, 1.0]]),
    )
    loss = L1()
    assert loss(pred, target) == (1 + 0 + 2 + 3) / 4  # a mean over all entries
    np.testing.assert_array_equal(loss.backward(), [[0.25, 0.0], [-0.25, 0.25]])


def test_l1_is_minimized_by_the_median_and_mse_by_the_mean():
    """Oracle: numpy's median and mean of the targets, against a fine grid of
    constant predictions c."""
    y = np.random.default_rng(7).standard_exponential((9, 1))
    grid = np.linspace(y.min(), y.max(), 20001)
    l1 = [L1()(np.full_like(y, c), y) for c in grid]
    mse = [MSE()(np.full_like(y, c), y) for c in grid]
    step = grid[1] - grid[0]
    assert abs(grid[np.argmin(l1)] - np.median(y)) <= step
    assert abs(grid[np.argmin(mse)] - np.mean(y)) <= step


def test_binary_cross_entropy_value():
    loss = BCE()(np.array([[0.8], [0.4]]), np.array([[1.0], [0.0]]))
    assert loss == pytest.approx(-(np.log(0.8) + np.log(0.6)) / 2)


def test_logits_of_plus_minus_1000_give_finite_losses_and_gradients():
    z = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]])
    y = np.array([[0.0, 1.0], [0.0, 1.0]])
    ce = SoftmaxCrossEntropy()
    assert ce(z, np.array([1, 1])) == pytest.approx(
        2000.0 / 2
    )  # first row: −log p = 2000, second: 0
    np.testing.assert_allclose(ce.backward(), [[0.5, -0.5], [0.0, 0.0]])
    with_logits = BCEWithLogits()
    assert with_logits(z, y) == pytest.approx((1000 + 1000) / 2)
    np.testing.assert_allclose(with_logits.backward(), [[0.5, -0.5], [0.0, 0.0]])


def test_bce_with_probabilities_exactly_zero_and_one_stays_finite():
    loss = BCE()
    value = loss(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0.0, 1.0], [0.0, 1.0]]))
    # two confidently wrong entries, each costing −log(eps), averaged over N = 2 rows
    assert np.isfinite(value) and value == pytest.approx(-np.log(1e-12), rel=1e-4)
    assert np.all(np.isfinite(loss.backward()))


def test_labels_out_of_range_are_named():
    z = np.zeros((3, 3))
    with pytest.raises(
        ValueError, match=r"label 3 is not a class index 0\.\.2 .*C = 3"
    ):
        SoftmaxCrossEntropy()(z, np.array([0, 3, 1]))
    with pytest.raises(ValueError, match="label -1 "):
        SoftmaxCrossEntropy()(z, np.array([0, -1, 1]))
    with pytest.raises(ValueError, match="label 1.5 "):
        SoftmaxCrossEntropy()(z, np.array([0, 1.5, 1]))
    with pytest.raises(ValueError, match="2 labels for 3 rows"):
        SoftmaxCrossEntropy()(z, np.array([0, 1]))


@pytest.mark.parametrize(
    "loss",
    [SSE(), MSE(), L1(), BCE(), BCEWithLogits(), SoftmaxCrossEntropy()],
    ids=lambda loss: type(loss).__name__,
)
def test_shape_mismatch_names_both_shapes(loss):
    with pytest.raises(
        ValueError, match=r"pred has shape \(4, 2\) but target has shape \(4, 3\)"
    ):
        loss(np.full((4, 2), 0.5), np.zeros((4, 3)))


def test_common_mistakes_get_clear_errors():
    with pytest.raises(
        ValueError, match=r"pred has shape \(4, 1\) but target has shape \(4,\)"
    ):
        MSE()(np.zeros((4, 1)), np.zeros(4))
    with pytest.raises(ValueError, match="probabilities in \\[0, 1\\].*BCEWithLogits"):
        BCE()(np.array([[2.0]]), np.array([[1.0]]))
    with pytest.raises(TypeError, match="pred must be an array of numbers"):
        SSE()("pred", np.zeros((1, 1)))


def test_label_gradient_equals_the_one_hot_formula_bit_for_bit():
    """With integer labels no one-hot matrix is built. Oracle: the one-hot form
    (p − y)/N of the same loss, which must agree to the last bit."""
    rng = np.random.default_rng(5)
    z, labels = rng.normal(scale=3.0, size=(7, 4)), rng.integers(0, 4, size=7)
    with_labels, with_one_hot = SoftmaxCrossEntropy(), SoftmaxCrossEntropy()
    value = with_labels(z, labels)
    assert value == pytest.approx(with_one_hot(z, np.eye(4)[labels]), rel=1e-15)
    assert np.array_equal(with_labels.backward(), with_one_hot.backward())


def test_labels_as_whole_floats_or_bools_are_class_indices():
    z = np.random.default_rng(6).normal(size=(3, 2))
    as_int = SoftmaxCrossEntropy()(z, np.array([0, 1, 1]))
    assert SoftmaxCrossEntropy()(z, np.array([0.0, 1.0, 1.0])) == as_int
    assert SoftmaxCrossEntropy()(z, np.array([False, True, True])) == as_int


def test_empty_batch_and_text_labels_are_rejected():
    with pytest.raises(ValueError, match="empty batch"):
        SoftmaxCrossEntropy()(np.zeros((0, 3)), np.zeros(0, dtype=int))
    with pytest.raises(TypeError, match="labels must be integers"):
        SoftmaxCrossEntropy()(np.zeros((2, 3)), np.array(["a", "b"]))


def test_float32_bce_of_a_certain_prediction_is_finite():
    """In float32, 1 − 1e-12 rounds to 1: the clip must use float32's own epsilon."""
    pred = np.array([[1.0], [0.0]], dtype=np.float32)
    loss = BCE()
    value = loss(pred, np.array([[0.0], [1.0]]))
    assert np.isfinite(value) and np.isfinite(loss.backward()).all()


def test_target_takes_the_dtype_of_pred():
    pred = np.full((2, 1), 0.5, dtype=np.float32)
    loss = MSE()
    loss(pred, np.array([[1.0], [0.0]]))
    assert loss.backward().dtype == np.float32


@pytest.mark.parametrize("seed, n, k", [(0, 1, 2), (1, 5, 3), (2, 7, 10)])
@pytest.mark.parametrize("one_hot", [False, True])
def test_label_smoothing_value_and_gradient(seed, n, k, one_hot):
    """Oracles: the plain cross-entropy against the explicit target (1 − ε)y + ε/K,
    the closed form (p − y_smooth)/N, and central finite differences."""
    rng = np.random.default_rng(seed)
    z, labels = 2 * rng.standard_normal((n, k)), rng.integers(0, k, size=n)
    eps = 0.1 + 0.2 * rng.random()
    y_smooth = (1 - eps) * np.eye(k)[labels] + eps / k
    target = np.eye(k)[labels] if one_hot else labels
    loss = SoftmaxCrossEntropy(label_smoothing=eps)
    assert loss(z, target) == pytest.approx(SoftmaxCrossEntropy()(z, y_smooth), 1e-12)
    np.testing.assert_allclose(
        loss.backward(), (F.softmax(z) - y_smooth) / n, atol=1e-15
    )
    err = check_loss(SoftmaxCrossEntropy(label_smoothing=eps), z, target)
    assert err < 1e-6, f"SoftmaxCrossEntropy(label_smoothing) grad {z.shape}: {err:.2e}"


def test_label_smoothing_gradient_vanishes_at_the_smoothed_target():
    eps, k = 0.2, 4
    z = np.log((1 - eps) * np.eye(k)[[1]] + eps / k)  # softmax(z) = y_smooth
    loss = SoftmaxCrossEntropy(label_smoothing=eps)
    loss(z, [1])
    np.testing.assert_allclose(loss.backward(), 0.0, atol=1e-15)


@pytest.mark.parametrize("bad", [-0.1, 1.0, 1.5])
def test_label_smoothing_outside_0_1_is_rejected(bad):
    with pytest.raises(ValueError, match="label_smoothing must be in"):
        SoftmaxCrossEntropy(label_smoothing=bad)


@pytest.mark.parametrize("bad", ["0.1", None])
def test_label_smoothing_that_is_not_a_number_is_rejected(bad):
    with pytest.raises(TypeError, match="label_smoothing must be a number"):
        SoftmaxCrossEntropy(label_smoothing=bad)
