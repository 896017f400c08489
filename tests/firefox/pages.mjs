// Pages load in Firefox ESR with no console error, no page error and no request to
// another host. Argument: {"sites": [{"origin", "pages": [url, ...]}]}. Each page is
// loaded, left a moment for late errors, and scrolled to the end (lazy content).
// Prints {visits: [{origin, url, status, heading, shown_hidden, errors, foreign, requests}]}.
import {argument, headingOf, main, open, settle, watchedPage} from './lib.mjs';

/** Elements marked `hidden` that Firefox still displays (a class's `display` rule can override it). */
function shownHidden(page) {
  return page.evaluate(() => [...document.querySelectorAll('[hidden]')]
    .filter(el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0)
    .map(el => el.outerHTML.slice(0, 120)));
}

async function visit(page, origin, url) {
  const found = {origin, url};
  try {
    found.status = await open(page, url);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await settle();
    found.heading = await headingOf(page);
    found.shown_hidden = await shownHidden(page);
  } catch (error) {
    found.failed = String(error.message);
  }
  return {...found, ...page.takeFindings()};
}

await main(async browser => {
  const visits = [];
  for (const site of argument().sites) {
    const page = await watchedPage(browser, site.origin);
    for (const url of site.pages) visits.push(await visit(page, site.origin, url));
    await page.close();
  }
  return {visits};
});
