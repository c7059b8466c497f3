/* Loaded before require.js (first in nb_ipywidgets_js, _config.yml): require.js reads a
 * global `require` object defined before it as its configuration.
 *
 * embed-amd.js defines the AMD modules "@jupyter-widgets/base", ".../controls" and
 * ".../html-manager", and each one injects its own copy of the widgets' Font Awesome
 * @font-face, with font URLs beside its own module URL. vendor/widgets-js's shim maps
 * only "@jupyter-widgets/html-manager/dist" to _static, so the other copies pointed at
 * <page folder>/@jupyter-widgets/<font>: 404s (console errors) whenever one of those
 * copies won, which depended on load timing. Mapping the whole "@jupyter-widgets"
 * prefix to _static (the shim's narrower mapping still applies to html-manager/dist)
 * puts every copy beside the vendored fonts.
 */
var require = {
  paths: { "@jupyter-widgets": document.currentScript.src.replace(/\/[^/]*$/, "") },
};
