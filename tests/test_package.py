"""The package as a whole. Oracle: a fresh interpreter's sys.modules and matplotlib's
rcParams."""

import json
import subprocess
import sys
from pathlib import Path

import mlp_lib

# Every module of mlp_lib, found with pkgutil so that a new chapter's widget or exercise
# module is covered without editing this test.
PROBE = """
import importlib, json, pkgutil, matplotlib
matplotlib.use("Agg")  # headless; choosing the backend is not what is checked
before = dict(matplotlib.rcParams)
import mlp_lib
names = [m.name for m in pkgutil.walk_packages(mlp_lib.__path__, "mlp_lib.")]
for name in names:
    importlib.import_module(name)
changed = [k for k, v in matplotlib.rcParams.items() if before.get(k) != v]
print(json.dumps({"modules": names, "changed": changed}))
"""


def run(code):
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def test_import_is_light():
    """`import mlp_lib` pulls in none of matplotlib, scikit-learn and scipy (all slow
    to import)."""
    code = (
        "import sys, mlp_lib; slow = ('matplotlib', 'sklearn', 'scipy'); "
        "print(sorted(m for m in slow if m in sys.modules))"
    )
    out = run(code).strip()
    assert out == "[]", f"import mlp_lib imported {out}"


def test_importing_every_module_changes_no_global_state():
    """Importing every module, plots and every chapter's widgets included, leaves
    matplotlib.rcParams alone (only plots.use_book_style() changes them)."""
    result = json.loads(run(PROBE))
    widgets = Path(mlp_lib.__file__).parent / "widgets"
    chapters = {f"mlp_lib.widgets.{p.stem}" for p in widgets.glob("[!_]*.py")}
    assert chapters and chapters <= set(result["modules"]), "widget modules not found"
    assert result["changed"] == [], (
        f"importing mlp_lib changed rcParams: {result['changed']}"
    )
