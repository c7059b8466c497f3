"""The package as a whole. Oracle: a fresh interpreter's sys.modules and matplotlib's rcParams."""

import subprocess
import sys

PROBE = """
import sys, matplotlib
before = dict(matplotlib.rcParams)
import mlp_lib, mlp_lib.plots, mlp_lib.widgets, mlp_lib.exercises
changed = [k for k, v in matplotlib.rcParams.items() if before.get(k) != v]
print(changed)
"""


def test_import_is_light():
    """`import mlp_lib` pulls in neither matplotlib nor scikit-learn (both are slow to import)."""
    code = "import sys, mlp_lib; print(sorted(m for m in ('matplotlib', 'sklearn') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]", f"import mlp_lib imported {out.strip()}"


def test_importing_changes_no_global_state():
    """Importing every module, plots and widgets included, leaves matplotlib.rcParams alone."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]", f"importing mlp_lib changed rcParams: {out.strip()}"
