"""mlp_lib.widgets.Explorer, the static copy of every explorer. Oracle: a draw function
whose figure is a known function of its arguments, so each combination's frame can be
rendered on its own and compared; the frame order is the row-major order that
vendor/site/static/book-explorers.js computes."""

import base64
import io
import json
import re
from html import unescape

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from mlp_lib import widgets as w
from mlp_lib.plots import COLORS


def draw(a, b):
    """A figure that depends on a only: frames with the same a are the same figure."""
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.set_title(f"a = {a}")


def explorer(**page_values):
    return w.Explorer(
        draw,
        page_values=page_values,
        a=w.int_slider(1, "a", 0, 10),
        b=w.selection_slider(["x", "y"], "x", "b"),
    )


def parse(html):
    """(inputs as attribute dicts, the shown base64 PNG, frames JSON, notice/None)."""
    inputs = [
        dict(re.findall(r'([\w-]+)="([^"]*)"', i))
        for i in re.findall(r"<input ([^>]*)>", html)
    ]
    for i, tag in zip(inputs, re.findall(r"<input [^>]*>", html), strict=True):
        i["disabled"] = " disabled" in tag
    shown = re.search(r'<img [^>]*src="data:image/png;base64,([^"]+)"', html).group(1)
    data = json.loads(re.search(r'"application/json">(.*?)</script>', html).group(1))
    notice = re.search(r'<p class="mlp-explorer-notice">(.*?)</p>', html)
    return inputs, shown, data, notice and unescape(notice.group(1))


def test_the_display_carries_the_live_widget_and_the_static_copy():
    bundle = explorer(a=(0, 1))._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<div class="mlp-explorer">')


def test_every_combination_has_its_frame_in_row_major_order():
    widget = explorer(a=(0, 5))  # 1, the first value, joins the page values
    inputs, shown, data, notice = parse(widget.static_html())
    assert [(i["max"], i["value"]) for i in inputs] == [("2", "1"), ("1", "0")]
    assert [json.loads(unescape(i["data-texts"])) for i in inputs] == [
        ["0", "1", "5"],
        ["x", "y"],
    ]
    assert notice is None and not any(i["disabled"] for i in inputs)
    # combination k = index(a) * 2 + index(b); b does not change the figure
    expected = [widget._frame({"a": a, "b": b}) for a in (0, 1, 5) for b in "xy"]
    assert [data["frames"][i] for i in data["index"]] == expected
    assert len(data["frames"]) == 3  # the same figure is stored once
    assert shown == expected[2]  # a = 1, b = "x": the first setting


def test_frames_are_reproducible_small_pngs():
    widget = explorer(a=(0, 1))
    assert widget.static_html() == widget.static_html()
    _, shown, _, _ = parse(widget.static_html())
    assert shown.startswith("iVBORw0KGgo")  # PNG signature, base64


def test_a_control_with_one_page_value_is_fixed_and_the_page_says_so():
    inputs, _, data, notice = parse(explorer(a=(1,)).static_html())
    assert [i["disabled"] for i in inputs] == [True, False]
    assert len(data["index"]) == 2
    assert notice == "static preview, a fixed — run the notebook to explore"


def test_beyond_max_frames_only_the_first_figure_and_the_notice(monkeypatch):
    monkeypatch.setattr(w, "MAX_FRAMES", 5)
    inputs, shown, data, notice = parse(explorer(a=(0, 5)).static_html())
    assert all(i["disabled"] for i in inputs) and len(data["index"]) == 1
    assert notice == w.NOTICE == "static preview — run the notebook to explore"


def test_numeric_sliders_default_to_evenly_spaced_values_on_their_steps():
    assert w._spread(w.float_slider(0.3, "x", 0.0, 1.0, step=0.1)) == pytest.approx(
        [k / 10 for k in range(11)]
    )
    assert w._spread(w.int_slider(3, "n", 0, 100)) == list(range(0, 101, 10))
    logs = w._spread(w.log_slider(1.0, "η", -2, 0, 0.1))
    assert logs[0] == pytest.approx(0.01) and logs[-1] == pytest.approx(1.0)
    assert len(logs) == w.SPREAD_VALUES


def test_frames_keep_the_book_colours_of_thin_lines():
    # Oracle: the Okabe-Ito colours of mlp_lib.plots, which a legend names; a median-cut
    # palette once turned the green line blue and the yellow one orange.
    def lines(a):
        fig, ax = plt.subplots(figsize=(7, 4))
        for k, color in enumerate(COLORS):
            ax.plot([0, 1], [k, k + a], color=color, lw=1.5)

    frame = w.Explorer(lines, a=w.int_slider(1, "a", 0, 2))._frame({"a": 1})
    pixels = np.asarray(Image.open(io.BytesIO(base64.b64decode(frame))).convert("RGB"))
    pixels = pixels.reshape(-1, 3).astype(int)
    for color in COLORS:
        rgb = np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)])
        near = (np.abs(pixels - rgb).sum(axis=1) <= 24).sum()
        assert near >= 100, f"Explorer frame (shape {pixels.shape}): {color} lost"
