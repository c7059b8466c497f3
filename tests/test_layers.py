"""Layers, containers and skip connections. Oracles: central finite differences of
L = Σ g ⊙ layer(x) with a random upstream gradient g (float64, relative error < 1e-6;
batch norm in training mode, dropout with a fixed mask), hand computations of batch
norm's running statistics (PyTorch's formula), seeded statistics for dropout, and the
per-row formula of layer normalization written out with numpy."""

import numpy as np
import pytest

from mlp_lib.activations import ReLU, Tanh
from mlp_lib.gradcheck import check_layer
from mlp_lib.layers import (
    BatchNorm1d,
    Concat,
    Dropout,
    GroupNorm,
    LayerNorm,
    Linear,
    ProjectionResidual,
    Residual,
    Sequential,
    WeightedResidual,
)


class FixedDraws:
    """Stands in for a Generator: ``random`` always returns the same array, so dropout's
    mask is fixed."""

    def __init__(self, u):
        self.u = u

    def random(self, shape):
        return self.u


def fixed_dropout(rng, shape, p=0.4):
    layer = Dropout(p)
    layer.rng = FixedDraws(rng.random(shape))
    return layer


# name -> factory(n_features, rng); every layer keeps the width except Concat
LAYERS = {
    "Linear": lambda n, rng: Linear(n, 3, rng=rng),
    "Linear without bias": lambda n, rng: Linear(
        n, 2, init="he_normal", rng=rng, bias=False
    ),
    "Sequential": lambda n, rng: Sequential(
        Linear(n, 4, rng=rng), Tanh(), Linear(4, 2, rng=rng)
    ),
    "BatchNorm1d": lambda n, rng: BatchNorm1d(n),
    "BatchNorm1d affine=False": lambda n, rng: BatchNorm1d(n, affine=False),
    "BatchNorm1d after Linear": lambda n, rng: Sequential(
        Linear(n, 3, rng=rng, bias=False), BatchNorm1d(3)
    ),
    "Residual": lambda n, rng: Residual(Sequential(Linear(n, n, rng=rng), Tanh())),
    "Concat": lambda n, rng: Concat(Linear(n, 2, rng=rng)),
    "WeightedResidual": lambda n, rng: WeightedResidual(
        Linear(n, n, rng=rng), alpha=0.5, beta=1.5
    ),
}
SHAPES = [(0, 2, 3), (1, 5, 4), (2, 16, 7)]


def assert_gradients_match(name, layer, x, rng):
    for part, err in check_layer(layer, x, rng).items():
        assert err < 1e-6, f"{name} {part} grad, shape {x.shape}: rel err {err:.2e}"


@pytest.mark.parametrize("name", LAYERS)
@pytest.mark.parametrize("seed, n, width", SHAPES)
def test_backward_matches_finite_differences(name, seed, n, width):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, width)) * 2 + 1
    assert_gradients_match(name, LAYERS[name](width, rng), x, rng)


@pytest.mark.parametrize("seed, n, width", SHAPES)
def test_dropout_backward_with_a_fixed_mask_matches_finite_differences(seed, n, width):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, width))
    assert_gradients_match("Dropout", fixed_dropout(rng, x.shape), x, rng)


@pytest.mark.parametrize("seed, n, width", SHAPES)
def test_batchnorm_backward_in_eval_mode_matches_finite_differences(seed, n, width):
    rng = np.random.default_rng(seed)
    layer = BatchNorm1d(width)
    layer(
        rng.standard_normal((8, width))
    )  # move the running statistics away from 0 and 1
    assert_gradients_match(
        "BatchNorm1d (eval)", layer.eval(), rng.standard_normal((n, width)), rng
    )


# --- Linear and Sequential ------------------------------------------------------------


def test_linear_computes_xW_plus_b_and_accumulates_gradients():
    layer = Linear(3, 2, rng=0)
    layer.b.value[:] = [1.0, -1.0]
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(layer(x), x @ layer.W.value + [1.0, -1.0])
    g = np.array([[1.0, 2.0], [3.0, 4.0]])
    layer.backward(g)
    layer.backward(g)
    np.testing.assert_allclose(layer.W.grad, 2 * x.T @ g)
    np.testing.assert_allclose(layer.b.grad, 2 * g.sum(axis=0))


