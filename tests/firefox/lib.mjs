// Shared by the Firefox scripts: launch Debian's Firefox ESR over WebDriver
// BiDi (puppeteer-core never downloads a browser), watch a page for console
// errors, page errors and requests off the site (blocked), read the one JSON
// argument and print one JSON object of findings.
import puppeteer from 'puppeteer-core';

export const STEP_MS = 30_000;  // the longest any one step (load, wait, click) may take
const SCRIPT_MS = 240_000;      // the whole script; pytest's own timeout is longer
export const DESKTOP = {width: 1280, height: 900};
export const PHONE = {width: 390, height: 844};

/** The JSON object given as the script's only argument. */
export function argument() {
  if (process.argv.length !== 3) throw new Error(`usage: node ${process.argv[1]} '<json>'`);
  return JSON.parse(process.argv[2]);
}

/** Launch headless Firefox ESR once for the whole script. */
export async function launch() {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    protocolTimeout: STEP_MS * 2,
    // No background traffic of Firefox's own (captive portal, connectivity checks).
    extraPrefsFirefox: {'network.captive-portal-service.enabled': false, 'network.connectivity-service.enabled': false},
  });
}

/** A new tab whose console errors, page errors and foreign requests are recorded; foreign requests are blocked. */
export async function watchedPage(browser, origin, viewport = DESKTOP) {
  const page = await browser.newPage();
  page.setDefaultTimeout(STEP_MS);
  page.setDefaultNavigationTimeout(STEP_MS);
  await page.setViewport(viewport);
  const seen = {errors: [], foreign: [], requests: 0};
  const local = url => url.startsWith(origin) || /^(data|blob|about):/.test(url);
  page.on('console', message => { if (message.type() === 'error') seen.errors.push(message.text()); });
  page.on('pageerror', error => seen.errors.push(String(error && error.message || error)));
  await page.setRequestInterception(true);
  page.on('request', request => {
    if (request.isInterceptResolutionHandled()) return;
    seen.requests += 1;  // proof that requests are seen at all (Firefox reports none for file:// URLs)
    if (local(request.url())) return request.continue();
    seen.foreign.push(request.url());
    return request.abort('blockedbyclient');
  });
  /** What the page did since the last call (then starts afresh). */
  page.takeFindings = () => {
    const found = {errors: [...seen.errors], foreign: [...seen.foreign], requests: seen.requests};
    seen.errors.length = 0;
    seen.foreign.length = 0;
    seen.requests = 0;
    return found;
  };
  return page;
}

/** Let late errors and requests of a loaded page arrive before reading the findings. */
export function settle(ms = 500) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Load `url`; returns the HTTP status (null over file://, where there is none). */
export async function open(page, url) {
  const response = await page.goto(url, {waitUntil: 'load'});
  return response ? response.status() : null;
}

/** The page's main heading as a reader sees it (without the "¶" anchor link), or null. */
export function headingOf(page) {
  return page.evaluate(() => {
    const heading = document.querySelector('article h1');
    if (!heading) return null;
    const copy = heading.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(link => link.remove());
    return copy.textContent.replace(/\s+/g, ' ').trim();
  });
}

/** Run `work(browser)` with one browser, print its findings as one JSON object, always close the browser. */
export async function main(work) {
  const started = Date.now();
  const watchdog = setTimeout(() => { console.error(`gave up after ${SCRIPT_MS} ms`); process.exit(3); }, SCRIPT_MS);
  const browser = await launch();
  try {
    const findings = await work(browser);
    process.stdout.write(JSON.stringify({browser: await browser.version(), ms: Date.now() - started, ...findings}) + '\n');
  } finally {
    clearTimeout(watchdog);
    await browser.close();
  }
}
