// The page's interface strings in its language (issue 14). t("Open now") gives the
// text from window.otStrings, {English: translation}, which ot-strings.js sets (the
// build writes it from locales/<language>/LC_MESSAGES/scripts.po; English: {}),
// or the English text itself when there is no translation.
// Placeholders are {name}: t("{count} clinics", {count: "12"}); a translation keeps
// the same names. A plural is one t() per form ("1 clinic" / "{count} clinics").
// pybabel extracts t("...") calls (babel-scripts.cfg, keyword t), so the English text
// is always one string literal, never a variable or a sum of strings.
window.otT = function (english, values) {
  var text = (window.otStrings && Object.prototype.hasOwnProperty.call(window.otStrings, english))
    ? window.otStrings[english] : english;
  return text.replace(/\{(\w+)\}/g, function (whole, name) {
    return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
  });
};

// The locale for numbers, dates and times: the page's language (<html lang="es">) as
// spoken in the US, where every reader of this guide is ("es-US": 3.2 millas, not 3,2).
window.otLocale = function () {
  var language = document.documentElement.lang || "en";
  return language.indexOf("-") === -1 ? language + "-US" : language;
};

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

// The search's emergency notice (emergency-search.js, with the red-flag words of emergency-data.js)
// loads when the reader first opens or types into the search box, not with every page (issue 23).
// Scripts, not fetched JSON, so it also works from file://; the saved guide's worker has them too.
(function () {
  var here = document.currentScript && document.currentScript.src;  // assets/javascripts/ot.js
  if (!here) return;
  function isSearchBox(target) {
    return target && target.matches && target.matches("input.md-search__input");
  }
  function load(event) {
    if (!isSearchBox(event.target)) return;
    document.removeEventListener("focusin", load, true);
    document.removeEventListener("input", load, true);
    ["emergency-data.js", "emergency-search.js"].forEach(function (name) {
      var script = document.createElement("script");
      script.src = new URL(name, here).href;
      script.async = false;  // run in this order: the data first
      document.head.appendChild(script);
    });
  }
  document.addEventListener("focusin", load, true);
  document.addEventListener("input", load, true);
})();
