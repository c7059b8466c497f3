/* Search ranking and result snippets for the book (vendor/site/static, listed in
 * html_js_files in _config.yml).
 *
 * Sphinx's searchtools.js keeps a `Scorer` that is already defined when it loads, and
 * this file loads before it on every page. (Sphinx's html_search_scorer option would
 * inline the same code into language_data.js, but Sphinx 7.4 opens that file relative
 * to the working directory, so the book would then only build from its own folder.)
 *
 * Ranking. Sphinx's own scores hardly separate a chapter from the chapters that
 * mention its topic: "softmax" in chapter 4's section titles scored the same 15 as
 * chapter 5, whose title *is* "Softmax", and the tie went to the alphabetical order
 * of the titles. This scorer keeps Sphinx's scores and adds:
 *   +100  a page whose own title contains every search word (+50 more when the title
 *         is exactly the query, chapter number aside);
 *    +20  a section whose title contains every search word.
 * Chapter 5 then leads "softmax", chapter 6 "batch normalization", and so on.
 *
 * Duplicates. Sphinx lists a page twice when it matches both as a title
 * ("Softmax") and by its words ("5. Softmax"); the best entry per page and anchor
 * is kept.
 *
 * Snippets. Sphinx cuts the summary from the text of the whole main column, so it
 * showed the header buttons (".ipynb .pdf"), the in-page contents, the TeX source
 * of every formula and the code cells (an "import" line was often the first
 * mention of a word). The summary is now cut from the article only, without its
 * title (the result's link shows it), code cells, their outputs or print-only
 * copies, and with formulas as plain text.
 *
 * Code cells stay in the search index: Sphinx indexes every text node, and only an
 * extension could leave literal blocks out. The index records only which pages hold
 * a word, so code adds no weight to a page; it matters only for snippets.
 */
var Scorer = {
  // Sphinx's defaults (searchtools.js), unchanged.
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  // Set by the Search._performSearch wrapper below: the stemmed search words.
  bookTerms: [],

  score: (result) => {
    const [docName, title, anchor, , score] = result;
    const terms = Scorer.bookTerms;
    if (!terms.length || typeof Search === "undefined" || !Search._index) {
      return score;
    }
    const index = Search._index;
    const pageTitle = BookSearch.plain(index.titles[index.docnames.indexOf(docName)]);
    if (!anchor) {
      if (!BookSearch.hasAll(pageTitle, terms)) return score;
      const exact = BookSearch.words(pageTitle).join(" ") === terms.join(" ");
      return score + 100 + (exact ? 50 : 0);
    }
    // A section: "Page > Section" or just the section's title.
    const section = BookSearch.plain(title).split(" > ").pop();
    return BookSearch.hasAll(section, terms) ? score + 20 : score;
  },
};

