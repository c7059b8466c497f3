"""Execute the book's notebooks in place so that the stored outputs are byte-reproducible.

Usage: python scripts/execute_notebooks.py [--check] [NOTEBOOK ...]   (default: every book/*.ipynb)

Three things make a plain `jupyter execute` non-reproducible, and this script removes them:
per-cell execution timestamps (nbclient's record_timing), ipywidgets' random model ids, which
are renumbered in a canonical order, and the timing-dependent splitting of printed text into
several stream outputs, which are merged. With --check nothing is written: the exit code
is 1 if any notebook would change.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
# Kernels inherit this: one BLAS thread gives the same floating-point summation order on every
# machine (and is faster for small matrices). The Makefile sets the same for nbval and JupyterLab.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
TIMEOUT_S = 300


def _refs(value):
    """Model ids referenced (as IPY_MODEL_<id>) anywhere inside a widget's state, in a fixed order."""
    return MODEL_REF.findall(json.dumps(value, sort_keys=True))


def canonical_widget_ids(nb):
    """Map each widget model id to a sequential id: views in cell order, then what they reference."""
    states = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    order = []

    def visit(model_id):
        if model_id in states and model_id not in order:
            order.append(model_id)
            for ref in _refs(states[model_id]["state"]):
                visit(ref)

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view:
                visit(view["model_id"])
    # Models no view reaches (rare): order them by content, which does not depend on their ids.
    rest = sorted(
        (m for m in states if m not in order),
        key=lambda m: MODEL_REF.sub("", json.dumps(states[m], sort_keys=True)),
    )
    for model_id in rest:
        visit(model_id)
    return {old: f"{i + 1:032x}" for i, old in enumerate(order)}


def renumber_widgets(nb):
    """Return the notebook with every widget model id replaced by its canonical id."""
    mapping = canonical_widget_ids(nb)
    if not mapping:
        return nb
    text = json.dumps(nb)
    text = re.sub(r"[0-9a-f]{32}", lambda m: mapping.get(m.group(0), m.group(0)), text)
    return nbformat.from_dict(json.loads(text))


def merge_streams(outputs):
    """Join consecutive stream outputs of the same name (stdout or stderr) into one.

    The kernel sends a cell's printed text in pieces whenever its 0.2 s flush timer fires, so
    where the text is cut (even inside one print) depends on timing; joined, it does not.
    """
    merged = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and out.get("output_type") == "stream" == last.get("output_type")
            and out.get("name") == last.get("name")
        ):
            last["text"] += out["text"]
        else:
            merged.append(out)
    return merged


def execute(path):
    """Run one notebook in its own folder and return the reproducible result as text."""
    nb = nbformat.read(path, as_version=4)
    # log level ERROR: the kernel's warning about local TCP transport says nothing about the book
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if "outputs" in cell:
            cell.outputs = merge_streams(cell.outputs)
    nb = renumber_widgets(nb)
    return nbformat.writes(nb) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; fail if outputs would change",
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "book").glob("*.ipynb"))
    changed = []
    for path in paths:
        path = path.resolve()
        print(f"executing {path.relative_to(ROOT)}", flush=True)
        new = execute(path)
        if new != path.read_text(encoding="utf-8"):
            changed.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check and changed:
        for path in changed:
            print(
                f"not reproducible: re-executing {path.relative_to(ROOT)} changes its stored outputs",
                file=sys.stderr,
            )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
