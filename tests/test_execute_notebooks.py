"""scripts/execute_notebooks.py's merge_streams. Oracle: outputs written by hand — the kernel may cut
one print's text into several stream outputs at timing-dependent points; merging consecutive
outputs of the same stream must give the same text however it was cut, and keep everything else
(other streams, figures) in place."""

import importlib.util
from pathlib import Path

import nbformat

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "execute_notebooks.py"
spec = importlib.util.spec_from_file_location("execute_notebooks", SCRIPT)
execute_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(execute_notebooks)


def stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_cut_text_is_joined_whatever_the_cut():
    text = "p = 0.1\nq = 0.2\n"
    for cut in range(len(text) + 1):
        merged = execute_notebooks.merge_streams(
            [stream(text[:cut]), stream(text[cut:])]
        )
        assert [out["text"] for out in merged] == [text]


def test_other_outputs_keep_their_place():
    figure = nbformat.v4.new_output("display_data", data={"text/plain": "<figure>"})
    outputs = [
        stream("a\n"),
        stream("b\n"),
        figure,
        stream("c\n"),
        stream("!\n", "stderr"),
        stream("d\n"),
    ]
    merged = execute_notebooks.merge_streams(outputs)
    assert [
        (out["output_type"], out.get("name"), out.get("text")) for out in merged
    ] == [
        ("stream", "stdout", "a\nb\n"),
        ("display_data", None, None),
        ("stream", "stdout", "c\n"),
        ("stream", "stderr", "!\n"),
        ("stream", "stdout", "d\n"),
    ]
