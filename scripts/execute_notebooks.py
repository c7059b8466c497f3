"""Execute the book's notebooks in place, with byte-reproducible stored outputs.

Usage: python scripts/execute_notebooks.py [--check] [--jobs N] [NOTEBOOK ...]
(default: every book/*.ipynb, as many at once as there are CPUs)

A plain `jupyter execute` is not reproducible in three ways, which this script removes:
per-cell execution timestamps (nbclient's record_timing), ipywidgets' random model ids
(renumbered in a canonical order), and the timing-dependent splitting of printed text
into several stream outputs (coalesced with nbconvert's CoalesceStreamsPreprocessor).
Each notebook runs in its own kernel, in its own worker process, so running N at once
gives the same bytes as running them one by one. With --check nothing is written: the
exit code is 1 if any notebook would change. It is 1 too if a notebook fails to run.
"""

import argparse
import difflib
import json
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from queue import Empty
from typing import NamedTuple

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

ROOT = Path(__file__).resolve().parent.parent
# One BLAS thread gives the same floating-point summation order on every machine (and
# is faster for the book's small matrices); the Makefile sets the same for nbval and
# JupyterLab. Always set for the kernels: an inherited value would make outputs depend
# on the machine.
KERNEL_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
TIMEOUT_S = 300
POLL_SLICE_S = 0.25
SHOWN_CELLS = 5  # changed cells described by --check, per notebook
SHOWN_LINES = 8  # diff lines shown per changed cell


def _refs(value):
    """Model ids referenced (as IPY_MODEL_<id>) anywhere inside a widget's state."""
    return MODEL_REF.findall(json.dumps(value, sort_keys=True))


def canonical_widget_ids(nb):
    """Map each widget model id to a sequential id.

    Views come in cell order, each followed by the models it references.
    """
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
    # Models no view reaches (rare): order them by content, which does not depend on
    # their ids.
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


def reproducible_text(nb):
    """The executed notebook as text that does not depend on timing or random ids."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    # The kernel sends printed text in pieces whenever its flush timer fires, so where
    # the text is cut depends on timing: joined, it does not. The preprocessor also
    # drops text overwritten by a carriage return, as a terminal would show it.
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    nb = renumber_widgets(nb)
    return nbformat.writes(nb) + "\n"


def poll_in_slices(get_msg, clock=time.monotonic):
    """Wrap a channel's get_msg so that it waits in slices of at most POLL_SLICE_S."""

    # pyzmq's asyncio poll sometimes misses the wake-up for a message that has arrived
    # (seen after ipywidgets cells, nbclient issue #312): the cell's reply then waits
    # until the whole cell timeout, or forever without one. Each slice ends with a
    # plain poll that finds such a message, so a missed wake-up costs a slice at most.
    async def get_msg_sliced(timeout=None):
        deadline = None if timeout is None else clock() + timeout
        while True:
            left = POLL_SLICE_S if deadline is None else deadline - clock()
            try:
                return await get_msg(timeout=max(0.0, min(POLL_SLICE_S, left)))
            except Empty:
                if deadline is not None and left <= POLL_SLICE_S:
                    raise

    return get_msg_sliced


class SlicedPollClient(NotebookClient):
    """nbclient's NotebookClient, waiting for kernel messages in short slices."""

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        for channel in (kc.shell_channel, kc.iopub_channel):
            channel.get_msg = poll_in_slices(channel.get_msg)
        return kc


def execute(path):
    """Run one notebook in its own folder and return the reproducible result as text."""
    nb = nbformat.read(path, as_version=4)
    # log level ERROR: the kernel's warning about local TCP transport says nothing
    # about the book
    client = SlicedPollClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    client.execute(env=os.environ | KERNEL_ENV)
    return reproducible_text(nb)


def output_lines(outputs):
    """The outputs as text lines to diff: text as it is, anything else as a summary."""
    lines = []
    for out in outputs:
        if out.output_type == "stream":
            lines += [f"[{out.name}] {line}" for line in out.text.splitlines()]
        elif out.output_type == "error":
            lines.append(f"[error] {out.ename}: {out.evalue}")
        else:
            data = out.get("data", {})
            lines += [
                f"[text] {line}" for line in data.get("text/plain", "").splitlines()
            ]
            for mime in sorted(set(data) - {"text/plain"}):
                size = len(json.dumps(data[mime]))
                lines.append(f"[{mime}] {size} characters")
    return lines


