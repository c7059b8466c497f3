"""scripts/execute_notebooks.py. Oracles: outputs written by hand, the merge_streams
function the script used before nbconvert's CoalesceStreamsPreprocessor (kept below),
and serial execution for parallel execution."""

import asyncio
from queue import Empty

import execute_notebooks
import nbformat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WIDGET_STATE = execute_notebooks.WIDGET_STATE
WIDGET_VIEW = execute_notebooks.WIDGET_VIEW


def merge_streams(outputs):
    """Join consecutive stream outputs of the same name.

    The script's former code, changed only to leave its argument as it was.
    """
    merged = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and out.get("output_type") == "stream" == last.get("output_type")
            and out.get("name") == last.get("name")
        ):
            last = merged[-1] = {**last, "text": last["text"] + out["text"]}
        else:
            merged.append(dict(out))
    return merged


def stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def figure():
    return nbformat.v4.new_output("display_data", data={"text/plain": "<figure>"})


def tidied(outputs):
    """The outputs of a one-cell notebook after the script's post-processing."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("print()", outputs=outputs)]
    )
    nb = nbformat.reads(execute_notebooks.reproducible_text(nb), as_version=4)
    return nb.cells[0].outputs


def summary(outputs):
    return [(out["output_type"], out.get("name"), out.get("text")) for out in outputs]


def test_cut_text_is_joined_whatever_the_cut():
    text = "p = 0.1\nq = 0.2\n"
    for cut in range(len(text) + 1):
        outputs = tidied([stream(text[:cut]), stream(text[cut:])])
        assert [out["text"] for out in outputs] == [text]


def test_other_outputs_keep_their_place():
    outputs = [
        stream("a\n"),
        stream("b\n"),
        figure(),
        stream("c\n"),
        stream("!\n", "stderr"),
        stream("d\n"),
    ]
    assert summary(tidied(outputs)) == [
        ("stream", "stdout", "a\nb\n"),
        ("display_data", None, None),
        ("stream", "stdout", "c\n"),
        ("stream", "stderr", "!\n"),
        ("stream", "stdout", "d\n"),
    ]


# Text without "\r": carriage returns are where the preprocessor does more (below).
texts = st.text(alphabet="ab \n=é", max_size=8)
outputs_lists = st.lists(
    st.one_of(
        st.builds(stream, texts, st.sampled_from(["stdout", "stderr"])),
        st.builds(figure),
    ),
    max_size=8,
)


# No deadline or speed check: no test may depend on timing. Derandomized: the same
# examples on every run.
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
)
@given(outputs_lists)
def test_streams_are_coalesced_as_merge_streams_did(outputs):
    expected = summary(merge_streams(outputs))
    assert summary(tidied(outputs)) == expected


def test_carriage_return_keeps_what_a_terminal_shows():
    outputs = tidied([stream("epoch 1\r"), stream("epoch 2\rdone\n"), stream("ok\r\n")])
    assert summary(outputs) == [("stream", "stdout", "done\nok\r\n")]


def widget_notebook(ids):
    """A notebook with one slider view whose model references a layout model."""
    slider, layout = ids
    state = {
        slider: {
            "model_name": "IntSliderModel",
            "state": {"layout": f"IPY_MODEL_{layout}"},
        },
        layout: {"model_name": "LayoutModel", "state": {}},
    }
    view = nbformat.v4.new_output(
        "display_data",
        data={
            WIDGET_VIEW: {"model_id": slider, "version_major": 2, "version_minor": 0}
        },
    )
    cell = nbformat.v4.new_code_cell("slider", outputs=[view], id="slider")
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": state, "version_major": 2}}
    return nb


def test_widget_ids_and_execution_times_do_not_reach_the_file():
    reproducible_text = execute_notebooks.reproducible_text
    first = reproducible_text(widget_notebook(["ab" * 16, "cd" * 16]))
    assert reproducible_text(widget_notebook(["ef" * 16, "01" * 16])) == first
    nb = nbformat.reads(first, as_version=4)
    assert nb.cells[0].outputs[0].data[WIDGET_VIEW]["model_id"] == f"{1:032x}"
    assert f"IPY_MODEL_{2:032x}" in first
    assert "execution" not in nb.cells[0].metadata


def test_check_says_which_cells_change_and_how():
    def notebook(printed):
        cells = [
            nbformat.v4.new_code_cell("x = 1", id="first"),
            nbformat.v4.new_code_cell(
                "print(x)", id="second", outputs=[stream(printed), figure()]
            ),
        ]
        return nbformat.writes(nbformat.v4.new_notebook(cells=cells)) + "\n"

    lines = execute_notebooks.describe_changes(notebook("1\n"), notebook("2\n"))
    assert lines == [
        "  cell 1 ('print(x)'): outputs differ",
        "    -[stdout] 1",
        "    +[stdout] 2",
    ]
    same = notebook("1\n")
    assert execute_notebooks.describe_changes(same, same.replace("\n ", "\n  ")) == [
        "  only the file's formatting differs (not nbformat's)"
    ]


def fake_channel(replies):
    """A channel's get_msg whose successive polls give `replies` (None: none yet)."""
    asked = []

    async def get_msg(timeout=None):
        asked.append(timeout)
        reply = replies.pop(0) if replies else None
        if reply is None:
            raise Empty
        return reply

    return get_msg, asked