def test_linear_seed_and_generator_give_reproducible_weights():
    np.testing.assert_array_equal(
        Linear(4, 3, rng=7).W.value, Linear(4, 3, rng=7).W.value
    )
    w = Linear(4, 3, rng=np.random.default_rng(7)).W.value
    np.testing.assert_array_equal(w, Linear(4, 3, rng=7).W.value)
    assert Linear(4, 3, init="zeros").W.value.shape == (4, 3)
    assert Linear(4, 3, bias=False).num_parameters() == 12


def test_linear_rejects_bad_inputs_with_clear_messages():
    layer = Linear(4, 3)
    with pytest.raises(ValueError, match=r"Linear.*3 features per row.*expects 4"):
        layer(np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"Linear.*2-D.*\(4,\)"):
        layer(np.zeros(4))
    with pytest.raises(TypeError, match="Linear.*array of numbers"):
        layer("abcd")
    with pytest.raises(
        ValueError, match="unknown initializer 'glorot'.*xavier_uniform"
    ):
        Linear(4, 3, init="glorot")


def test_sequential_behaves_like_a_list_of_layers():
    first, act, last = Linear(2, 3, rng=0), ReLU(), Linear(3, 1, rng=1)
    model = Sequential(first, act, last)
    assert len(model) == 3 and model[0] is first and list(model) == [first, act, last]
    assert isinstance(model[1:], Sequential) and len(model[1:]) == 2
    assert model.num_parameters() == (2 * 3 + 3) + (3 * 1 + 1)
    assert "(0): Linear(n_in=2, n_out=3" in repr(model) and "(1): ReLU()" in repr(model)
    x = np.random.default_rng(0).standard_normal((4, 2))
    np.testing.assert_allclose(model(x), last(act(first(x))))


def test_train_and_eval_reach_nested_layers():
    bn, drop = BatchNorm1d(3), Dropout(0.5)
    model = Sequential(Linear(2, 3), Residual(Sequential(bn)), drop)
    model.eval()
    assert not bn.training and not drop.training
    model.train()
    assert bn.training and drop.training


# --- BatchNorm1d ----------------------------------------------------------------------


def test_batchnorm_running_statistics_follow_pytorch_formula():
    x = np.array([[1.0, 10.0], [2.0, 20.0], [6.0, 0.0]])
    layer = BatchNorm1d(2, momentum=0.1)
    layer(x)
    # mean (3, 10); unbiased variance:
    # ((−2)² + (−1)² + 3²)/2 = 7 and (0 + 100 + 100)/2 = 100
    np.testing.assert_allclose(
        layer.running_mean, [0.9 * 0 + 0.1 * 3, 0.9 * 0 + 0.1 * 10]
    )
    np.testing.assert_allclose(
        layer.running_var, [0.9 * 1 + 0.1 * 7, 0.9 * 1 + 0.1 * 100]
    )


def test_batchnorm_training_normalizes_with_the_biased_batch_variance():
    x = np.array([[1.0, 10.0], [2.0, 20.0], [6.0, 0.0]])
    out = BatchNorm1d(2, eps=0.0)(x)
    np.testing.assert_allclose(out, (x - x.mean(0)) / x.std(0))


def test_batchnorm_eval_uses_running_statistics():
    layer = BatchNorm1d(2, eps=1e-5)
    layer.gamma.value[:] = [2.0, 3.0]
    layer.beta.value[:] = [0.5, -0.5]
    layer.running_mean = np.array([1.0, -2.0])
    layer.running_var = np.array([4.0, 0.25])
    x = np.array([[3.0, 0.0]])  # one sample is fine in eval mode
    expected = [
        2.0 * (3 - 1) / np.sqrt(4 + 1e-5) + 0.5,
        3.0 * (0 + 2) / np.sqrt(0.25 + 1e-5) - 0.5,
    ]
    np.testing.assert_allclose(layer.eval()(x), [expected])
    np.testing.assert_array_equal(
        layer.running_mean, [1.0, -2.0]
    )  # eval does not update them


def test_batchnorm_without_affine_standardizes_each_feature():
    x = np.random.default_rng(0).normal(
        loc=[5.0, -3.0, 0.0], scale=[10.0, 0.1, 1.0], size=(50, 3)
    )
    layer = BatchNorm1d(3, affine=False)
    out = layer(x)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    var = x.var(axis=0)
    np.testing.assert_allclose(out.var(axis=0), var / (var + 1e-5))  # 1, up to eps
    assert layer.parameters() == []


