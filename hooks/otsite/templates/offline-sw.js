/* The hosted site's service worker, written by the build (hooks/offline_app_hook.py).
 * Installing it downloads nothing: the guide is saved only when the reader presses
 * "Save this guide for offline reading" (a message from assets/javascripts/offline-app.js).
 * Every request to this site goes to the network first, so an online reader always
 * gets the published pages; with no network, the saved copy (or a page visited
 * before) answers, and a page that is not saved gets the friendly offline page.
 * A new build has a new id: its worker refreshes a saved guide while it installs,
 * deletes the old caches and tells open pages that the guide was updated.
 * One worker saves the whole guide, every language: it is the site root's build's (scope ./),
 * and every language's pages register it. The other languages are built apart (es/ by
 * mkdocs-es.yml, after or before this file is written), so their file lists are not in this
 * file: saving reads each one's offline-manifest.json (OT.folders) and keeps its list in the
 * saved state, so a restarted worker still finds those files with no network. Workbox ends
 * every cache name with the worker's scope, and a worker only reads or deletes its own. */
// Everything this build knows, as one JSON value written by the build (otsite/precache.py):
// {build, date, imports, workbox, files, clinics, folders}. The rest of this file is fixed.
const OT = __OT_DATA__;
// Workbox's loader and every module used below, all verified vendored files (otsite/vendored.py),
// imported now: the loader then never fetches a script of its own choosing.
importScripts(...OT.imports);
workbox.setConfig({modulePathPrefix: OT.workbox, debug: false});

const CONFIG = {build: OT.build, date: OT.date};
const FILES = OT.files;
// Every clinic page, when not all fit the save budget: the reader's page picks the ones
// nearest a ZIP code, and the saved state remembers which (empty when all are in FILES).
const CLINICS = OT.clinics;
// Workbox loads a module the first time it is named, which a worker may do only now.
const {core, precaching, routing, strategies} = workbox;

core.setCacheNameDetails({prefix: 'ot-guide', precache: 'precache-' + CONFIG.build, runtime: 'runtime-' + CONFIG.build});
const SAVED = core.cacheNames.precache;
const VISITED = core.cacheNames.runtime;
const STATE = new URL('__ot-offline-state', self.registration.scope).href;
// Each language's folder under the scope ("" for the root's own, "es/"), longest first: a request's
// language is the first whose folder its address starts with (its offline page answers for it).
const FOLDERS = [...OT.folders, ''].sort((a, b) => b.length - a.length);
// The other languages' saved files, {url: cache key}, from the saved state or a save (not Workbox's list:
// a language built again with the same root build gives a file a new revision, which that list refuses).
let others = new Map();
// "ot-guide-<kind>-<build>-<scope>": this worker's caches of one kind ("precache-", "runtime-", or "" for all).
function ours(name, kind = '') {
  return name.startsWith('ot-guide-' + kind) && name.endsWith('-' + self.registration.scope);
}
const saving = new precaching.PrecacheController();
saving.addToCacheList(FILES);

// Lists the chosen clinic pages (by URL) with this build's revisions; returns the URLs it knows.
function addChosen(urls) {
  const known = new Map(CLINICS.map((entry) => [entry.url, entry]));
  const entries = (urls || []).map((url) => known.get(url)).filter(Boolean);
  saving.addToCacheList(entries);
  return entries.map((entry) => entry.url);
}

async function stateIn(cacheName) {
  if (!(await caches.has(cacheName))) return null;  // opening a cache would make an empty one
  const response = await (await caches.open(cacheName)).match(STATE);
  return response ? response.json() : null;
}

// The state of a guide saved by an earlier build, if the reader saved one.
async function savedBefore() {
  for (const name of await caches.keys()) {
    if (ours(name, 'precache-') && name !== SAVED) {
      const state = await stateIn(name);
      if (state && state.saved) return state;
    }
  }
  return null;
}

async function fetchForSaving(url) {
  const response = await fetch(url, {cache: 'no-cache', credentials: 'same-origin'});
  if (!response.ok) throw new Error(url + ' answered ' + response.status);
  // A redirected response cannot answer a navigation: keep its body and headers only.
  return response.redirected ? new Response(await response.blob(), {headers: response.headers}) : response;
}

// The clinic pages and other languages' files a reader saved, listed again after the browser restarts this worker.
let chosenReady = null;
function chosenLoaded() {
  if (!chosenReady) chosenReady = stateIn(SAVED).then((state) => {
    if (state) { addChosen(state.clinics); others = keysOf(state.others || []); }
  }).catch(() => {});
  return chosenReady;
}

// Workbox's key for a listed file: its address with its revision, as the precache list keys it.
function keyOf(url, revision) {
  const key = new URL(url, self.location.href);
  key.searchParams.set('__WB_REVISION__', revision);
  return key.href;
}

