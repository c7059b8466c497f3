"""Chapter 9's explorer: a decision threshold, its confusion counts and ROC point."""

import matplotlib.pyplot as plt
import numpy as np

from ..metrics import roc_auc, roc_curve, threshold_table
from ..plots import figsize
from . import Explorer, float_slider


def threshold_explorer(y_true, y_score, threshold=0.5, bins=30):
    """A threshold slider over labels y_true (n,) in {0, 1} and scores y_score (n,),
    score ≥ threshold counting as positive: both classes' score histograms, the ROC
    curve with the threshold's point, and its confusion matrix counts."""
    fpr, tpr, _ = roc_curve(y_true, y_score)  # validates the inputs
    y_true = np.asarray(y_true).ravel().astype(int)
    y_score = np.asarray(y_score, dtype=np.float64).ravel()
    auc = roc_auc(y_true, y_score)
    low, high = float(y_score.min()), float(y_score.max())
    edges = np.linspace(low, high, bins + 1)

    def draw(threshold):
        row = threshold_table(y_true, y_score, [threshold])[0]
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=figsize(row_height=3.5))
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
            ylim=(0, 1.45 * highest),  # headroom for the legend above the bars
        )
        ax0.legend(loc="upper center")
        ax1.plot(fpr, tpr, color="#009E73", label=f"ROC curve (AUC {auc:.3f})")
        ax1.plot([0, 1], [0, 1], color="grey", linestyle=":", label="chance (AUC 0.5)")
        ax1.plot(
            row["FPR"],
            row["TPR"],
            "o",
            color="black",
            markersize=9,
            label=f"threshold {threshold:.2f}: "
            f"FPR {row['FPR']:.2f}, TPR {row['TPR']:.2f}",
        )
        ax1.text(
            0.97,
            0.05,
            f"TP {row['TP']:>4d}   FN {row['FN']:>4d}\n"
            f"FP {row['FP']:>4d}   TN {row['TN']:>4d}",
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

    step = (high - low) / 100 if high > low else 0.01
    # one step past the highest score: nothing is positive there, the point (0, 0)
    slider = float_slider(
        float(np.clip(threshold, low, high)),
        "threshold",
        low,
        high + step,
        step=step,
        readout_format=".2f",
    )
    return Explorer(draw, threshold=slider)
