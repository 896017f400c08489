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

// Folded sections (issue 23, otsite/folding.py): a link or an address that leads into a
// folded part of the page opens it (the table of contents, "#clinics-..." links, a
// shared address), and printing opens every fold, closing again after printing those
// the reader had not opened.
(function () {
  function targetOf(hash) {
    var id = hash ? decodeURIComponent(hash.slice(1)) : "";
    return id ? document.getElementById(id) : null;
  }
  // Opens every closed <details> around `target`; true if there was one.
  function openAround(target) {
    var opened = false;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
        opened = true;
      }
    }
    return opened;
  }
  function openForAddress() {
    var target = targetOf(window.location.hash);
    if (target && openAround(target)) target.scrollIntoView();
  }
  window.addEventListener("hashchange", openForAddress);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openForAddress);
  } else {
    openForAddress();
  }
  // A link to the anchor already in the address fires no hashchange.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href*='#']") : null;
    if (!link || link.pathname !== window.location.pathname) return;
    var target = targetOf(link.hash);
    if (target) openAround(target);
  });
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.slice.call(document.querySelectorAll("article details:not([open])"));
    openedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });
})();