function keysOf(entries) {
  return new Map(entries.map((entry) => [new URL(entry.url, self.location.href).href, keyOf(entry.url, entry.revision)]));
}

function keyFor(url) {
  return saving.getCacheKeyForURL(url) || others.get(url);
}

// Every other language's files, from its own build's offline-manifest.json, as {url, revision} under the
// scope; with a chosen area, its own pages of the same clinics (clinic pages have the same path in each language).
async function otherLanguages(area) {
  const entries = [];
  const builds = {};
  for (const folder of OT.folders) {
    const response = await fetch(folder + 'offline-manifest.json', {cache: 'no-cache', credentials: 'same-origin'});
    if (response.status === 404) continue;  // a language not published with this site: the guide is saved without it
    if (!response.ok) throw new Error(folder + 'offline-manifest.json answered ' + response.status);
    const summary = await response.json();
    const chosen = new Set(area ? area.clinics : []);
    const files = summary.entries.concat((summary.clinics || []).filter((entry) => chosen.has(entry.url)));
    files.forEach((entry) => entries.push({url: folder + entry.url, revision: entry.revision}));
    builds[folder] = summary.build;
  }
  return {entries, builds, folders: Object.keys(builds)};
}

// Saves every listed file under its revisioned key; a file an older saved copy holds
// with the same revision (the same bytes) is copied, not downloaded again.
// `area` (chosen clinic pages, their ZIP code and distance) is kept in the saved state.
async function save(progress, updated = false, area = null) {
  const cache = await caches.open(SAVED);
  const languages = await otherLanguages(area);
  const otherKeys = keysOf(languages.entries);
  const todo = [...saving.getURLsToCacheKeys(), ...otherKeys];
  const total = todo.length;
  let done = 0;
  let failure = null;
  async function worker() {
    while (todo.length && !failure) {
      const [url, key] = todo.shift();
      try {
        if (!(await cache.match(key))) {
          const copy = await caches.match(key);
          await cache.put(key, copy || await fetchForSaving(url));
        }
      } catch (error) {
        failure = failure || error;
        return;
      }
      done += 1;
      progress(done, total);
    }
  }
  // Every download stops before the failure is told: no progress may come after it.
  await Promise.all([worker(), worker(), worker(), worker()]);
  if (failure) throw failure;
  others = otherKeys;
  // version: this build and every other language's, so a page tells an update of any language once.
  const state = {saved: true, updated, build: CONFIG.build, date: CONFIG.date, folders: ['', ...languages.folders],
    builds: languages.builds, others: languages.entries, version: [CONFIG.build, ...Object.values(languages.builds)].join('+')};
  if (area) Object.assign(state, {clinics: area.clinics, zip: area.zip, miles: area.miles});
  await cache.put(STATE, new Response(JSON.stringify(state), {headers: {'Content-Type': 'application/json'}}));
  await forgetUnlisted(cache, new Set([...saving.getURLsToCacheKeys().values(), ...otherKeys.values(), STATE]));
  return state;
}

// A language saved again under the same cache (built anew while the root's build stayed the same)
// leaves its old revisions behind: they go.
async function forgetUnlisted(cache, wanted) {
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
}

// Pages a reader opened that the save leaves out (clinic pages past the budget) are kept
// in the cache of visited pages; a new build fetches them again before the old cache goes.
async function refreshVisited() {
  const visited = await caches.open(VISITED);
  for (const name of await caches.keys()) {
    if (!ours(name, 'runtime-') || name === VISITED) continue;
    for (const request of await (await caches.open(name)).keys()) {
      const url = new URL(request.url);
      if (!url.pathname.endsWith('/') || keyFor(url.href)) continue;
      try {
        const response = await fetch(url.href, {cache: 'no-cache', credentials: 'same-origin'});
        if (response.ok && !response.redirected) await visited.put(url.href, response);
      } catch (error) { /* gone or unreachable: the offline page answers for it */ }
    }
  }
}

async function deleteOldCaches() {
  const current = [SAVED, VISITED];
  for (const name of await caches.keys()) {
    if (ours(name) && !current.includes(name)) await caches.delete(name);
  }
}

async function tellPages(message) {
  for (const client of await self.clients.matchAll({type: 'window', includeUncontrolled: true})) client.postMessage(message);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const before = await savedBefore();
    if (before) {  // a saved guide is refreshed before this build takes over, with the same chosen area
      const area = before.clinics ? {clinics: addChosen(before.clinics), zip: before.zip, miles: before.miles} : null;
      await save(() => {}, true, area);
      await refreshVisited();
    }
    await self.skipWaiting();
  })());
});

