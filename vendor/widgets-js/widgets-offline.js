// The book's own shim, loaded between require.js and embed-amd.js (see _config.yml).
(function () {
  // embed-amd.js looks for its icon fonts beside the AMD module
  // "@jupyter-widgets/html-manager/dist/libembed-amd", which require.js would place under the
  // page's own folder; the fonts are in _static, beside this script.
  var staticDir = document.currentScript.src.replace(/\/[^\/]*$/, "");
  require.config({ paths: { "@jupyter-widgets/html-manager/dist": staticDir } });

  // ipywidgets typesets labels with MathJax 2's MathJax.Hub.Queue(["Typeset", Hub, element]);
  // the book loads MathJax 3, which has no Hub, so translate that one call.
  document.addEventListener("DOMContentLoaded", function () {
    var mj = window.MathJax;
    if (!mj || mj.Hub || !mj.startup) return;
    mj.Hub = {
      Queue: function (job) {
        mj.startup.promise.then(function () { return mj.typesetPromise([job[2]]); });
      },
    };
  });
})();
