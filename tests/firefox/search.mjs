// Site search in Firefox ESR. Argument: {"sites": [{"origin", "home"}], "queries": [...],
// "phone_queries": [...], "open_first": "query whose first result is followed", "probes":
// {query: "JavaScript expression measured once that query's results show"}}. For each site,
// the queries are typed at desktop width, then the phone queries (default: the first one)
// on a phone, with search opened from the header button.
// Prints {runs: [{origin, width, query, meta, results, notice, probe, ...}]}.
import {DESKTOP, PHONE, STEP_MS, argument, headingOf, main, open, settle, watchedPage} from './lib.mjs';

const INPUT = 'input.md-search__input';

/** Open the search box, the way a reader does at this width, and wait for the index to load. */
async function openSearch(page, width) {
  if (width < 960) await page.click('label.md-header__button[for="__search"]');
  await page.click(INPUT);
  await page.waitForFunction(() => {
    const meta = document.querySelector('.md-search-result__meta');
    return meta && meta.textContent.trim() !== '' && meta.textContent.trim() !== 'Initializing search';
  });
}

/** Type `query` and wait until what the search shows has stopped changing for the whole query. */
async function search(page, query) {
  await page.click(INPUT, {count: 3});
  await page.keyboard.press('Backspace');
  await page.type(INPUT, query);
  const deadline = Date.now() + STEP_MS;
  let before = null;
  while (Date.now() < deadline) {
    await settle(300);
    const now = JSON.stringify(await page.evaluate(() => [
      document.querySelector('input.md-search__input').value,
      document.querySelector('.md-search-result__meta').textContent.trim(),
      document.querySelector('.md-search-result__list').innerHTML,
      document.querySelector('.ot-search-emergency')?.textContent]));
    const [value, meta] = JSON.parse(now);
    if (now === before && value === query && meta !== 'Type to start searching') return;
    before = now;
  }
  throw new Error(`the results for ${JSON.stringify(query)} did not settle within ${STEP_MS} ms`);
}

/** What the reader sees: the results' addresses in order and the emergency notice. */
function readResults(page) {
  return page.evaluate(() => {
    const notice = document.querySelector('.ot-search-emergency');
    const first = document.querySelector('.md-search-result__item');
    const box = notice && notice.getBoundingClientRect();
    return {
      meta: document.querySelector('.md-search-result__meta').textContent.trim(),
      results: [...document.querySelectorAll('.md-search-result__list > .md-search-result__item > a.md-search-result__link')]
        .slice(0, 5).map(a => a.href),
      notice: notice && {
        text: notice.textContent.replace(/\s+/g, ' ').trim(),
        role: notice.getAttribute('role'),
        shown: box.height > 0 && getComputedStyle(notice).visibility !== 'hidden',
        above_results: !!first && box.bottom <= first.getBoundingClientRect().top,
        links: [...notice.querySelectorAll('a')].map(a => a.href),
      },
    };
  });
}

/** Follow the first result; returns where it led and the page's heading. */
async function followFirst(page) {
  const link = await page.$('.md-search-result__list > .md-search-result__item > a.md-search-result__link');
  await Promise.all([page.waitForNavigation({waitUntil: 'load'}), link.click()]);
  return {url: page.url(), heading: await headingOf(page)};
}

/** Evaluate `expression` once the search panel has finished fading in. */
async function measure(page, expression) {
  await page.waitForFunction(() => document.getAnimations().every(a => a.playState === 'finished'));
  return page.evaluate(expression);
}

async function runSite(browser, site, spec) {
  const {queries, phone_queries: onPhone = queries.slice(0, 1), open_first: openFirst, probes = {}} = spec;
  const runs = [];
  for (const [viewport, list] of [[DESKTOP, queries], [PHONE, onPhone]]) {
    const page = await watchedPage(browser, site.origin, viewport);
    await open(page, site.home);
    await openSearch(page, viewport.width);
    for (const query of list) {
      const run = {origin: site.origin, width: viewport.width, query};
      try {
        await search(page, query);
        Object.assign(run, await readResults(page));
        if (probes[query]) run.probe = await measure(page, probes[query]);
        if (query === openFirst && viewport === DESKTOP) {
          run.followed = await followFirst(page);
          await settle();
          await open(page, site.home);
          await openSearch(page, viewport.width);
        }
      } catch (error) {  // reported, with what the page showed, instead of ending the script
        Object.assign(run, {failed: String(error.message), shown: await readResults(page).catch(() => null)});
      }
      runs.push({...run, ...page.takeFindings()});
    }
    await settle();
    const late = page.takeFindings();  // anything after the last read counts against the last query
    runs.at(-1).errors.push(...late.errors);
    runs.at(-1).foreign.push(...late.foreign);
    await page.close();
  }
  return runs;
}

await main(async browser => {
  const spec = argument();
  const runs = [];
  for (const site of spec.sites) runs.push(...await runSite(browser, site, spec));
  return {runs};
});
