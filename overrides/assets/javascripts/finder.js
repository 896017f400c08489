// The clinic finder: sorts clinics by straight-line distance from a ZIP code
// or the reader's location, filters them by service, language, access, staff
// credential (such as CHT) and "open now", and keeps the filters in the
// address so links can preset them.
// Works offline: its data (window.otFinder, from finder-data.js) is a script,
// and so is the ZIP code table (finder-zips.js), loaded on the first search.
// Every value from data is written with textContent, never as HTML.
// One clinic with unusable data (a time zone or hours the browser cannot
// read) is shown without an "open now" status; it never blanks the list.
// After "Find clinics" or "Use my location" the results heading, which says how
// many clinics were found, takes the focus and scrolls into view, so a reader
// on a phone sees the result rather than the unchanged form.
// Every text it writes is in the page's language: t() (ot.js) reads the
// translations in ot-strings.js; numbers follow otLocale() (ot.js).
(function () {
  "use strict";

  var PAGE_SIZE = 25;
  var EARTH_RADIUS_MILES = 3958.8;
  var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

  var t = window.otT;
  var locale = window.otLocale();
  var data = window.otFinder;
  var root = document.getElementById("ot-finder-root");
  var form = document.getElementById("ot-finder");
  if (!data || !root || !form) return;

  var el = {
    zip: document.getElementById("ot-zip"),
    message: document.getElementById("ot-zip-message"),
    locate: document.getElementById("ot-locate"),
    service: document.getElementById("ot-service"),
    language: document.getElementById("ot-language"),
    access: document.getElementById("ot-access"),
    open: document.getElementById("ot-open"),
    credentials: Array.prototype.slice.call(form.querySelectorAll("input[name=credential]")),
    count: document.getElementById("ot-count"),
    results: document.getElementById("ot-results"),
    more: document.getElementById("ot-more"),
    byCity: document.getElementById("ot-by-city")
  };
  var clinicUrl = root.getAttribute("data-clinic-url");
  // origin: where distances are measured from; zip and place: the ZIP code it came from (none for the reader's location).
  var state = { origin: null, zip: "", place: "", shown: PAGE_SIZE };

  // --- Distances and opening hours -------------------------------------

  function toRadians(degrees) {
    return degrees * Math.PI / 180;
  }

  function milesBetween(lat1, lon1, lat2, lon2) {
    var dLat = toRadians(lat2 - lat1);
    var dLon = toRadians(lon2 - lon1);
    var a = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(a));
  }

  var clockFormats = {};

  // The weekday and minutes since midnight now, in the clinic's time zone.
  // Throws a RangeError for a time zone the browser does not know.
  function localNow(timeZone, now) {
    if (!clockFormats[timeZone]) {
      clockFormats[timeZone] = new Intl.DateTimeFormat("en-US", {
        timeZone: timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      });
    }
    var parts = {};
    clockFormats[timeZone].formatToParts(now).forEach(function (part) { parts[part.type] = part.value; });
    return { day: parts.weekday.slice(0, 3).toLowerCase(), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
  }

  function isMinute(value) {
    return typeof value === "number" && value >= 0 && value <= 24 * 60;
  }

  // A day's opening times as [[open, close], ...] in minutes, or throws if they are unusable.
  function dayRanges(hours, day) {
    if (!hours || typeof hours !== "object") throw new TypeError("no opening hours");
    var ranges = hours[day] || [];
    var usable = Array.isArray(ranges) && ranges.every(function (range) {
      return Array.isArray(range) && isMinute(range[0]) && isMinute(range[1]) && range[0] < range[1];
    });
    if (!usable) throw new RangeError("unusable opening hours on " + day);
    return ranges;
  }

  var warned = {};

  // true or false; null when this clinic's time zone or hours cannot be read.
  function openState(clinic, now) {
    try {
      var local = localNow(clinic.tz, now);
      return dayRanges(clinic.hours, local.day).some(function (range) {
        return local.minutes >= range[0] && local.minutes < range[1];
      });
    } catch (error) {
      if (!warned[clinic.slug]) {
        warned[clinic.slug] = true;
        console.warn("Clinic finder: no open-now status for " + clinic.slug + ": " + error.message);
      }
      return null;
    }
  }

  // --- Choosing and ordering clinics -----------------------------------

  function chosenCredentials() {
    return el.credentials.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }

  function filters() {
    return { service: el.service.value, language: el.language.value, access: el.access.value, open: el.open.checked,
             credentials: chosenCredentials() };
  }

  function has(list, value) {
    return Array.isArray(list) && list.indexOf(value) !== -1;
  }

  function matching(chosen, now) {
    return data.clinics.filter(function (clinic) {
      return (!chosen.service || has(clinic.services, chosen.service)) &&
        (!chosen.language || has(clinic.languages, chosen.language)) &&
        (!chosen.access || has(clinic.access, chosen.access)) &&
        chosen.credentials.every(function (id) { return has(clinic.credentials, id); }) &&
        (!chosen.open || openState(clinic, now) === true);
    });
  }

  function ordered(clinics) {
    var rows = clinics.map(function (clinic) {
      var miles = state.origin ? milesBetween(state.origin.lat, state.origin.lon, clinic.lat, clinic.lon) : null;
      return { clinic: clinic, miles: miles };
    });
    rows.sort(function (a, b) {
      if (a.miles !== null && a.miles !== b.miles) return a.miles - b.miles;
      return a.clinic.city.localeCompare(b.clinic.city) || a.clinic.name.localeCompare(b.clinic.name);
    });
    return rows;
  }

  // --- Showing them ----------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultItem(row, now) {
    var clinic = row.clinic;
    var item = element("li", "ot-result");
    var heading = element("h3", "ot-result__name");
    var link = element("a", null, clinic.name);
    link.href = clinicUrl.replace("SLUG", clinic.slug);
    heading.appendChild(link);
    item.appendChild(heading);

    var where = element("p", "ot-result__where");
    if (row.miles !== null) {
      where.appendChild(element("strong", "ot-result__distance", formatMiles(row.miles)));
      where.appendChild(document.createTextNode(" · "));
    }
    where.appendChild(document.createTextNode(clinic.street + ", " + clinic.city));
    item.appendChild(where);

    var open = openState(clinic, now);
    if (open !== null) {
      item.appendChild(element("p", open ? "ot-result__open" : "ot-result__closed", open ? t("Open now") : t("Closed now")));
    }

    var phone = element("p", "ot-result__phone", t("Phone:") + " ");
    var call = element("a", null, clinic.phone);
    call.href = "tel:" + clinic.tel;
    phone.appendChild(call);
    item.appendChild(phone);

    item.appendChild(element("p", "ot-result__services",
      clinic.services.map(function (slug) { return data.services[slug]; }).join(", ")));
    item.appendChild(element("p", "ot-result__languages", t("Languages: {languages}", { languages: clinic.languages.join(", ") })));
    if (Array.isArray(clinic.credentials) && clinic.credentials.length) {
      item.appendChild(element("p", "ot-result__credentials", t("Staff credentials: {credentials}", { credentials:
        clinic.credentials.map(function (id) { return (data.credentials || {})[id] || id; }).join(", ") })));
    }
    if (clinic.sample) {
      item.appendChild(element("p", "ot-result__sample", t("Sample data: not a real clinic")));
    }
    return item;
  }

  var nearMiles = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var farMiles = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  var wholeNumber = new Intl.NumberFormat(locale);

  // "3.2 miles" under 10 miles, "12 miles" beyond (Spanish: "a 3.2 millas"); miles, for US readers.
  function formatMiles(miles) {
    var values = { miles: (miles < 10 ? nearMiles : farMiles).format(miles) };
    return Math.round(miles * 10) === 10 ? t("{miles} mile", values) : t("{miles} miles", values);
  }

  // The results heading. One whole sentence per case and per plural form, so a translation can order its words.
  function describeCount(total) {
    var values = { count: wholeNumber.format(total), zip: state.zip, place: state.place };
    if (total === 0) return t("No clinics match. Try choosing fewer options.");
    if (!state.origin) {
      return total === 1 ? t("1 clinic matches. Add your ZIP code to see the nearest first.")
        : t("{count} clinics match. Add your ZIP code to see the nearest first.", values);
    }
    if (!state.zip) {
      return total === 1 ? t("1 clinic, nearest first, from your location.")
        : t("{count} clinics, nearest first, from your location.", values);
    }
    return total === 1 ? t("1 clinic, nearest first, from ZIP code {zip} ({place}).", values)
      : t("{count} clinics, nearest first, from ZIP code {zip} ({place}).", values);
  }

  function render() {
    var now = new Date();
    var rows = ordered(matching(filters(), now));
    var list = document.createDocumentFragment();
    rows.slice(0, state.shown).forEach(function (row) {
      try {
        list.appendChild(resultItem(row, now));
      } catch (error) {
        console.warn("Clinic finder: could not show " + row.clinic.slug + ": " + error.message);  // the others still show
      }
    });
    el.results.replaceChildren(list);
    el.results.hidden = rows.length === 0;
    el.more.hidden = rows.length <= state.shown;
    el.count.textContent = describeCount(rows.length);
    rememberInAddress();
  }

  // The results heading in view and focused, after the reader asked for the nearest clinics.
  function showResults() {
    el.count.focus({ preventScroll: true });
    el.count.scrollIntoView({ block: "start" });
  }

  // --- Where the reader is --------------------------------------------

  function showMessage(text) {
    el.message.textContent = text;
    el.zip.setAttribute("aria-invalid", text ? "true" : "false");
  }

  var zipTable = null;

  // The ZIP code table, loaded once, as a script so it also works from disk.
  function loadZipTable() {
    if (!zipTable) {
      zipTable = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root.getAttribute("data-zip-table");
        script.onload = function () { resolve(window.otFinderZips); };
        script.onerror = function () { zipTable = null; reject(new Error("the ZIP code table did not load")); };
        document.head.appendChild(script);
      });
    }
    return zipTable;
  }

  // Resolves to true when `code` is a known ZIP code, now the list's starting point.
  function useZip(code) {
    code = code.trim();
    if (!/^[0-9]{5}$/.test(code)) {
      showMessage(t("Please type a ZIP code of 5 numbers, like 92101."));
      return Promise.resolve(false);
    }
    return loadZipTable().then(function (table) {
      var place = table.zips[code];
      if (!place) {
        showMessage(t("We could not find ZIP code {zip} near our clinics. We list ZIP codes within 100 miles of a clinic. Check the number, or use your location.", { zip: code }));
        return false;
      }
      showMessage("");
      state.origin = { lat: place[0], lon: place[1] };
      state.zip = code;
      state.place = table.places[place[2]];
      return true;
    }, function () {
      showMessage(t("The ZIP code list could not be loaded. Please use your location instead."));
      return false;
    });
  }

  function locate() {
    if (!navigator.geolocation) {
      showMessage(t("This browser cannot share your location. Please type your ZIP code."));
      return;
    }
    el.count.textContent = t("Finding your location…");
    navigator.geolocation.getCurrentPosition(function (position) {
      showMessage("");
      el.zip.value = "";
      state.origin = { lat: position.coords.latitude, lon: position.coords.longitude };
      state.zip = "";
      state.place = "";
      state.shown = PAGE_SIZE;
      render();
      showResults();
    }, function () {
      showMessage(t("We could not get your location. Please type your ZIP code instead."));
      render();
    }, { timeout: 15000, maximumAge: 600000 });
  }

  // --- The address bar: ?zip=92101&service=hand-therapy ---------------

  var FIELDS = ["service", "language", "access"];

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var value = params.get(name);
      var select = el[name];
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    // Ticks only: a box the reader ticked before this script arrived (finder.html loads it on first use) stays ticked.
    if (params.get("open") === "1") el.open.checked = true;
    var credentials = params.getAll("credential");
    el.credentials.forEach(function (box) { if (credentials.indexOf(box.value) !== -1) box.checked = true; });
    if (params.get("zip")) {
      el.zip.value = params.get("zip");
      useZip(el.zip.value).then(function (known) { if (known) render(); });
    }
  }

  function rememberInAddress() {
    var params = new URLSearchParams();
    if (state.origin && el.zip.value) params.set("zip", el.zip.value.trim());
    FIELDS.forEach(function (name) { if (el[name].value) params.set(name, el[name].value); });
    if (el.open.checked) params.set("open", "1");
    chosenCredentials().forEach(function (id) { params.append("credential", id); });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (error) {
      // Some browsers refuse to change the address of a page opened from disk; the finder works without it.
    }
  }

  // --- Wiring ------------------------------------------------------------

  // Resolves to true once the list shows the clinics nearest a typed ZIP code, false for an unusable one.
  function searchZip() {
    return useZip(el.zip.value).then(function (known) {
      if (known) {
        state.shown = PAGE_SIZE;
        render();
      }
      return known;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    searchZip().then(function (known) { if (known) showResults(); });
  });
  el.locate.addEventListener("click", locate);
  [el.service, el.language, el.access, el.open].concat(el.credentials).forEach(function (control) {
    control.addEventListener("change", function () {
      state.shown = PAGE_SIZE;
      render();
    });
  });
  el.more.addEventListener("click", function () {
    var first = state.shown;
    state.shown += PAGE_SIZE;
    render();
    var next = el.results.children[first];
    if (next) next.querySelector("a").focus();  // keyboard users carry on where the new clinics start
  });

  form.hidden = false;
  el.byCity.hidden = true;
  el.count.hidden = false;
  el.count.tabIndex = -1;  // focusable by the script only, not a tab stop
  document.documentElement.classList.add("ot-finder-on");  // ot.css: the form's introduction, not the list's
  readAddress();
  render();

  // For the benchmark: what a ZIP code search does, and the table it loads first.
  window.otFinderSearch = searchZip;
  window.otFinderLoadZips = loadZipTable;
})();
