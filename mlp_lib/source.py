"""The library's own source, shown in the book: one source of truth, highlighted."""

import inspect
import re
import textwrap


def source_markdown(*objects):
    """Markdown with one ```python block per function, method or class in `objects`:
    its source as it is in mlp_lib, dedented. The book (Sphinx) and JupyterLab both
    highlight such blocks."""
    if not objects:
        raise TypeError("show_source needs at least one function, method or class")
    blocks = []
    for obj in objects:
        try:
            code = textwrap.dedent(inspect.getsource(obj)).rstrip("\n")
        except (TypeError, OSError) as exc:
            raise TypeError(
                f"show_source shows a function, method or class defined in a file, "
                f"not {type(obj).__name__} {obj!r:.60}"
            ) from exc
        # a fence longer than any run of backticks in the code, so none closes it
        longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
        fence = "`" * max(3, longest + 1)
        blocks.append(f"{fence}python\n{code}\n{fence}")
    return "\n\n".join(blocks)


def show_source(*objects):
    """Display the source of `objects` (see source_markdown) as a Markdown output.

    Its text/plain is the fixed "<IPython.core.display.Markdown object>", so the stored
    output re-executes byte for byte.
    """
    # IPython only when something is shown: importing mlp_lib stays light.
    from IPython.display import Markdown, display

    display(Markdown(source_markdown(*objects)))
