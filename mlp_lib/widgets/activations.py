"""Chapter 2's explorer: an activation function and its derivative."""

import ipywidgets as widgets
import numpy as np

from .. import functional as F
from ..plots import plot_function_and_derivative
from . import Explorer, float_slider

# name -> (f(z, p), f'(z, p)), p the parameter; step's derivative is drawn as 0
# (it is 0 everywhere except at z = 0, where it is undefined)
FUNCTIONS = {
    "step": (lambda z, p: F.step(z), lambda z, p: np.zeros_like(z)),
    "sigmoid": (lambda z, p: F.sigmoid(z), lambda z, p: F.sigmoid_grad(z)),
    "tanh": (lambda z, p: F.tanh(z), lambda z, p: F.tanh_grad(z)),
    "hard sigmoid": (
        lambda z, p: F.hard_sigmoid(z),
        lambda z, p: F.hard_sigmoid_grad(z),
    ),
    "hard tanh": (lambda z, p: F.hard_tanh(z), lambda z, p: F.hard_tanh_grad(z)),
    "ReLU": (lambda z, p: F.relu(z), lambda z, p: F.relu_grad(z)),
    "leaky ReLU": (
        lambda z, p: F.leaky_relu(z, p),
        lambda z, p: F.leaky_relu_grad(z, p),
    ),
    "ELU": (lambda z, p: F.elu(z, p), lambda z, p: F.elu_grad(z, p)),
    "softplus": (lambda z, p: F.softplus(z), lambda z, p: F.softplus_grad(z)),
    "GELU": (lambda z, p: F.gelu(z), lambda z, p: F.gelu_grad(z)),
    "SiLU": (lambda z, p: F.silu(z), lambda z, p: F.silu_grad(z)),
}
PARAMETER_NAMES = {"leaky ReLU": "γ", "ELU": "α"}


def activation_explorer(name="leaky ReLU", parameter=0.1, z_max=5.0):
    """A dropdown for an activation f (a key of ``FUNCTIONS``), sliders for its
    parameter (leaky ReLU's γ, ELU's α) and the range: f(z), f'(z) and the largest
    f'(z) over −z_max ≤ z ≤ z_max."""
    if name not in FUNCTIONS:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(FUNCTIONS)}"
        )

    def draw(name, parameter, z_max):
        f, df = FUNCTIONS[name]
        z = np.linspace(-z_max, z_max, 801)
        ax = plot_function_and_derivative(
            lambda v: f(v, parameter), lambda v: df(v, parameter), z, name
        )
        setting = (
            f"{PARAMETER_NAMES[name]} = {parameter:.2f}"
            if name in PARAMETER_NAMES
            else "no parameter"
        )
        if name == "step":
            slope = "f'(z) = 0 for z ≠ 0, undefined at z = 0"
        else:
            slope = f"largest f'(z) for |z| ≤ {z_max:g}: {df(z, parameter).max():.3f}"
        ax.set_title(f"{name} ({setting})\n{slope}")
        ax.set_xlabel("pre-activation $z$")

    return Explorer(
        draw,
        page_values={"parameter": (parameter,), "z_max": (5.0, 20.0)},
        name=widgets.Dropdown(
            options=list(FUNCTIONS), value=name, description="function"
        ),
        parameter=float_slider(parameter, "γ or α", 0.0, 2.0, step=0.01),
        z_max=float_slider(z_max, "z range ±", 1.0, 20.0, step=0.5),
    )