def test_a_message_missed_by_one_slice_is_found_by_the_next():
    get_msg, asked = fake_channel([None, None, {"msg": 1}])
    sliced = execute_notebooks.poll_in_slices(get_msg, clock=lambda: 0.0)
    assert asyncio.run(sliced(timeout=300)) == {"msg": 1}
    assert asked == [execute_notebooks.POLL_SLICE_S] * 3
    get_msg, asked = fake_channel([None] * 5 + [{"msg": 2}])
    sliced = execute_notebooks.poll_in_slices(get_msg, clock=lambda: 0.0)
    assert asyncio.run(sliced(timeout=None)) == {"msg": 2}
    assert len(asked) == 6


def test_the_whole_timeout_still_ends_in_empty():
    now = [0.0]
    get_msg, asked = fake_channel([])

    async def advancing(timeout=None):
        now[0] += timeout  # a poll with nothing to read lasts its timeout
        return await get_msg(timeout)

    sliced = execute_notebooks.poll_in_slices(advancing, clock=lambda: now[0])
    try:
        asyncio.run(sliced(timeout=2.5))
    except Empty:
        pass
    else:
        raise AssertionError("no Empty after the timeout")
    assert sum(asked) == 2.5
    assert max(asked) <= execute_notebooks.POLL_SLICE_S


def write_notebook(path, *sources):
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(s) for s in sources],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        ),
        path,
    )


def test_serial_and_parallel_runs_agree_and_check_reports_changes(
    tmp_path, monkeypatch, capsys
):
    """Written one by one; then checked two at a time, alongside an edited copy and a
    notebook that fails: the written files must be reproduced byte for byte."""
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    write_notebook(
        tmp_path / "a.ipynb",
        "for i in range(3):\n    print(i, flush=True)",  # one message per flush
        "import os\nprint(os.environ['OPENBLAS_NUM_THREADS'])",
        "import ipywidgets\nipywidgets.IntSlider(3)",
    )
    write_notebook(tmp_path / "b.ipynb", "print('b')")
    assert execute_notebooks.main(["--jobs", "1", *map(str, tmp_path.iterdir())]) == 0
    a = nbformat.read(tmp_path / "a.ipynb", as_version=4)
    assert [out.get("text") for cell in a.cells[:2] for out in cell.outputs] == [
        "0\n1\n2\n",
        "1\n",  # one BLAS thread in the kernel, whatever the caller had
    ]
    assert f"{1:032x}" in (tmp_path / "a.ipynb").read_text()
    b = (tmp_path / "b.ipynb").read_text()
    (tmp_path / "edited.ipynb").write_text(b.replace('"b\\n"', '"edited\\n"'))
    write_notebook(tmp_path / "failing.ipynb", "1 / 0")
    before = {path.name: path.read_text() for path in tmp_path.iterdir()}
    capsys.readouterr()

    paths = sorted(map(str, tmp_path.iterdir()))
    assert execute_notebooks.main(["--check", "--jobs", "2", *paths]) == 1
    assert {path.name: path.read_text() for path in tmp_path.iterdir()} == before
    captured = capsys.readouterr()
    assert "executing 4 notebooks, 2 at a time" in captured.out
    for name in ("a.ipynb", "b.ipynb"):
        assert f"{name}: unchanged" in captured.out
    assert "edited.ipynb changes its stored outputs" in captured.err
    assert "-[stdout] edited" in captured.err and "+[stdout] b" in captured.err
    assert "failed: " in captured.err and "ZeroDivisionError" in captured.err
