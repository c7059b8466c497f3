"""Interactive widgets of the chapters. Each returns an ipywidgets widget: end a cell with it to show it.

The first figure is drawn when the widget is created, so it is also stored in a notebook executed
headless; sliders redraw only on release (``continuous_update=False``).
"""

import functools

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from . import activations
from . import functional as F
from . import init as initializers
from .activations import Sigmoid
from .functional import sigmoid, sigmoid_grad, softmax, softplus, step
from .info import cross_entropy, entropy, kl_divergence
from .layers import BatchNorm1d, Linear, Sequential
from .losses import MSE
from .metrics import roc_auc, roc_curve, threshold_table
from .optim import SGD, Adam, RMSProp
from .plots import (
    COLORS,
    plot_decision_boundary,
    plot_function_and_derivative,
    plot_log_band,
    plot_trajectories,
)
from .search import Uniform, grid_points, sample_configs
from .surfaces import trajectory
from .diagnostics import layer_outputs, weight_gradient_norms
from .train import fit, predict_classes


def _slider(value, description, low=-5.0, high=5.0):
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=0.1,
        description=description,
        continuous_update=False,
    )


def neuron_explorer(X, y, w1=1.0, w2=-1.0, b=0.0):
    """Sliders for w₁, w₂, b of a step neuron over points X (n, 2) with labels y (n,) in {0, 1}.

    Shows the regions on each side of the line w₁x₁ + w₂x₂ + b = 0 and the neuron's accuracy.
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)

    def draw(w1, w2, b):
        def neuron(points):
            return step(points @ np.array([w1, w2]) + b)

        accuracy = np.mean(neuron(X) == y)
        plot_decision_boundary(
            neuron, X, y, title=f"$w_1 x_1 + w_2 x_2 + b = 0$: accuracy {accuracy:.0%}"
        )
        plt.show()

    return widgets.interactive(
        draw, w1=_slider(w1, "w₁"), w2=_slider(w2, "w₂"), b=_slider(b, "b")
    )


def threshold_explorer(y_true, y_score, threshold=0.5, bins=30):
    """A threshold slider over binary labels y_true (n,) in {0, 1} and scores y_score (n,).

    Left: the score histograms of both classes and the threshold line (score ≥ threshold is positive);
    right: the ROC curve with the point of the current threshold and the confusion matrix counts.
    """
    fpr, tpr, _ = roc_curve(y_true, y_score)  # validates the inputs
    y_true, y_score = (
        np.asarray(y_true).ravel().astype(int),
        np.asarray(y_score, dtype=np.float64).ravel(),
    )
    auc = roc_auc(y_true, y_score)
    low, high = float(y_score.min()), float(y_score.max())
    edges = np.linspace(low, high, bins + 1)

    def draw(threshold):
        row = threshold_table(y_true, y_score, [threshold])[0]
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(11, 4))
        for label, name, color in (
            (0, "negatives (class 0)", "#0072B2"),
            (1, "positives (class 1)", "#D55E00"),
        ):
            ax0.hist(
                y_score[y_true == label], bins=edges, color=color, alpha=0.5, label=name
            )
        ax0.axvline(
            threshold, color="black", linestyle="--", label=f"threshold {threshold:.2f}"
        )
        highest = max(
            np.histogram(y_score[y_true == label], bins=edges)[0].max()
            for label in (0, 1)
        )
        ax0.set(
            xlabel="score",
            ylabel="number of samples",
            title="Scores of both classes",
            ylim=(0, 1.45 * highest),
        )  # headroom for the legend above the bars
        ax0.legend(loc="upper center")
        ax1.plot(fpr, tpr, color="#009E73", label=f"ROC curve (AUC {auc:.3f})")
        ax1.plot([0, 1], [0, 1], color="grey", linestyle=":", label="chance (AUC 0.5)")
        ax1.plot(
            row["FPR"],
            row["TPR"],
            "o",
            color="black",
            markersize=9,
            label=f"threshold {threshold:.2f}: FPR {row['FPR']:.2f}, TPR {row['TPR']:.2f}",
        )
        ax1.text(
            0.97,
            0.05,
            f"TP {row['TP']:>4d}   FN {row['FN']:>4d}\nFP {row['FP']:>4d}   TN {row['TN']:>4d}",
            transform=ax1.transAxes,
            ha="right",
            va="bottom",
            family="monospace",
            bbox={"facecolor": "white", "edgecolor": "grey"},
        )
        ax1.set(
            xlabel="false positive rate FPR = FP / N",
            ylabel="true positive rate TPR = TP / P",
            xlim=(-0.02, 1.02),
            ylim=(-0.02, 1.02),
            title="ROC curve and the current point",
        )
        ax1.legend(loc="center right", fontsize=9)
        plt.show()

    step = (high - low) / 100 if high > low else 0.01
    # one step past the highest score: nothing is positive there, the point (0, 0)
    slider = widgets.FloatSlider(
        value=float(np.clip(threshold, low, high)),
        min=low,
        max=high + step,
        step=step,
        description="threshold",
        continuous_update=False,
        readout_format=".2f",
    )
    return widgets.interactive(draw, threshold=slider)


def loss_explorer(z=-4.0, y=1):
    """Sliders for the pre-activation z of a sigmoid output ŷ = σ(z) and the label y ∈ {0, 1}.

    Left: the per-example losses SSE ½(ŷ − y)² and cross-entropy −[y ln ŷ + (1 − y) ln(1 − ŷ)]
    as functions of z; right: their gradients ∂E/∂z, (ŷ − y)ŷ(1 − ŷ) and ŷ − y. Dots mark z.
    """
    grid = np.linspace(-8.0, 8.0, 321)

    def curves(z, y):
        p = sigmoid(z)
        return {
            "SSE": (0.5 * (p - y) ** 2, (p - y) * p * (1 - p)),
            "cross-entropy": (softplus(z) - y * z, p - y),
        }  # −ln σ(z) = softplus(−z) = softplus(z) − z

    def draw(z, y):
        fig, (ax_loss, ax_grad) = plt.subplots(1, 2, figsize=(11, 4))
        at_z = curves(np.float64(z), y)
        for (name, (loss, grad)), color in zip(
            curves(grid, y).items(), ("#0072B2", "#D55E00")
        ):
            ax_loss.plot(grid, loss, color=color, label=name)
            ax_grad.plot(grid, grad, color=color, label=name)
            ax_loss.plot(z, at_z[name][0], "o", color=color)
            ax_grad.plot(z, at_z[name][1], "o", color=color)
        ax_loss.set(
            xlabel="pre-activation $z$",
            ylabel="loss $E$ (nats for cross-entropy)",
            ylim=(-0.2, 8.5),
            title=f"ŷ = σ(z) = {sigmoid(z):.4f}, y = {y}",
        )
        ax_grad.set(
            xlabel="pre-activation $z$",
            ylabel=r"$\partial E/\partial z$",
            ylim=(-1.1, 1.1),
            title=f"∂E/∂z: SSE {at_z['SSE'][1]:+.4f}, CE {at_z['cross-entropy'][1]:+.4f}",
        )
        ax_loss.legend(loc="upper center")
        ax_grad.legend(loc="upper left")
        plt.show()

    return widgets.interactive(
        draw,
        z=_slider(z, "z", -8.0, 8.0),
        y=widgets.IntSlider(
            value=y, min=0, max=1, description="label y", continuous_update=False
        ),
    )


def information_explorer(q=0.3, p=0.6, base=2):
    """Sliders for two distributions over two outcomes, Q = (q, 1 − q) (the "true" one) and
    P = (p, 1 − p) (the model). Left: both distributions; right: H(Q), H(Q, P) drawn as
    H(Q) + D_KL(Q‖P), D_KL(Q‖P) and D_KL(P‖Q), in bits (``base=2``) or nats (``base=np.e``).
    """
    unit = (
        "bits"
        if base == 2
        else ("nats" if np.isclose(base, np.e) else f"log base {base:g}")
    )

    def draw(q, p):
        Q, P = np.array([q, 1 - q]), np.array([p, 1 - p])
        h_q, h_qp = entropy(Q, base), cross_entropy(Q, P, base)
        kl_qp, kl_pq = kl_divergence(Q, P, base), kl_divergence(P, Q, base)
        fig, (left, right) = plt.subplots(
            1, 2, figsize=(9, 3.6), gridspec_kw={"width_ratios": [2, 3]}
        )
        outcomes = np.arange(2)
        left.bar(outcomes - 0.2, Q, width=0.4, color=COLORS[0], label="Q (true)")
        left.bar(outcomes + 0.2, P, width=0.4, color=COLORS[1], label="P (model)")
        left.set(
            xticks=outcomes,
            xticklabels=["outcome 1", "outcome 2"],
            ylim=(0, 1.25),
            ylabel="probability",
            title="the two distributions",
        )
        left.legend(loc="upper center", ncol=2)
        names = ["H(Q)", "H(Q, P)", "D(Q‖P)", "D(P‖Q)"]
        right.bar(
            names,
            [h_q, h_q, kl_qp, kl_pq],
            color=[COLORS[0], COLORS[0], COLORS[2], COLORS[3]],
        )
        right.bar(
            names[1],
            kl_qp,
            bottom=h_q,
            color=COLORS[2],
            hatch="//",
            edgecolor="white",
            label="H(Q, P) = H(Q) + D(Q‖P)",
        )
        for x, value in enumerate([h_q, h_qp, kl_qp, kl_pq]):
            right.text(x, value, f"{value:.3f}", ha="center", va="bottom")
        right.set(
            ylim=(0, 1.25 * max(1.2, h_qp, kl_pq)),
            ylabel=unit,
            title=f"Q = ({q:.2f}, {1 - q:.2f}), P = ({p:.2f}, {1 - p:.2f})",
        )
        right.legend(loc="upper right")
        fig.tight_layout()
        plt.show()

    def slider(value, description):
        return widgets.FloatSlider(
            value=value,
            min=0.01,
            max=0.99,
            step=0.01,
            description=description,
            continuous_update=False,
            style={"description_width": "initial"},
        )

    return widgets.interactive(
        draw, q=slider(q, "Q(outcome 1)"), p=slider(p, "P(outcome 1)")
    )


def softmax_temperature_explorer(logits, T=1.0, class_names=None):
    """A log-scale slider for the temperature T over fixed logits z (C,): bars of p = softmax(z / T).

    The title gives T and the entropy of p in bits (0 for one-hot, log₂ C for uniform).
    """
    z = np.asarray(logits, dtype=np.float64).ravel()
    names = (
        list(class_names)
        if class_names is not None
        else [f"class {k}" for k in range(len(z))]
    )
    if len(names) != len(z):
        raise ValueError(f"{len(z)} logits but {len(names)} class names")

    def draw(T):
        p = softmax(z / T)
        fig, ax = plt.subplots(figsize=(7, 3.8))
        bars = ax.bar(names, p, color="#0072B2")
        ax.bar_label(bars, labels=[f"{v:.3f}" for v in p], padding=2)
        ax.set(
            ylim=(0, 1.12),
            xlabel="class (logits z = " + ", ".join(f"{v:g}" for v in z) + ")",
            ylabel="probability $p_k$",
            title=f"softmax(z / T), T = {T:.3g}: entropy {entropy(p):.3f} bits "
            f"(max {np.log2(len(z)):.3f})",
        )
        plt.show()

    slider = widgets.FloatLogSlider(
        value=T,
        base=10,
        min=-2,
        max=2,
        step=0.05,
        description="T",
        continuous_update=False,
        readout_format=".3g",
    )
    return widgets.interactive(draw, T=slider)


def skip_explorer(
    build, X, y, loss, depths=range(2, 41, 2), seeds=range(5), depth=None
):
    """A depth slider and a plain/residual/both toggle over the per-layer gradient norms ‖∂L/∂W‖ at
    initialization (chapter 7).

    ``build(depth, residual, seed)`` returns a model; for every depth in ``depths``, both architectures
    and every seed, the norms of one backward pass of ``loss`` on (X, y) are computed when the widget is
    created, so moving the controls only redraws. Lines: geometric mean over seeds; bands: ×/÷ one
    geometric standard deviation. The y-range is the same for every setting, so settings compare.
    """
    depths = [int(d) for d in depths]
    seeds = list(seeds)
    norms = {
        (d, residual): np.array(
            [weight_gradient_norms(build(d, residual, s), loss, X, y) for s in seeds]
        )
        for d in depths
        for residual in (False, True)
    }
    everything = np.concatenate([n.ravel() for n in norms.values()])
    ylim = (everything.min() / 3, everything.max() * 3)

    def draw(depth, architecture):
        fig, ax = plt.subplots(figsize=(7, 4))
        shown = {"plain": [False], "residual": [True], "both": [False, True]}[
            architecture
        ]
        for residual in shown:
            samples = norms[(depth, residual)]
            ratio = np.exp(np.mean(np.log(samples[:, 1] / samples[:, -2])))
            name = "residual" if residual else "plain"
            plot_log_band(
                samples,
                ax=ax,
                color="#D55E00" if residual else "#0072B2",
                label=f"{name}: first/last hidden layer ×{ratio:.2g}",
            )
        ax.set(
            ylim=ylim,
            xlabel="Linear layer (1 = input layer, last = output layer)",
            ylabel="‖∂L/∂W‖ (Frobenius norm)",
            title=f"Gradient norms at initialization, {depth} hidden blocks, {len(seeds)} seeds",
        )
        ax.legend(loc="lower right")
        plt.show()

    slider = widgets.SelectionSlider(
        options=depths,
        value=depth if depth in depths else depths[len(depths) // 2],
        description="depth",
        continuous_update=False,
    )
    toggle = widgets.ToggleButtons(
        options=["plain", "residual", "both"], value="both", description="network"
    )
    return widgets.interactive(draw, depth=slider, architecture=toggle)


def activation_explorer(name="leaky ReLU", parameter=0.1, z_max=5.0):
    """A dropdown choosing an activation f and sliders for its parameter and the z range.

    Plots f(z) and f'(z) for −z_max ≤ z ≤ z_max (``functional``'s functions and derivatives) and
    gives the largest f'(z) in the range in the title. ``parameter`` is the slope γ of leaky ReLU
    and the α of ELU; the other functions have no parameter and ignore it. Step's derivative is
    drawn as 0 (it is 0 everywhere except at z = 0, where it is undefined).
    """
    # Imported here: this function was appended to the module, whose imports at the top are shared.

    functions = {  # name -> (f(z, p), f'(z, p)); p is the parameter
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
    }
    if name not in functions:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(functions)}"
        )

    def draw(name, parameter, z_max):
        f, df = functions[name]
        z = np.linspace(-z_max, z_max, 801)
        ax = plot_function_and_derivative(
            lambda v: f(v, parameter), lambda v: df(v, parameter), z, name
        )
        names = {"leaky ReLU": "γ", "ELU": "α"}
        setting = (
            f"{names[name]} = {parameter:.2f}" if name in names else "no parameter"
        )
        if name == "step":
            slope = "f'(z) = 0 for z ≠ 0, undefined at z = 0"
        else:
            slope = f"largest f'(z) for |z| ≤ {z_max:g}: {df(z, parameter).max():.3f}"
        ax.set_title(f"{name} ({setting})\n{slope}")
        ax.set_xlabel("pre-activation $z$")
        plt.show()

    return widgets.interactive(
        draw,
        name=widgets.Dropdown(
            options=list(functions), value=name, description="function"
        ),
        parameter=widgets.FloatSlider(
            value=parameter,
            min=0.0,
            max=2.0,
            step=0.01,
            description="γ or α",
            continuous_update=False,
        ),
        z_max=widgets.FloatSlider(
            value=z_max,
            min=1.0,
            max=20.0,
            step=0.5,
            description="z range ±",
            continuous_update=False,
        ),
    )


def backprop_explorer(
    X,
    y,
    learning_rates=(0.3, 1.0, 3.0),
    widths=(2, 4, 100),
    epochs=1500,
    every=100,
    seed=0,
    init_std=1.0,
    learning_rate=None,
    width=None,
):
    """Sliders for the learning rate, the hidden width and the epoch of a 2-h-h-1 sigmoid network trained
    on X (n, 2), labels y (n,) in {0, 1}, with MSE and full-batch gradient descent (chapter 3's lab setup).

    Every combination is trained once, when the widget is created, from N(0, ``init_std``²) weights drawn
    from ``seed``; the parameters are kept every ``every`` epochs, so moving a slider only redraws the
    decision regions at that epoch (threshold 0.5) and the learning curve. ``learning_rate`` and
    ``width`` choose the first setting shown (default: the middle of each list).
    """

    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    weights = functools.partial(initializers.normal, std=init_std)
    runs = {}
    for lr in learning_rates:
        for h in widths:
            rng = np.random.default_rng(seed)
            model = Sequential(
                Linear(2, h, init=weights, rng=rng),
                Sigmoid(),
                Linear(h, h, init=weights, rng=rng),
                Sigmoid(),
                Linear(h, 1, init=weights, rng=rng),
                Sigmoid(),
            )
            optimizer, losses = SGD(model.parameters(), lr=lr), []
            snapshots = [[p.value.copy() for p in model.parameters()]]
            for _ in range(epochs // every):
                losses += fit(
                    model, MSE(), optimizer, X, y.reshape(-1, 1), epochs=every
                ).loss
                snapshots.append([p.value.copy() for p in model.parameters()])
            runs[lr, h] = model, snapshots, losses
    lowest = np.nanmin(np.concatenate([losses for _, _, losses in runs.values()]))
    loss_range = (
        min(10 ** np.floor(np.log10(lowest)), 0.1),
        1.0,
    )  # whole decades, one for every setting

    def draw(learning_rate, width, epoch):
        model, snapshots, losses = runs[learning_rate, width]
        for p, value in zip(model.parameters(), snapshots[epoch // every]):
            p.value[...] = value
        accuracy = np.mean(predict_classes(model, X) == y)
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(11, 4))
        plot_decision_boundary(
            lambda points: predict_classes(model, points),
            X,
            y,
            ax=ax0,
            resolution=100,
            title=f"epoch {epoch}: training accuracy {accuracy:.0%}",
        )
        ax1.plot(np.arange(1, len(losses) + 1), losses, color="0.7", label="whole run")
        ax1.plot(np.arange(1, epoch + 1), losses[:epoch], label=f"up to epoch {epoch}")
        ax1.set(
            xlabel="epoch",
            ylabel="MSE loss",
            yscale="log",
            ylim=loss_range,
            title=f"learning rate {learning_rate:g}, {width} units per hidden layer",
        )
        ax1.legend(loc="lower left")
        plt.show()

    def choose(options, value, description):
        return widgets.SelectionSlider(
            options=list(options),
            value=value,
            description=description,
            continuous_update=False,
            style={"description_width": "initial"},
        )

    return widgets.interactive(
        draw,
        learning_rate=choose(
            learning_rates,
            learning_rates[len(learning_rates) // 2]
            if learning_rate is None
            else learning_rate,
            "learning rate",
        ),
        width=choose(
            widths, widths[len(widths) // 2] if width is None else width, "hidden width"
        ),
        epoch=widgets.IntSlider(
            value=epochs // every * every,
            min=0,
            max=epochs // every * every,
            step=every,
            description="epoch",
            continuous_update=False,
        ),
    )


def batchnorm_explorer(values, gamma=1.0, beta=0.0, batch_size=32, rng=0):
    """Sliders for γ, β and the batch size of a batch-norm layer acting on one feature.

    ``values`` (n,): the feature over a data set (e.g. a hidden unit's pre-activations). A batch is
    the first ``batch_size`` of them after one fixed shuffle drawn from ``rng``, so smaller batches
    are parts of larger ones. Left: the batch's inputs x; middle: the outputs y = γ x̂ + β of
    ``BatchNorm1d`` in training mode (batch statistics; drawn clipped to [−8, 8]); right: a sigmoid
    applied to y, with the batch's points on the curve and their mean slope σ'(y) (at most 0.25):
    near 0.25 the sigmoid is almost linear over the batch, near 0 it saturates.
    """
    values = np.asarray(values, dtype=np.float64).ravel()
    sizes = [b for b in (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024) if b <= len(values)]
    if not sizes:
        raise ValueError(f"values has {len(values)} entries; a batch needs at least 2")
    if batch_size not in sizes:
        raise ValueError(
            f"batch_size must be one of {sizes} (values has {len(values)} entries), got {batch_size!r}"
        )
    order = np.random.default_rng(rng).permutation(len(values))
    grid = np.linspace(-8.0, 8.0, 321)

    def draw(gamma, beta, batch_size):
        x = values[order[:batch_size]]
        layer = BatchNorm1d(1)
        layer.gamma.value[:] = gamma
        layer.beta.value[:] = beta
        y = layer(x[:, None])[:, 0]
        fig, (ax_in, ax_out, ax_sig) = plt.subplots(1, 3, figsize=(12, 3.6))
        ax_in.hist(x, bins=20, color=COLORS[0])
        ax_in.set(
            xlabel="input $x$",
            ylabel="number of examples",
            title=f"batch of {batch_size}: $\\mu_B$ = {x.mean():.2f}, $\\sigma_B$ = {x.std():.2f}",
        )
        ax_out.hist(np.clip(y, -8, 8), bins=np.linspace(-8, 8, 41), color=COLORS[1])
        ax_out.set(
            xlim=(-8, 8),
            xlabel=r"output $y = \gamma\hat x + \beta$",
            ylabel="number of examples",
            title=f"γ = {gamma:.1f}, β = {beta:.1f}: mean {y.mean():.2f}, std {y.std():.2f}",
        )
        ax_sig.plot(grid, sigmoid(grid), color="grey", label="σ(y)")
        ax_sig.plot(y, sigmoid(y), "o", color=COLORS[1], alpha=0.6, label="the batch")
        ax_sig.set(
            xlim=(-8, 8),
            xlabel="$y$",
            ylabel="σ(y)",
            title=f"mean slope σ'(y) = {sigmoid_grad(y).mean():.3f} (max 0.25)",
        )
        ax_sig.legend(loc="upper left")
        fig.tight_layout()
        plt.show()

    def slider(value, description, low, high):
        return widgets.FloatSlider(
            value=value,
            min=low,
            max=high,
            step=0.1,
            description=description,
            continuous_update=False,
        )

    return widgets.interactive(
        draw,
        gamma=slider(gamma, "γ", 0.0, 3.0),
        beta=slider(beta, "β", -3.0, 3.0),
        batch_size=widgets.SelectionSlider(
            options=sizes,
            value=batch_size,
            description="batch size",
            continuous_update=False,
        ),
    )


def optimizer_explorer(
    surface,
    start=(-1.2, 1.0),
    steps=60,
    extent=(-1.5, 1.5, -1.5, 1.5),
    lr=0.05,
    beta=0.9,
):
    """Sliders for the learning rate η and the momentum β: paths of SGD, SGD with momentum, RMSProp and
    Adam from ``start`` over the contour lines of ``surface`` (mlp_lib.surfaces)."""

    def draw(lr, beta):
        optimizers = {
            "SGD": lambda p: SGD(p, lr=lr),
            f"SGD + momentum β={beta:.2f}": lambda p: SGD(p, lr=lr, momentum=beta),
            "RMSProp": lambda p: RMSProp(p, lr=lr),
            f"Adam β₁={beta:.2f}": lambda p: Adam(p, lr=lr, betas=(beta, 0.999)),
        }
        paths = {
            name: trajectory(surface, make, start, steps)
            for name, make in optimizers.items()
        }
        plot_trajectories(surface, paths, extent=extent)
        plt.title(f"{surface.name}: {steps} steps, η = {lr:.3g}")
        plt.show()

    return widgets.interactive(
        draw,
        lr=widgets.FloatLogSlider(
            value=lr,
            base=10,
            min=-3,
            max=0,
            step=0.1,
            description="η",
            continuous_update=False,
        ),
        beta=widgets.FloatSlider(
            value=beta,
            min=0.0,
            max=0.99,
            step=0.01,
            description="β",
            continuous_update=False,
        ),
    )


def init_explorer(
    X, depth=10, width=100, activation="tanh", init="xavier_normal", gain=1.0, rng=0
):
    """Dropdowns for the activation and the initializer and a gain slider (multiplying every initial
    weight): the spread of each layer's activations and of the gradient ∂L/∂Z reaching it, for a
    ``depth``-layer, ``width``-unit net on inputs X (n, d) with a random upstream gradient at the top."""
    kinds = {
        "sigmoid": activations.Sigmoid,
        "tanh": activations.Tanh,
        "ReLU": activations.ReLU,
    }
    X = np.asarray(X, dtype=np.float64)

    def draw(activation, init, gain):
        def scaled(n_in, n_out, rng):
            return gain * initializers.get(init)(n_in, n_out, rng)

        layers = []
        for i in range(depth):
            layers += [
                Linear(
                    X.shape[1] if i == 0 else width, width, init=scaled, rng=rng + i
                ),
                kinds[activation](),
            ]
        net = Sequential(*layers)
        out = net.forward(X)
        grad = np.random.default_rng(rng).normal(size=out.shape)
        act_std = [layer_out.std() for layer_out in layer_outputs(net, X)[1::2]]
        grad_std = []
        for layer in reversed(net.layers):
            grad = layer.backward(grad)
            if isinstance(layer, Linear):
                grad_std.append(grad.std())
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(11, 3.8))
        ax0.plot(range(1, depth + 1), act_std, marker="o")
        ax0.set(
            xlabel="layer",
            ylabel="std of activations",
            yscale="log",
            title=f"{activation}, {init} × {gain:.2f}: forward",
        )
        ax1.plot(range(1, depth + 1), grad_std[::-1], marker="o", color="C1")
        ax1.set(
            xlabel="layer",
            ylabel="std of ∂L/∂(layer input)",
            yscale="log",
            title="backward",
        )
        plt.show()

    return widgets.interactive(
        draw,
        activation=widgets.Dropdown(
            options=list(kinds), value=activation, description="activation"
        ),
        init=widgets.Dropdown(
            options=["normal", "xavier_normal", "he_normal"],
            value=init,
            description="init",
        ),
        gain=widgets.FloatLogSlider(
            value=gain,
            base=2,
            min=-2,
            max=2,
            step=0.25,
            description="gain",
            continuous_update=False,
        ),
    )


def search_explorer(f, trials=9, seed=0, resolution=101):
    """Grid search against random search on f(x, y) over the unit square (f vectorized, to maximize).

    A slider for the number of trials n (a square, so that the grid is √n × √n) and one for the random
    seed. Left: the grid; right: n uniform random points; both over the contour lines of f, with the
    values of x each tested marked on the bottom edge. Titles give the distinct x values and the best
    f found.
    """
    grid_x = np.linspace(0, 1, resolution)
    gx, gy = np.meshgrid(grid_x, grid_x)
    surface = f(gx, gy)

    def draw(trials, seed):
        side = int(round(np.sqrt(trials)))
        values = list((np.arange(side) + 0.5) / side)
        grid = grid_points({"x": values, "y": values})
        rand = sample_configs(
            {"x": Uniform(0.0, 1.0), "y": Uniform(0.0, 1.0)}, trials, rng=seed
        )
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.6), sharey=True)
        for ax, points, name in zip(axes, (grid, rand), ("grid", "random")):
            x = np.array([p["x"] for p in points])
            y = np.array([p["y"] for p in points])
            ax.contourf(gx, gy, surface, levels=15, cmap="Greys", alpha=0.6)
            ax.scatter(x, y, s=40, color="#D55E00", edgecolor="black", zorder=3)
            ax.plot(
                x,
                np.full_like(x, -0.04),
                "|",
                color="#0072B2",
                markersize=14,
                clip_on=False,
            )
            ax.set(
                xlim=(0, 1),
                ylim=(-0.06, 1),
                xlabel="x (important hyperparameter)",
                title=f"{name}: {len(np.unique(np.round(x, 12)))} distinct x, best f = {f(x, y).max():.3f}",
            )
        axes[0].set_ylabel("y (unimportant hyperparameter)")
        fig.suptitle(
            f"{trials} trials; the ticks at the bottom are the x values tested", y=1.0
        )
        plt.show()

    return widgets.interactive(
        draw,
        trials=widgets.SelectionSlider(
            options=[4, 9, 16, 25, 36, 49],
            value=trials,
            description="trials",
            continuous_update=False,
        ),
        seed=widgets.IntSlider(
            value=seed, min=0, max=20, description="seed", continuous_update=False
        ),
    )


def regularization_explorer(grid, kind="L1", lam=None, threshold=1e-3, bins=81):
    """A penalty toggle (L1/L2) and a λ slider over a PRE-COMPUTED ``grid``: ``grid[kind][λ]`` is a dict
    with the trained network's ``weights`` (1-D array of all penalised weights), ``train_accuracy`` and
    ``val_accuracy``; both kinds must hold the same λ values, λ = 0 (no penalty) included.

    Left: histogram of the weights (log counts) and the fraction with |w| < ``threshold``; right: train and
    validation accuracy against λ for the chosen penalty, the current λ marked.
    """
    kinds = list(grid)
    lams = sorted(grid[kinds[0]])
    if any(sorted(grid[k]) != lams for k in kinds) or 0 not in lams:
        raise ValueError(
            "every penalty in grid needs the same λ values, including 0 (no penalty)"
        )
    positive = [lam_ for lam_ in lams if lam_ > 0]
    reach = max(np.abs(r["weights"]).max() for k in kinds for r in grid[k].values())
    edges = np.linspace(-reach, reach, bins)

    def draw(kind, lam):
        result = grid[kind][lam]
        w = np.asarray(result["weights"])
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(11, 4))
        ax0.hist(w, bins=edges, color="#0072B2")
        ax0.set(
            yscale="log",
            xlabel="weight value",
            ylabel="number of weights (log scale)",
            title=f"{kind}, λ = {lam:g}: {np.mean(np.abs(w) < threshold):.0%} of |w| < {threshold:g}",
        )
        for name, key, color in (
            ("train", "train_accuracy", "#D55E00"),
            ("validation", "val_accuracy", "#009E73"),
        ):
            ax1.plot(
                positive,
                [grid[kind][v][key] for v in positive],
                marker="o",
                color=color,
                label=name,
            )
            ax1.axhline(
                grid[kind][0][key], color=color, linestyle=":", label=f"{name}, λ = 0"
            )
        if lam > 0:
            ax1.axvline(lam, color="black", linestyle="--", linewidth=1)
        ax1.set(
            xscale="log",
            xlabel="λ (log scale)",
            ylabel="accuracy",
            ylim=(0, 1.05),
            title=f"{kind}: accuracy after training",
        )
        ax1.legend(loc="lower left", fontsize=9)
        fig.tight_layout()
        plt.show()

    return widgets.interactive(
        draw,
        kind=widgets.ToggleButtons(options=kinds, value=kind, description="penalty"),
        lam=widgets.SelectionSlider(
            options=[(f"{v:g}", v) for v in lams],
            value=positive[0] if lam is None else lam,
            description="λ",
            continuous_update=False,
        ),
    )
