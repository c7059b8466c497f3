"""Chapter 11's explorer: the spread of activations and gradients through a deep net."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import init as initializers
from ..activations import ReLU, Sigmoid, Tanh
from ..diagnostics import layer_outputs
from ..layers import Linear
from ..plots import figsize
from . import Explorer, log_slider

ACTIVATIONS = {"sigmoid": Sigmoid, "tanh": Tanh, "ReLU": ReLU}
INITIALIZERS = ("normal", "xavier_normal", "he_normal")


def init_explorer(build, X, activation="tanh", init="xavier_normal", gain=1.0, seed=0):
    """Dropdowns for the activation (a key of ``ACTIVATIONS``) and the initializer (one
    of ``INITIALIZERS``), and a slider for a gain multiplying every initial weight.

    ``build(activation, initializer)`` returns a Sequential of Linear layers, each
    followed by ``activation()`` (a layer class), with weights from
    ``initializer(n_in, n_out, rng)``. Shown: per layer, the std of its activations on
    X (n, d) and of ∂L/∂(its input) for a random N(0, 1) upstream gradient at the top,
    drawn from ``seed``.
    """
    X = np.asarray(X, dtype=np.float64)

    def draw(activation, init, gain):
        def scaled(n_in, n_out, rng):
            return gain * initializers.get(init)(n_in, n_out, rng)

        net = build(ACTIVATIONS[activation], scaled)
        outputs = layer_outputs(net, X)
        act_std = [
            out.std()
            for layer, out in zip(net, outputs)
            if not isinstance(layer, Linear)
        ]
        grad = np.random.default_rng(seed).normal(size=outputs[-1].shape)
        grad_std = []
        for layer in reversed(net.layers):
            grad = layer.backward(grad)
            if isinstance(layer, Linear):
                grad_std.append(grad.std())
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=figsize())
        ax0.plot(range(1, len(act_std) + 1), act_std, marker="o")
        ax0.set(
            xlabel="layer",
            ylabel="std of activations",
            yscale="log",
            title=f"{activation}, {init} × {gain:.2f}: forward",
        )
        ax1.plot(range(1, len(grad_std) + 1), grad_std[::-1], marker="o", color="C1")
        ax1.set(
            xlabel="layer",
            ylabel="std of ∂L/∂(layer input)",
            yscale="log",
            title="backward",
        )

    return Explorer(
        draw,
        page_values={"gain": (gain,)},
        activation=widgets.Dropdown(
            options=list(ACTIVATIONS), value=activation, description="activation"
        ),
        init=widgets.Dropdown(options=INITIALIZERS, value=init, description="init"),
        gain=log_slider(gain, "gain", -2, 2, 0.25, base=2),
    )