def test_a_bias_before_batchnorm_gets_no_gradient():
    rng = np.random.default_rng(0)
    linear = Linear(3, 4, rng=rng)
    model = Sequential(linear, BatchNorm1d(4))
    model(rng.standard_normal((8, 3)))
    model.backward(rng.standard_normal((8, 4)))
    np.testing.assert_allclose(
        linear.b.grad, 0.0, atol=1e-14
    )  # batch norm subtracts it again


def test_batchnorm_buffers_are_not_parameters():
    layer = BatchNorm1d(4)
    assert set(layer.buffers()) == {"running_mean", "running_var"}
    assert [p.name for p in layer.parameters()] == ["gamma", "beta"]
    assert layer.num_parameters() == 8


def test_batchnorm_refuses_a_batch_of_one_in_training():
    with pytest.raises(
        ValueError, match="at least 2 samples.*variance of one sample is 0"
    ):
        BatchNorm1d(3)(np.zeros((1, 3)))


# --- Dropout --------------------------------------------------------------------------


def test_dropout_is_the_identity_in_eval_mode():
    x = np.random.default_rng(0).standard_normal((4, 5))
    layer = Dropout(0.5, rng=0).eval()
    np.testing.assert_array_equal(layer(x), x)
    np.testing.assert_array_equal(layer.backward(x), x)


def test_dropout_keeps_the_mean_and_drops_a_fraction_p():
    x = np.full((2000, 50), 3.0)
    layer = Dropout(0.3, rng=0)
    out = layer(x)
    assert abs(out.mean() - 3.0) < 0.03  # the mean's standard deviation is about 0.006
    assert abs(layer.mask.mean() - 0.7) < 0.01
    np.testing.assert_allclose(out[layer.mask], 3.0 / 0.7)
    np.testing.assert_array_equal(out[~layer.mask], 0.0)


def test_dropout_mask_is_reproducible_from_the_seed():
    x = np.ones((6, 8))
    a, b = Dropout(0.5, rng=42), Dropout(0.5, rng=42)
    a(x), b(x)
    np.testing.assert_array_equal(a.mask, b.mask)
    np.testing.assert_array_equal(a.backward(x), b.backward(x))


@pytest.mark.parametrize("p", [1.0, -0.1, 1.5])
def test_dropout_rejects_p_outside_zero_one(p):
    with pytest.raises(ValueError, match=r"p must be in \[0, 1\)"):
        Dropout(p)


# --- skip connections -----------------------------------------------------------------


def test_residual_adds_the_input():
    block = Linear(3, 3, rng=0)
    x = np.random.default_rng(1).standard_normal((2, 3))
    np.testing.assert_allclose(Residual(block)(x), x + block(x))
    np.testing.assert_allclose(WeightedResidual(block)(x), x + block(x))


def test_residual_rejects_a_block_that_changes_the_width():
    with pytest.raises(
        ValueError, match=r"Residual: the block maps shape \(2, 3\) to \(2, 4\)"
    ):
        Residual(Linear(3, 4))(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="WeightedResidual"):
        WeightedResidual(Linear(3, 4))(np.zeros((2, 3)))


def test_concat_grows_the_width_and_keeps_the_input():
    layer = Concat(Linear(3, 2, rng=0))
    x = np.random.default_rng(1).standard_normal((4, 3))
    out = layer(x)
    assert out.shape == (4, 5)
    np.testing.assert_array_equal(out[:, :3], x)


def test_weighted_residual_learns_alpha_and_beta_as_scalars():
    layer = WeightedResidual(Linear(2, 2, rng=0), alpha=0.5, beta=2.0)
    assert [p.name for p in layer.parameters()] == ["alpha", "beta", "W", "b"]
    assert layer.alpha.shape == () and layer.beta.shape == ()


# --- layer and group normalization (oracle: the per-row formula written out here) -----


def random_affine(layer, rng):
    # γ, β away from 1 and 0, so that a missing factor γ or term β cannot hide
    layer.gamma.value[:] = rng.uniform(0.5, 2.0, size=layer.n_features)
    layer.beta.value[:] = rng.standard_normal(layer.n_features)
    return layer


