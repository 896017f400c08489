/* "Save this guide for offline reading" on the hosted site (hooks/offline_app_hook.py adds
 * its flag, <meta name="ot-offline-app">, and a small loader to the hosted build only: the loader
 * adds this script once the reader has saved the guide, and on a page with the control once the
 * reader scrolls near it; so this may run after the page has loaded).
 * It registers the service worker (sw.js) only when the reader presses the save button,
 * and tells the reader when a saved guide was updated. Its texts are in the page's language
 * (t() below; ot-strings.js holds the translations). */
(function () {
  'use strict';
  var flag = document.querySelector('meta[name="ot-offline-app"]');
  if (!flag || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  var root = new URL(flag.content, document.baseURI);  // this language's guide
  // The whole site's root: its one service worker saves and serves every language (hooks/offline_app_hook.py).
  var site = new URL(flag.getAttribute('data-site') || flag.content, document.baseURI);
  if (!document.querySelector('link[href$="offline-app.css"]')) {  // loaded by a page without the control
    var style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('assets/stylesheets/offline-app.css', root).href;
    document.head.appendChild(style);
  }

  // ot.js's t() and otLocale(), looked up when called: on a page without the control this
  // script is loaded by a small inline check and may run before ot.js; English then.
  function t(english, values) {
    if (window.otT) return window.otT(english, values);
    return english.replace(/\{(\w+)\}/g, function (whole, name) { return values && name in values ? String(values[name]) : whole; });
  }
  function locale() {
    return window.otLocale ? window.otLocale() : 'en-US';
  }
  function number(value, digits) {
    return new Intl.NumberFormat(locale(), {minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0}).format(value);
  }

  function longDate(iso) {
    var parts = String(iso || '').split('-').map(Number);
    if (parts.length !== 3 || parts.some(isNaN)) return String(iso || '');
    return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]))
      .toLocaleDateString(locale(), {year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC'});
  }

  function megabytes(bytes) {
    var mb = bytes / 1000000;
    return number(mb, mb < 10 ? 1 : 0) + ' MB';
  }

  // Asks the active service worker something; answers come back on a private channel.
  function ask(worker, message, onAnswer) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) { onAnswer(event.data); };
    worker.postMessage(message, [channel.port2]);
  }

  // A live region made at load, so the browser announces the text put in it later.
  var notice = document.createElement('div');
  notice.className = 'ot-update-notice';
  notice.setAttribute('role', 'status');
  notice.setAttribute('aria-live', 'polite');
  // Below the page's title, and below an emergency notice, which stays the first thing read.
  var anchor = document.querySelector('article .ot-emergency') || document.querySelector('article h1');
  if (anchor) anchor.insertAdjacentElement('afterend', notice);
  else document.body.insertBefore(notice, document.body.firstChild);

  var SEEN = 'ot-guide-update-seen';
  function remember(build) {
    try { localStorage.setItem(SEEN, build); } catch (error) { /* storage off: the notice may show again */ }
  }
  function seen(build) {
    try { return localStorage.getItem(SEEN) === build; } catch (error) { return false; }
  }
  function tellUpdated(date, build) {
    notice.textContent = t('This guide was updated on {date}. The pages saved on this device now show the new version.',
      {date: longDate(date)});
    remember(build);
    document.dispatchEvent(new CustomEvent('ot-guide-updated'));
  }

  navigator.serviceWorker.addEventListener('message', function (event) {
    if (event.data && event.data.type === 'ot-updated' && event.data.scope === site.href) tellUpdated(event.data.date, event.data.build);
  });
  // The worker already installed for this site, if the reader saved the guide before: the one at the site's root.
  function installed() {
    return navigator.serviceWorker.getRegistration(site.href)
      .then(function (registration) { return registration && registration.active && registration.scope === site.href ? registration.active : null; })
      .catch(function () { return null; });
  }

  // An update that finished while no page was open is told on the next page the reader opens; one
  // that takes over while this page loads (its message may reach the page being left) when it does.
  function askIfUpdated() {
    installed().then(function (worker) {
      if (!worker) return;
      ask(worker, {type: 'ot-status'}, function (answer) {
        var state = answer.state;
        if (state && state.updated && !seen(state.version || state.build)) tellUpdated(state.date, state.version || state.build);
      });
    });
  }
  askIfUpdated();
  navigator.serviceWorker.addEventListener('controllerchange', askIfUpdated);

  var control = document.querySelector('.ot-save-offline');
  if (control) setUpControl(control);

  function setUpControl(box) {
    var button = box.querySelector('.ot-save-offline__button');
    var size = box.querySelector('.ot-save-offline__size');
    var status = box.querySelector('.ot-save-offline__status');
    button.textContent = t('Save this guide for offline reading');  // the control's HTML is English (hooks/offline_app_hook.py)

    var area = null;  // above the save budget: the ZIP code field and what it picked
    var EARTH_RADIUS_MILES = 3958.8;

    function areaText(count, zip, miles) {
      var values = {count: number(count), zip: zip, miles: number(miles, miles < 10 ? 1 : 0)};
      return count === 1 ? t('It saves the 1 clinic nearest ZIP {zip} (within {miles} miles).', values)
        : t('It saves the {count} clinics nearest ZIP {zip} (within {miles} miles).', values);
    }

    // [{name, folder}] of every language the guide has, in the site's order; each gets its manifest (bytes) once loaded.
    var languages = JSON.parse(box.getAttribute('data-languages') || '[]');
    function listed(names) {
      return window.Intl && Intl.ListFormat ? new Intl.ListFormat(locale(), {type: 'conjunction'}).format(names) : names.join(', ');
    }

    function showSaved(state) {
      // A guide saved before it held every language names only this one's.
      var folders = state.folders || languages.filter(function (language) { return language.own; }).map(function (language) { return language.folder; });
      var saved = languages.filter(function (language) { return folders.indexOf(language.folder) >= 0 && language.summary; });
      var bytes = saved.reduce(function (sum, language) { return sum + language.summary.bytes; }, 0);
      status.textContent = t('Saved: {languages}, {size}. Updated {date}.', {
        languages: listed(saved.map(function (language) { return language.name; })), size: megabytes(bytes), date: longDate(state.date)}) +
        (state.zip && state.clinics ? ' ' + areaText(state.clinics.length, state.zip, state.miles) : '');
      button.textContent = t('Saved on this device');
      button.disabled = true;
      if (area) area.input.disabled = true;
    }

    function refresh() {
      installed().then(function (worker) {
        if (!worker) return;
        ask(worker, {type: 'ot-status'}, function (answer) {
          if (answer.state && answer.state.saved) showSaved(answer.state);
        });
      });
    }

    function failed(full) {
      status.textContent = full === true
        ? t('The guide could not be saved: this device is short of space. Free some space and try again.')
        : t('The guide could not be saved. Check your internet connection and try again.');
      button.disabled = false;
    }

    // Every language's offline-manifest.json: a language whose build is not there is left out of what is said.
    function summaries() {
      return Promise.all(languages.map(function (language) {
        var folder = new URL(language.folder, site).href;
        language.own = folder === root.href;
        return fetch(new URL('offline-manifest.json', folder).href, {cache: 'no-cache'})
          .then(function (response) { return response.ok ? response.json() : null; })
          .catch(function () { return null; })
          .then(function (summary) { language.summary = summary; });
      }));
    }

    summaries()
      .then(function () {
        var own = languages.filter(function (language) { return language.own && language.summary; })[0];
        if (!own) throw new Error('no summary');
        var data = own.summary;
        var found = languages.filter(function (language) { return language.summary; });
        var text = t('Save the whole guide for offline reading, in {languages} (about {size}). It downloads once; use Wi-Fi if your data plan is small.',
          {languages: listed(found.map(function (language) { return language.name; })),
            size: megabytes(found.reduce(function (sum, language) { return sum + language.summary.bytes; }, 0))});
        if (data.clinics) {
          text += ' ' + t('There are too many clinic pages to save them all. The clinic finder works for all {count} clinics; choose a ZIP code to save the pages of the clinics nearest it.',
            {count: number(data.clinic_pages)});
          area = askForArea(data);
        } else if (data.saved_clinic_pages < data.clinic_pages) {
          text += ' ' + t('It saves {saved} of the {total} clinic pages. The clinic finder works for all of them, and a clinic page you open while online is kept too.',
            {saved: number(data.saved_clinic_pages), total: number(data.clinic_pages)});
        }
        size.textContent = text;
        box.hidden = false;
        refresh();
      })
      .catch(function () { /* no summary: the control stays hidden */ });

    document.addEventListener('ot-guide-updated', refresh);

    // "Save clinics near: [ZIP]", above the button. Nothing in the finder remembers a ZIP code, so the reader types one.
    function askForArea(data) {
      var row = document.createElement('p');
      var label = document.createElement('label');
      label.htmlFor = 'ot-save-zip';
      label.textContent = t('Save clinics near:') + ' ';
      var input = document.createElement('input');
      input.id = 'ot-save-zip';
      input.className = 'ot-save-offline__zip';
      input.inputMode = 'numeric';
      input.autocomplete = 'postal-code';
      input.maxLength = 5;
      row.appendChild(label);
      row.appendChild(input);
      button.parentNode.parentNode.insertBefore(row, button.parentNode);
      return {data: data, input: input};
    }

    // Loads one of the finder's data scripts (the same files the finder uses) unless it is loaded.
    function loadScript(path, name) {
      if (window[name]) return Promise.resolve(window[name]);
      return new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = new URL(path, root).href;
        script.onload = function () { return window[name] ? resolve(window[name]) : reject(new Error(path)); };
        script.onerror = function () { reject(new Error(path + ' did not load')); };
        document.head.appendChild(script);
      });
    }

    function milesBetween(lat1, lon1, lat2, lon2) {
      var rad = Math.PI / 180;
      var a = Math.pow(Math.sin((lat2 - lat1) * rad / 2), 2) +
        Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin((lon2 - lon1) * rad / 2), 2);
      return 2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(a));
    }

    // Resolves to {zip, clinics: [url, ...], miles} for the clinic pages nearest the typed ZIP code that fit
    // the room left, or rejects with a message for the reader.
    function pickArea() {
      var zip = area.input.value.trim();
      if (!/^[0-9]{5}$/.test(zip)) return Promise.reject(new Error(t('Please type a ZIP code of 5 numbers, like 92101.')));
      return Promise.all([loadScript('assets/javascripts/finder-data.js', 'otFinder'),
        loadScript('assets/javascripts/finder-zips.js', 'otFinderZips')]).then(function (loaded) {
        var place = loaded[1].zips[zip];
        if (!place) throw new Error(t('We could not find ZIP code {zip} near our clinics. Check the number and try again.', {zip: zip}));
        var pages = {};
        area.data.clinics.forEach(function (page) { pages[page.slug] = page; });
        var rows = loaded[0].clinics.filter(function (clinic) { return pages[clinic.slug]; }).map(function (clinic) {
          return {page: pages[clinic.slug], miles: milesBetween(place[0], place[1], clinic.lat, clinic.lon)};
        }).sort(function (a, b) { return a.miles - b.miles; });
        var room = area.data.room;
        var chosen = {zip: zip, clinics: [], miles: 0};
        for (var i = 0; i < rows.length && rows[i].page.size <= room; i += 1) {
          room -= rows[i].page.size;
          chosen.clinics.push(rows[i].page.url);
          chosen.miles = rows[i].miles;
        }
        return chosen;
      }, function () { throw new Error(t('The ZIP code list could not be loaded. Check your internet connection and try again.')); });
    }

    button.addEventListener('click', function () {
      button.disabled = true;
      if (!area) return save(null);
      pickArea().then(save, function (error) {
        status.textContent = error.message;
        button.disabled = false;
        area.input.focus();
      });
    });

    function save(chosen) {
      if (chosen) size.textContent = areaText(chosen.clinics.length, chosen.zip, chosen.miles);
      status.textContent = t('Saving… {percent}%', {percent: number(0)});
      // Asks the browser not to clear the saved guide when the device runs short of space.
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      // Only now is the service worker fetched: a reader who never saves downloads none of it.
      navigator.serviceWorker.register(new URL('sw.js', site).href, {scope: site.href})
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (registration) {
          ask(registration.active, {type: 'ot-save', area: chosen}, function (answer) {
            if (answer.type === 'ot-progress') {
              status.textContent = t('Saving… {percent}%', {percent: number(Math.floor(100 * answer.done / answer.total))});
            } else if (answer.type === 'ot-saved') {
              showSaved(answer.state);
            } else if (answer.type === 'ot-failed') {
              failed(answer.full);
            }
          });
        })
        .catch(failed);
    }
  }
}());
