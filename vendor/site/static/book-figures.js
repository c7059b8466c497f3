// Notebook figures (myst-nb writes a <figure> around a cell's output image).
// - The caption reads "Figure 6.2: ..." (Sphinx writes the number as "Figure 6.2 ").
// - The image links to itself: every figure is 7 inches wide with text for a desktop
//   column, so on a phone (half that width) a tap opens it full size, to zoom in.
//   A figure's panels stay side by side, as the text describes them.
document.addEventListener("DOMContentLoaded", () => {
  for (const number of document.querySelectorAll("figcaption .caption-number")) {
    number.textContent = number.textContent.trimEnd() + ": ";
  }
  // A notebook's image output is a file; data: images belong to explorers (widgets or
  // HTML outputs), whose frames change.
  for (const img of document.querySelectorAll(".cell_output img:not([src^='data:'])")) {
    if (img.closest("a, .jupyter-widgets, .widget-subarea")) continue;
    const link = document.createElement("a");
    link.href = img.src;
    link.className = "book-figure-link";
    link.title = "Open the figure full size";
    img.replaceWith(link);
    link.append(img);
  }
});
