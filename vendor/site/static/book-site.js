/* The book's own page script (vendor/site/static, listed in _config.yml).
 *
 * Solution titles that open from anywhere on the title bar.
 *
 * sphinx-exercise titles a solution "Solution to <a href="#ex-…">Exercise 5.1 (…)</a>":
 * most of the title bar is a link back to the exercise, so a click there jumped away
 * instead of opening the dropdown (and sphinx-togglebutton's title handler, which only
 * expects clicks on the title itself or its button, then threw a TypeError). Here the
 * link's text becomes plain title text, a small separate link to the exercise follows it,
 * and a click anywhere else on the title bar of a dropdown toggles it.
 */
(() => {
  "use strict";

  const TITLE = ".admonition.dropdown > .admonition-title";

  const unlinkTitle = (title) => {
    const link = title.querySelector(":scope > a.reference[href]");
    if (!link) return;
    const text = document.createElement("span");
    text.className = "book-solution-title";
    text.append(...link.childNodes);
    link.replaceWith(text);

    const back = document.createElement("a");
    back.className = "book-exercise-link";
    back.href = link.getAttribute("href");
    back.textContent = "↑ exercise";
    const label = text.textContent.trim();
    back.title = `Go to ${label}`;
    back.setAttribute("aria-label", `Go to ${label}`);
    const button = title.querySelector(":scope > .toggle-button");
    title.insertBefore(back, button);
  };

  // Capture phase: runs before sphinx-togglebutton's listener on the same title.
  const onTitleClick = (event) => {
    const title = event.currentTarget;
    const target = event.target;
    if (target === title || target.closest(".toggle-button")) return; // theirs
    event.stopPropagation();
    if (target.closest("a.book-exercise-link")) return; // follow the link, no toggle
    event.preventDefault();
    const button = title.querySelector(":scope > .toggle-button");
    if (button) button.click();
  };

  const init = () => {
    document.querySelectorAll(TITLE).forEach((title) => {
      unlinkTitle(title);
      title.addEventListener("click", onTitleClick, true);
    });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
