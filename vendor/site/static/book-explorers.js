/* The book's static explorers (vendor/site/static, listed in _config.yml).
 *
 * A chapter's explorer is live only with a kernel. Its output also carries a static copy
 * (mlp_lib.widgets.Explorer.static_html), which the book's pages show: a range input per
 * control, the figure for the first setting, and in a JSON script the figure of every
 * combination of the controls' values:
 *   {"frames": [base64 PNG, ...], "index": [frame of combination 0, 1, ...]}
 * with the combinations in row-major order (the last control varies fastest). Moving an
 * input shows the figure of the new combination. An explorer with too many combinations
 * has disabled inputs, no JSON and a notice instead.
 */
(() => {
  "use strict";

  const wire = (explorer) => {
    const data = explorer.querySelector(':scope > script[type="application/json"]');
    const image = explorer.querySelector(":scope > img.mlp-explorer-frame");
    if (!data || !image) return;
    const { frames, index } = JSON.parse(data.textContent);
    const inputs = [...explorer.querySelectorAll(":scope > label > input")];
    const show = () => {
      let combination = 0;
      const setting = inputs.map((input) => {
        combination = combination * (Number(input.max) + 1) + Number(input.value);
        const text = JSON.parse(input.dataset.texts)[Number(input.value)];
        input.nextElementSibling.textContent = text;
        return `${input.parentElement.firstChild.textContent.trim()} = ${text}`;
      });
      image.src = `data:image/png;base64,${frames[index[combination]]}`;
      image.alt = setting.join(", ");
    };
    inputs.forEach((input) => input.addEventListener("input", show));
  };

  const init = () => document.querySelectorAll(".mlp-explorer").forEach(wire);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
