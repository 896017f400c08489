// Above the search results: when a reader types a symptom that can be an
// emergency ("face drooping", "cold blue fingers"), a one-line notice says
// what to do now and links to the page with more. The symptoms come from
// data/emergency_signs.yml, which the build ships as window.otEmergencies in
// emergency-data.js (a script, not fetched JSON, so it works from file://). Both load when the
// reader first opens or types into the search box (ot.js), so this may run after the page loaded.
// Terms match whole words, ignoring capitals, accents and punctuation, the same way as
// hooks/otsite/emergencies.py normalize(). A query can match several emergencies (a
// term in the data's shared_search_terms belongs to more than one): they show in the
// order of window.otEmergencies, most urgent level first ("pounding headache": the
// stroke notice, then autonomic dysreflexia's).
(function () {
  var t = window.otT;  // ot.js: the page's language
  var script = document.currentScript;
  // This file is assets/javascripts/emergency-search.js: the site's root is two folders up.
  var root = script && script.src ? new URL("../../", script.src) : null;

  function normalize(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")  // "caída" -> "caida"
      .replace(/['\u2019]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function matching(query) {
    var padded = " " + normalize(query) + " ";
    return (window.otEmergencies || []).filter(function (emergency) {
      return emergency.terms.some(function (term) {
        return padded.indexOf(" " + term + " ") !== -1;
      });
    });
  }

  function line(emergency) {
    var item = document.createElement("p");
    item.className = "ot-search-emergency__line";
    var label = document.createElement("strong");
    label.textContent = t("Emergency?") + " ";
    item.appendChild(label);
    item.appendChild(document.createTextNode(emergency.notice + " "));
    if (emergency.url && root) {
      var link = document.createElement("a");
      link.href = new URL(emergency.url, root).href;
      link.textContent = t("What to do: {title}", { title: emergency.title });
      item.appendChild(link);
    }
    return item;
  }

  function setUp() {
    var input = document.querySelector("input.md-search__input");
    var wrap = document.querySelector(".md-search__scrollwrap");
    if (!input || !wrap || wrap.querySelector(".ot-search-emergency")) return;
    // An alert region that stays in the page while empty, so screen readers
    // announce each notice as it appears; empty, it takes no space.
    var box = document.createElement("div");
    box.className = "ot-search-emergency";
    box.setAttribute("role", "alert");
    wrap.insertBefore(box, wrap.firstChild);
    var shown = "";

    function update() {
      var found = matching(input.value);
      var key = found.map(function (emergency) { return emergency.id; }).join(" ");
      if (key === shown) return;  // unchanged: do not announce it again on every key
      shown = key;
      box.textContent = "";
      found.forEach(function (emergency) { box.appendChild(line(emergency)); });
    }

    input.addEventListener("input", update);
    input.addEventListener("focus", update);
    if (input.form) {
      input.form.addEventListener("reset", function () { setTimeout(update, 0); });
    }
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
