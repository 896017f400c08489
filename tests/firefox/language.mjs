// The header's language links in Firefox ESR, at phone width, with nothing opened.
// Argument: {"sites": [{"origin", "pages": [url, ...]}], "viewport": {width, height}}.
// For each page: every header link with an hreflang (its text, lang, aria-current, box,
// whether it is seen: opaque and on top at its centre), then, for each link that is not
// the current language, where a click on it leads (URL and <html lang>).
// Prints {visits: [{origin, url, lang, links: [...], followed: [{hreflang, url, lang}]}]}.
import {argument, main, open, settle, watchedPage} from './lib.mjs';

function headerLinks(page) {
  return page.evaluate(() => [...document.querySelectorAll('header a[hreflang]')].map(a => {
    const r = a.getBoundingClientRect();
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    let opacity = 1;
    for (let e = a; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    return {text: a.textContent.trim(), hreflang: a.getAttribute('hreflang'), lang: a.getAttribute('lang'),
            current: a.getAttribute('aria-current'), width: r.width, height: r.height,
            seen: !!hit && a.contains(hit) && opacity > 0.9};
  }));
}

async function visit(page, origin, url) {
  const found = {origin, url, followed: []};
  try {
    await open(page, url);
    found.lang = await page.evaluate(() => document.documentElement.lang);
    found.links = await headerLinks(page);
    for (const link of found.links.filter(l => l.current !== 'true')) {
      await open(page, url);
      await Promise.all([page.waitForNavigation({waitUntil: 'load'}),
                         page.click(`header a[hreflang="${link.hreflang}"]`)]);
      await settle(200);
      found.followed.push({hreflang: link.hreflang, url: page.url(),
                           lang: await page.evaluate(() => document.documentElement.lang)});
    }
  } catch (error) {
    found.failed = String(error.message);
  }
  return {...found, ...page.takeFindings()};
}

await main(async browser => {
  const {sites, viewport} = argument();
  const visits = [];
  for (const site of sites) {
    const page = await watchedPage(browser, site.origin, viewport);
    for (const url of site.pages) visits.push(await visit(page, site.origin, url));
    await page.close();
  }
  return {visits};
});
