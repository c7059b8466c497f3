"""mlp_lib: the numpy library behind the course book on multilayer perceptrons.

Import what a chapter needs from the modules, named for their concepts. Imported with
the package: ``activations``, ``data``, ``diagnostics``, ``functional``, ``gradcheck``,
``info``, ``init``, ``layers``, ``losses``, ``metrics``, ``module``, ``optim``,
``perceptron``, ``regularization``, ``search``, ``surfaces``, ``train``. Imported only
when asked for: ``plots`` (matplotlib), ``stats`` (scipy), ``widgets`` (ipywidgets; a
package with one module per chapter), ``exercises`` and ``source`` (the library's own
source, highlighted in a notebook). Importing mlp_lib changes no global state.
"""

from . import (
    activations,
    data,
    diagnostics,
    functional,
    gradcheck,
    info,
    init,
    layers,
    losses,
    metrics,
    module,
    optim,
    perceptron,
    regularization,
    search,
    surfaces,
    train,
)
from .module import Module, Parameter

__version__ = "0.1.0"
__all__ = [
    "activations",
    "data",
    "diagnostics",
    "functional",
    "gradcheck",
    "info",
    "init",
    "layers",
    "losses",
    "metrics",
    "module",
    "optim",
    "perceptron",
    "regularization",
    "search",
    "surfaces",
    "train",
    "Module",
    "Parameter",
]
