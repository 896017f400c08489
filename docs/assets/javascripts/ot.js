// Let keyboard users reach each abbreviation's explanation: the first use of
// each abbreviation on a page becomes focusable (one tab stop per term, not
// one per use), and Material's tooltips show its title on focus.
(function () {
  function makeAbbreviationsFocusable() {
    var seen = {};
    document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
      var term = abbr.textContent;
      if (!seen[term]) {
        seen[term] = true;
        abbr.tabIndex = 0;
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(makeAbbreviationsFocusable);
  } else {
    document.addEventListener("DOMContentLoaded", makeAbbreviationsFocusable);
  }
})();
