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
