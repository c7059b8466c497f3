"""mlp_lib.source. Oracle: inspect.getsource, and markdown-it (the parser MyST uses)
reading the Markdown back as python code blocks."""

import inspect
import textwrap

import IPython.display
import pytest
from markdown_it import MarkdownIt

from mlp_lib.layers import Linear
from mlp_lib.source import show_source, source_markdown


def code_blocks(markdown):
    """(language, code) of each fenced block, as MyST and JupyterLab parse them."""
    return [
        (token.info, token.content)
        for token in MarkdownIt("commonmark").parse(markdown)
        if token.type == "fence"
    ]


def with_backticks():
    """A docstring that shows ```python fences itself."""
    return "```"


def test_source_is_the_library_own_dedented_as_python():
    expected = textwrap.dedent(inspect.getsource(Linear.forward))
    assert code_blocks(source_markdown(Linear.forward)) == [("python", expected)]
    assert expected.startswith("def forward(")


def test_one_block_per_object_in_order():
    blocks = code_blocks(source_markdown(Linear.forward, Linear.backward, Linear))
    assert [lang for lang, _ in blocks] == ["python"] * 3
    assert [code.splitlines()[0] for _, code in blocks] == [
        "def forward(self, x):",
        "def backward(self, grad_out):",
        inspect.getsource(Linear).splitlines()[0],
    ]


def test_backticks_in_the_source_do_not_close_the_block():
    expected = inspect.getsource(with_backticks)
    assert code_blocks(source_markdown(with_backticks)) == [("python", expected)]


def test_output_is_reproducible():
    assert source_markdown(Linear.backward) == source_markdown(Linear.backward)


def test_show_source_displays_markdown_with_a_fixed_plain_text(monkeypatch):
    shown = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    assert show_source(Linear.forward) is None
    (output,) = shown
    assert isinstance(output, IPython.display.Markdown)
    assert output.data == source_markdown(Linear.forward)
    assert repr(output) == "<IPython.core.display.Markdown object>"


@pytest.mark.parametrize("bad", [3, "Linear.forward", print])
def test_not_a_function_or_class_is_a_type_error(bad):
    with pytest.raises(
        TypeError, match="show_source shows a function, method or class"
    ):
        source_markdown(bad)


def test_nothing_to_show_is_a_type_error():
    with pytest.raises(TypeError, match="at least one"):
        source_markdown()