var BookSearch = {
  // "<span class="section-number">5. </span>Softmax" -> "Softmax"
  plain: (html) =>
    new DOMParser()
      .parseFromString(html || "", "text/html")
      .body.textContent.replace(/^\s*[\d.]+\s+/, "")
      .trim(),

  // stemmed, lower-case words, as searchtools.js stems the query
  words: (text) => {
    const stemmer = new Stemmer();
    return splitQuery(text.toLowerCase())
      .filter((w) => stopwords.indexOf(w) === -1)
      .map((w) => stemmer.stemWord(w));
  },

  hasAll: (text, terms) => {
    const words = new Set(BookSearch.words(text));
    return terms.every((t) => words.has(t));
  },

  // A formula as plain text: \(\operatorname{softmax}(z)_i\) -> softmax(z)_i
  GLYPHS: {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε",
    eta: "η", theta: "θ", lambda: "λ", mu: "μ", nu: "ν", pi: "π", rho: "ρ",
    sigma: "σ", tau: "τ", phi: "φ", varphi: "φ", psi: "ψ", omega: "ω",
    Delta: "Δ", Sigma: "Σ", Phi: "Φ", Omega: "Ω", partial: "∂", nabla: "∇",
    cdot: "·", times: "×", top: "ᵀ", le: "≤", leq: "≤", ge: "≥", geq: "≥",
    ne: "≠", neq: "≠", approx: "≈", infty: "∞", sum: "Σ", prod: "Π", in: "∈",
    to: "→", rightarrow: "→", mid: "|", ldots: "…", dots: "…", cdots: "⋯",
    odot: "⊙", otimes: "⊗", circ: "∘", ell: "ℓ", prime: "′", pm: "±", sim: "∼",
  },
  // commands whose argument stays and whose name goes: \mathbf{1} -> 1
  DROP_COMMANDS:
    /^(operatorname|math[a-z]*|text[a-z]*|boldsymbol|bm|hat|bar|tilde|vec|left|right|[bB]ig+[lr]?|displaystyle|limits)$/,
  texToText: (tex) => {
    let s = tex.trim().replace(/^\\[([]|\\[)\]]$/g, "");
    s = s.replace(/\\(begin|end)\s*\{[^{}]*\}/g, " ").replace(/\\\\|&/g, " ");
    // innermost groups first: x^{(l+1)} -> x^(l+1), \frac{a+b}{2} -> (a+b)/2
    for (let i = 0; i < 5; i++) {
      s = s.replace(/([_^])\{([^{}]*)\}/g, (m, op, arg) =>
        arg.length === 1 || /^\(.*\)$/.test(arg) ? op + arg : `${op}(${arg})`,
      );
      s = s.replace(/\\([a-zA-Z]+)\s*\{([^{}]*)\}/g, (m, name, arg) => {
        if (BookSearch.DROP_COMMANDS.test(name)) return arg; // \mathbf{x} -> x
        if (/frac$/.test(name) || name in BookSearch.GLYPHS) return m; // below
        return `${name}(${arg})`; // \sqrt{x} -> sqrt(x)
      });
      s = s.replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (m, a, b) =>
        [a, b].map((x) => (/^[\w.]+$/.test(x.trim()) ? x.trim() : `(${x})`)).join("/"),
      );
    }
    s = s.replace(/\\[a-zA-Z]+/g, (m) => {
      const name = m.slice(1);
      if (BookSearch.DROP_COMMANDS.test(name)) return "";
      if (/^q?quad$/.test(name)) return " ";
      return BookSearch.GLYPHS[name] ?? name;
    });
    s = s.replace(/\\./g, " ").replace(/[{}$\\]/g, "");
    s = s.replace(/\^\s*ᵀ/g, "ᵀ");
    return s.replace(/\s+/g, " ").trim();
  },

  DROP: [
    ".headerlink", "script", "style", ".onlyprint", ".cell_input", ".cell_output",
    "div.highlight", "pre", ".toggle-button", ".book-exercise-link",
  ].join(", "),

  htmlToText: (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const main = doc.querySelector('[role="main"]');
    if (!main) return "";
    const article = main.querySelector("article") || main;
    const part = (anchor && doc.getElementById(anchor.replace(/^#/, ""))) || article;
    part.querySelectorAll(BookSearch.DROP).forEach((el) => el.remove());
    // The result's link already shows the page's or section's title.
    part.querySelector("h1, h2, h3, h4, h5, h6")?.remove();
    part.querySelectorAll(".math").forEach((el) => {
      el.replaceWith(` ${BookSearch.texToText(el.textContent)} `);
    });
    return part.textContent.replace(/\s+/g, " ").trim();
  },
};

// searchtools.js, loaded after this file, defines Search and runs the query on
// DOMContentLoaded; this listener was added first, so it runs first.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;
  Search.htmlToText = BookSearch.htmlToText;

  const performSearch = Search._performSearch;
  Search._performSearch = (query, searchTerms, ...rest) => {
    Scorer.bookTerms = [...searchTerms];
    const results = performSearch(query, searchTerms, ...rest);
    // A page-level hit always shows the page's own (numbered) title, so its title
    // match and its word match are the same entry; keep the best of each.
    const titles = Search._index.titles;
    const docNames = Search._index.docnames;
    results.forEach((r) => {
      if (!r[2] && r[3] === null) r[1] = titles[docNames.indexOf(r[0])];
    });
    const best = new Map();
    results.forEach((r) => {
      const key = `${r[0]}\n${r[2]}`;
      if (!best.has(key) || best.get(key)[4] <= r[4]) best.set(key, r);
    });
    return results.filter((r) => best.get(`${r[0]}\n${r[2]}`) === r);
  };
});