// Pages see this worker as their controller as soon as it starts activating: a status question waits
// until the old caches are gone, so "updated" is never said while they are still there.
// A worker the browser started again after its activation has nothing to wait for.
let activationDone = () => {};
const activated = new Promise((resolve) => { activationDone = resolve; });
if (!self.serviceWorker || self.serviceWorker.state === 'activated') activationDone();
self.addEventListener('activate', (event) => {
  const activating = (async () => {
    const before = await savedBefore();
    await deleteOldCaches();
    await self.clients.claim();
    const now = await stateIn(SAVED);
    if (before && before.build !== CONFIG.build) await tellPages({type: 'ot-updated', date: CONFIG.date, build: now ? now.version : CONFIG.build, scope: self.registration.scope});
  })();
  event.waitUntil(activating.finally(activationDone));
});

// Another language published again while this file stayed the same (each language is its own build):
// the browser sees no new worker, so a page's status question, online, has its manifest checked and,
// when its build changed, the saved guide saved again (unchanged files copied) and the pages told.
let refreshing = null;
async function refreshOtherLanguages() {
  const newer = () => self.registration.installing || self.registration.waiting;  // a new worker saves it all anyway
  const state = await stateIn(SAVED);
  if (!state || !state.saved || !state.builds || newer()) return;
  let changed = false;
  for (const folder of OT.folders) {
    try {
      const response = await fetch(folder + 'offline-manifest.json', {cache: 'no-cache', credentials: 'same-origin'});
      if (response.ok && (await response.json()).build !== state.builds[folder]) changed = true;
    } catch (error) { return; }  // offline: the saved copy stays as it is
  }
  if (!changed || newer()) return;
  await chosenLoaded();
  const area = state.clinics ? {clinics: state.clinics, zip: state.zip, miles: state.miles} : null;
  const saved = await save(() => {}, true, area);
  await tellPages({type: 'ot-updated', date: saved.date, build: saved.version, scope: self.registration.scope});
}

self.addEventListener('message', (event) => {
  const port = event.ports[0];
  if (!port || !event.data) return;
  if (event.data.type === 'ot-status') {
    event.waitUntil(activated.catch(() => {}).then(() => stateIn(SAVED)).then((state) => port.postMessage({type: 'ot-status', state, date: CONFIG.date})));
    if (!refreshing) refreshing = refreshOtherLanguages().catch(() => {}).finally(() => { refreshing = null; });
    event.waitUntil(refreshing);
  } else if (event.data.type === 'ot-save') {
    const area = event.data.area;
    if (area) area.clinics = addChosen(area.clinics);
    event.waitUntil(save((done, total) => port.postMessage({type: 'ot-progress', done, total}), false, area)
      .then((state) => port.postMessage({type: 'ot-saved', state}))
      .catch((error) => port.postMessage({type: 'ot-failed', error: String(error), full: error.name === 'QuotaExceededError'})));
  }
});

// The saved copy of a URL: pages are listed by their folder ("conditions/stroke/").
async function fromSaved(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  const candidates = [url.href];
  if (url.pathname.endsWith('/index.html')) candidates.push(url.href.slice(0, -'index.html'.length));
  else if (!url.pathname.endsWith('/') && !url.pathname.split('/').pop().includes('.')) candidates.push(url.href + '/');
  await chosenLoaded();
  const cache = await caches.open(SAVED);
  for (const candidate of candidates) {
    const key = keyFor(candidate);
    const response = key && await cache.match(key);
    if (response) return response;
  }
  return null;
}

// The offline page of the request's language answers for any URL: a <base> keeps its relative links
// and styles pointing where they do at <language>/offline/, however deep the URL that was asked for.
function offlinePageFor(url) {
  const path = url.slice(self.registration.scope.length);
  const folder = FOLDERS.find((candidate) => path.startsWith(candidate));
  return new URL(folder + 'offline/', self.registration.scope).href;
}

async function offlinePage(request) {
  const address = offlinePageFor(request.url);
  const saved = await fromSaved(new Request(address));
  if (saved) {
    const text = (await saved.text()).replace(/<head>/i, '<head><base href="' + address + '">');
    return new Response(text, {status: 503, headers: {'Content-Type': 'text/html; charset=utf-8'}});
  }
  const page = '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<title>You are offline</title><body style="font:1.125rem/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#000;background:#fff">' +
    '<h1>You are offline</h1><p>This page is not saved on this device. Connect to the internet and try again.</p>' +
    '<p>In an emergency, call 911.</p><p><a href="' + self.registration.scope + '">Go to the home page</a></p></body></html>';
  return new Response(page, {status: 503, headers: {'Content-Type': 'text/html; charset=utf-8'}});
}

const offlineAnswer = {
  handlerDidError: async ({request}) => (await fromSaved(request)) || (request.mode === 'navigate' ? offlinePage(request) : undefined),
};
const networkFirst = new strategies.NetworkFirst({cacheName: VISITED, networkTimeoutSeconds: 8, plugins: [offlineAnswer]});

// Only this site's own GET requests; any other origin is left to the browser, never cached.
routing.registerRoute(({url, request}) => request.method === 'GET' && url.origin === self.location.origin &&
  url.href.startsWith(self.registration.scope), networkFirst);
