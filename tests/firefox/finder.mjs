// The clinic finder in Firefox ESR. Argument: {"sites": [{"origin", "url"}], "zip": "92103",
// "widths": [1280, 390]}. For each site and width: the form shows (JavaScript on), a ZIP
// code is typed and "Find clinics" is clicked, as a reader taps it.
// Prints {runs: [{origin, width, count, names, distances, focused, count_in_view, ...}]}.
import {DESKTOP, PHONE, argument, main, open, settle, watchedPage} from './lib.mjs';

/** What the finder shows after a search: the count line, the clinics in order, focus and scroll. */
function readFinder(page) {
  return page.evaluate(() => {
    const count = document.getElementById('ot-count');
    const box = count.getBoundingClientRect();
    const texts = selector => [...document.querySelectorAll(selector)].map(el => el.textContent.replace(/\s+/g, ' ').trim());
    return {
      count: count.textContent.replace(/\s+/g, ' ').trim(),
      count_tag: count.tagName.toLowerCase(),
      names: texts('#ot-results .ot-result__name'),
      distances: texts('#ot-results .ot-result__distance'),
      results_hidden: document.getElementById('ot-results').hidden,
      focused: document.activeElement && (document.activeElement.id || document.activeElement.tagName.toLowerCase()),
      count_in_view: box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight,
      zip_message: document.getElementById('ot-zip-message').textContent.trim(),
    };
  });
}

async function run(browser, site, zip, viewport) {
  const page = await watchedPage(browser, site.origin, viewport);
  const found = {origin: site.origin, width: viewport.width, zip};
  try {
    await open(page, site.url);
    await page.waitForSelector('#ot-finder:not([hidden])', {visible: true});
    await page.type('#ot-zip', zip);
    await page.click('#ot-finder button[type=submit]');
    await page.waitForFunction(z => document.getElementById('ot-count').textContent.includes(`from ZIP code ${z}`), {}, zip);
    await settle();  // focus and scrolling follow the list
    Object.assign(found, await readFinder(page));
  } catch (error) {  // reported, with what the page showed, instead of ending the script
    Object.assign(found, {failed: String(error.message), shown: await readFinder(page).catch(() => null)});
  }
  Object.assign(found, page.takeFindings());
  await page.close();
  return found;
}

await main(async browser => {
  const {sites, zip, widths = [DESKTOP.width, PHONE.width]} = argument();
  const runs = [];
  for (const site of sites) {
    for (const width of widths) runs.push(await run(browser, site, zip, width === PHONE.width ? PHONE : {...DESKTOP, width}));
  }
  return {runs};
});
