"""Module and Parameter. Oracle: the structure of small models built by hand — which
layers and parameters they contain, in which order — and the contract of
set_default_dtype."""

import numpy as np
import pytest

from mlp_lib.activations import Tanh
from mlp_lib.layers import BatchNorm1d, Dropout, Linear, Residual, Sequential
from mlp_lib.module import (
    Module,
    Parameter,
    as_batch,
    get_default_dtype,
    set_default_dtype,
)


class Pair(Module):
    """A container that keeps its sub-layers in a list and a tuple: found with no
    bookkeeping."""

    def __init__(self, first, second):
        self.branches = [first]
        self.extra = (second,)
        self.scale = Parameter(1.0, name="scale")


def test_modules_are_found_depth_first_in_forward_order():
    a, b, c = Linear(2, 3, rng=0), Linear(3, 3, rng=1), Linear(3, 1, rng=2)
    inner = Sequential(b, Tanh())
    model = Sequential(a, Residual(inner), c)
    found = model.modules()
    assert found[0] is model and [m for m in found if isinstance(m, Linear)] == [
        a,
        b,
        c,
    ]
    assert len(found) == 7  # model, a, Residual, inner, b, Tanh, c


def test_a_custom_container_needs_no_children_method():
    first, second = Linear(2, 2, rng=0), Linear(2, 2, rng=1)
    pair = Pair(first, second)
    assert pair.modules() == [pair, first, second]
    assert [p.name for p in pair.parameters()] == ["scale", "W", "b", "W", "b"]
    assert pair.num_parameters() == 1 + 2 * (4 + 2)


def test_train_and_eval_reach_every_nested_layer():
    drop, bn = Dropout(0.5, rng=0), BatchNorm1d(3)
    model = Sequential(Linear(2, 3, rng=0), Residual(Sequential(bn, drop)))
    model.eval()
    assert not drop.training and not bn.training
    model.train()
    assert drop.training and bn.training


def test_parameter_copies_its_value():
    value = np.zeros(3)
    p = Parameter(value)
    p.value += 1.0
    assert value.tolist() == [0.0, 0.0, 0.0]


def test_default_dtype_float32_makes_float32_parameters_and_computations():
    try:
        set_default_dtype(np.float32)
        layer = Linear(4, 2, rng=0)
        assert layer.W.value.dtype == np.float32 and layer.W.grad.dtype == np.float32
        out = layer(np.ones((3, 4), dtype=np.float32))
        assert out.dtype == np.float32
        assert (
            layer([[1, 2, 3, 4]]).dtype == np.float32
        )  # a list becomes the default dtype
    finally:
        set_default_dtype(np.float64)
    assert (
        get_default_dtype() == np.float64 and Linear(2, 2).W.value.dtype == np.float64
    )


def test_default_dtype_rejects_other_types():
    with pytest.raises(ValueError, match="float32 or float64"):
        set_default_dtype(np.int32)


def test_a_layer_used_twice_or_a_cycle_is_rejected():
    """A layer caches its input for backward: using it twice silently breaks
    gradients, so modules() refuses it (and a cycle, which is the same thing)."""
    act = Tanh()
    with pytest.raises(ValueError, match="appears twice"):
        Sequential(Linear(2, 2, rng=0), act, Linear(2, 2, rng=1), act).parameters()
    model = Sequential(Linear(2, 2, rng=0))
    model.layers.append(model)
    with pytest.raises((ValueError, RecursionError)):
        model.modules()


def test_modules_in_a_dict_are_not_found_as_documented():
    class Holder(Module):
        def __init__(self):
            self.parts = {"a": Linear(2, 2, rng=0)}

    assert Holder().modules()[1:] == [] and Holder().parameters() == []


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix itself
def test_as_batch_keeps_float32_and_float64_and_converts_the_rest():
    x32 = np.ones((2, 3), dtype=np.float32)
    assert as_batch(x32) is x32
    assert as_batch(np.ones((2, 3), dtype=int)).dtype == np.float64
    matrix = as_batch(np.matrix([[1.0, 2.0], [3.0, 4.0]]))
    assert type(matrix) is np.ndarray  # np.matrix would make * a matrix product
    with pytest.raises(ValueError, match="2-D"):
        as_batch(np.ones(3))
    with pytest.raises(TypeError, match="array of numbers"):
        as_batch("abc")