@pytest.mark.parametrize(
    "make",
    [
        lambda w: LayerNorm(w),
        lambda w: LayerNorm(w, affine=False),
        lambda w: GroupNorm(2 * w, 2),
        lambda w: GroupNorm(4 * w, 4 if w % 2 else 2),
    ],
    ids=["LayerNorm", "LayerNorm affine=False", "GroupNorm 2", "GroupNorm 2 or 4"],
)
@pytest.mark.parametrize("seed, n, width", SHAPES)
def test_group_and_layer_norm_backward_matches_finite_differences(make, seed, n, width):
    rng = np.random.default_rng(seed)
    layer = make(width)
    if layer.gamma is not None:
        random_affine(layer, rng)
    x = rng.standard_normal((n, layer.n_features)) * 3 + 1
    assert_gradients_match(repr(layer), layer, x, rng)


def test_layernorm_standardizes_each_row_with_its_biased_variance():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((4, 6)) * [1, 10, 0.1, 2, 5, 3] + 7
    layer = random_affine(LayerNorm(6, eps=1e-3), rng)
    mean, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
    expected = layer.gamma.value * (x - mean) / np.sqrt(var + 1e-3) + layer.beta.value
    np.testing.assert_allclose(layer(x), expected, rtol=1e-12)


def test_groupnorm_is_layernorm_applied_to_each_group():
    rng = np.random.default_rng(6)
    x = rng.standard_normal((5, 6))
    out = GroupNorm(6, 3, affine=False)(x)
    for k in range(3):
        part = slice(2 * k, 2 * k + 2)
        np.testing.assert_allclose(
            out[:, part], LayerNorm(2, affine=False)(x[:, part]), rtol=1e-12
        )


def test_layernorm_is_the_same_in_training_and_eval_and_for_a_batch_of_one():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((8, 5))
    layer = random_affine(LayerNorm(5), rng)
    train_out = layer.train()(x)
    np.testing.assert_array_equal(layer.eval()(x), train_out)
    np.testing.assert_array_equal(layer.train()(x[3:4]), train_out[3:4])
    assert layer.buffers() == {}
    assert [p.name for p in layer.parameters()] == ["gamma", "beta"]


def test_groupnorm_rejects_bad_group_counts():
    with pytest.raises(ValueError, match="positive divisor of n_features"):
        GroupNorm(6, 4)
    with pytest.raises(ValueError, match="positive divisor"):
        GroupNorm(6, 0)
    with pytest.raises(ValueError, match="at least 2 features"):
        GroupNorm(6, 6)
    with pytest.raises(ValueError, match="expects 4"):
        LayerNorm(4)(np.zeros((2, 3)))
    with pytest.raises(TypeError, match="GroupNorm: n_groups must be an integer"):
        GroupNorm(6, 2.0)
    with pytest.raises(ValueError, match="LayerNorm: each group needs at least 2"):
        LayerNorm(1)


# --- projection shortcut --------------------------------------------------------------


@pytest.mark.parametrize("seed, n, width", SHAPES)
def test_projection_residual_backward_matches_finite_differences(seed, n, width):
    rng = np.random.default_rng(seed)
    layer = ProjectionResidual(
        Sequential(Linear(width, 5, rng=rng), Tanh()),
        Linear(width, 5, rng=rng, bias=False),
    )
    x = rng.standard_normal((n, width))
    assert_gradients_match("ProjectionResidual", layer, x, rng)


def test_projection_residual_adds_x_times_W_s():
    block, proj = Linear(3, 4, rng=0), Linear(3, 4, rng=1, bias=False)
    x = np.random.default_rng(2).standard_normal((2, 3))
    np.testing.assert_allclose(
        ProjectionResidual(block, proj)(x), x @ proj.W.value + block(x)
    )
    with pytest.raises(ValueError, match="both must give the same width"):
        ProjectionResidual(Linear(3, 4), Linear(3, 5))(x)


def test_skip_layers_reject_a_matrix_in_place_of_a_layer():
    # a learner passing W_s itself must hear it at construction, not at forward
    with pytest.raises(TypeError, match="the projection must be a layer"):
        ProjectionResidual(Linear(3, 4), np.ones((3, 4)))
    with pytest.raises(TypeError, match="Residual: the block must be a layer"):
        Residual(np.ones((3, 3)))
