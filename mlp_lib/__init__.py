"""mlp_lib: the numpy library behind the course book on multilayer perceptrons.

Import what a chapter needs from the modules, named for their concepts: ``layers``, ``activations``,
``losses``, ``optim``, ``init``, ``train``, ``metrics``, ``info``, ``data``, ``gradcheck``,
``functional``, ``perceptron``; ``plots`` and ``widgets`` (matplotlib, ipywidgets) and
``exercises`` are imported only when asked for. Importing mlp_lib changes no global state.
"""

from . import (
    activations,
    data,
    functional,
    gradcheck,
    info,
    init,
    layers,
    losses,
    metrics,
    optim,
    train,
)
from .module import Module, Parameter

__version__ = "0.1.0"
__all__ = [
    "activations",
    "data",
    "functional",
    "gradcheck",
    "info",
    "init",
    "layers",
    "losses",
    "metrics",
    "optim",
    "train",
    "Module",
    "Parameter",
]