def describe_changes(old_text, new_text):
    """Which cells re-execution changes, and a short diff of their outputs."""
    try:
        old = nbformat.reads(old_text, as_version=4)
    except Exception as error:
        return [f"  the stored file does not read as a notebook: {error}"]
    new = nbformat.reads(new_text, as_version=4)
    if len(old.cells) != len(new.cells):
        return [f"  {len(old.cells)} cells stored, {len(new.cells)} after execution"]
    described = []
    for index, (a, b) in enumerate(zip(old.cells, new.cells, strict=True)):
        if a == b:
            continue
        parts = [
            k
            for k in ("outputs", "execution_count", "metadata")
            if a.get(k) != b.get(k)
        ]
        first_line = (b.source.splitlines() or [""])[0][:40]
        described.append(
            [f"  cell {index} ({first_line!r}): {', '.join(parts) or 'cell'} differ"]
        )
        diff = difflib.unified_diff(
            output_lines(a.get("outputs", [])),
            output_lines(b.get("outputs", [])),
            "stored",
            "re-executed",
            n=0,
            lineterm="",
        )
        # skip the ---/+++ header: the cell line above says what is compared
        body = [line for line in list(diff)[2:] if not line.startswith("@@")]
        described[-1] += [f"    {line[:100]}" for line in body[:SHOWN_LINES]]
    lines = [line for cell in described[:SHOWN_CELLS] for line in cell]
    if len(described) > SHOWN_CELLS:
        lines.append(f"  and {len(described) - SHOWN_CELLS} more cells")
    if old.metadata != new.metadata:
        lines.append("  the notebook's metadata differ (the widget state?)")
    return lines or ["  only the file's formatting differs (not nbformat's)"]


class Result(NamedTuple):
    """What became of one notebook: its status word, wall time and any details."""

    path: Path
    status: str  # unchanged, rewritten, would change, failed
    seconds: float
    details: str = ""  # the error, or what would change


def run(path, check):
    """Execute one notebook, then compare it with the file and write it unless check."""
    say(f"executing {shown(path)}")
    start = time.perf_counter()
    try:
        new = execute(path)
    # The error travels back from a worker process as text: nbclient's exceptions do
    # not all survive pickling, and one failed notebook should not stop the others.
    except Exception as error:
        return Result(path, "failed", time.perf_counter() - start, str(error))
    seconds = time.perf_counter() - start
    old = path.read_text(encoding="utf-8")
    if new == old:
        return Result(path, "unchanged", seconds)
    if check:
        details = "\n".join(describe_changes(old, new))
        return Result(path, "would change", seconds, details)
    path.write_text(new, encoding="utf-8")
    return Result(path, "rewritten", seconds)


def say(*lines, file=None):
    """Print lines with one write, so that lines from worker processes do not mix."""
    out = file or sys.stdout
    out.write("".join(f"{line}\n" for line in lines))
    out.flush()


def shown(path):
    """The path relative to the current folder when it is inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cpu_count():
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_all(paths, check, jobs):
    """Run every notebook, `jobs` at a time, printing a line as each one finishes."""
    width = len(str(len(paths)))
    results = []

    def report(result):
        results.append(result)
        say(
            f"[{len(results):{width}}/{len(paths)}] {shown(result.path)}: "
            f"{result.status} ({result.seconds:.1f} s)"
        )

    if jobs == 1:
        for path in paths:
            report(run(path, check))
    else:
        # Processes, not threads: nbclient cleans up its kernel on Ctrl-C only in a
        # main thread, and every worker process has one. Spawned, not forked: forking
        # a process that has threads (a pytest-xdist worker) can deadlock the child.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
        try:
            futures = [pool.submit(run, path, check) for path in paths]
            for future in as_completed(futures):
                report(future.result())
        finally:
            # After Ctrl-C start no other notebook; the running ones end soon, as each
            # worker's nbclient shuts its kernel down on the same signal.
            pool.shutdown(cancel_futures=True)
    return sorted(results, key=lambda result: paths.index(result.path))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; fail if outputs would change",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=cpu_count(),
        help="notebooks executed at once, each in its own kernel "
        "(default: the number of CPUs)",
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    # dict: a notebook named twice must not be executed (and written) twice at once
    paths = list(dict.fromkeys(p.resolve() for p in args.notebooks))
    paths = paths or sorted((ROOT / "book").glob("*.ipynb"))
    jobs = min(args.jobs, len(paths)) or 1
    if jobs > 1:
        say(f"executing {len(paths)} notebooks, {jobs} at a time")
    start = time.perf_counter()
    results = run_all(paths, args.check, jobs)
    total = time.perf_counter() - start

    say(
        "wall time per notebook:",
        *(f"{r.seconds:7.1f} s  {shown(r.path)}" for r in results),
        f"{total:7.1f} s  in all, {jobs} at a time "
        f"(the notebooks' times add up to {sum(r.seconds for r in results):.1f} s)",
    )
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        say(f"failed: {shown(r.path)}", r.details, file=sys.stderr)
    changed = [r for r in results if r.status == "would change"]
    for r in changed:
        say(
            f"not reproducible: re-executing {shown(r.path)} "
            "changes its stored outputs",
            r.details,
            file=sys.stderr,
        )
    return 1 if failed or changed else 0


if __name__ == "__main__":
    sys.exit(main())
