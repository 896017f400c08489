// The reading tools in Firefox ESR: text size (A, A+, A++) kept across pages and a reload, and
// "Listen to this page" with a stand-in speech engine (given as an init script) that records what it
// is asked; with an engine that has no voice, the button stays hidden.
// Argument: {"stub": js, "silent": js, "sites": [{"origin", "pages": {lang: [conditionUrl, otherUrl]}}]}.
// Prints {runs: [{origin, language, sizeBefore, sizeAfter, pressedAfter, pressedOnNext, pressedAfterReload,
//   listenShown, listenShownSilent, spoken: [{text, lang}], calls, title, menuText, errors, foreign}]}.
import {argument, main, open, settle, watchedPage} from './lib.mjs';

const pressed = page => page.evaluate(() =>
  [...document.querySelectorAll('.ot-tools__size[aria-pressed=true]')].map(b => b.textContent.trim()));
const bodyPx = page => page.evaluate(() =>
  parseFloat(getComputedStyle(document.querySelector('article p:not([class])')).fontSize));
const listenShown = page => page.evaluate(() => {
  const b = document.querySelector('.ot-tools__play');
  return !!b && b.getClientRects().length > 0;
});

async function run(browser, site, language, [condition, other], stub, silent) {
  const found = {origin: site.origin, language};
  const page = await watchedPage(browser, site.origin, {width: 390, height: 844});
  try {
    const script = await page.evaluateOnNewDocument(stub);
    await open(page, condition);
    await page.evaluate(() => { try { localStorage.clear(); } catch (e) {} });
    await settle(300);
    await open(page, condition);
    found.sizeBefore = await bodyPx(page);
    await page.click('.ot-tools__size[data-size="2"]');
    found.sizeAfter = await bodyPx(page);
    found.pressedAfter = await pressed(page);
    found.listenShown = await listenShown(page);
    found.title = await page.evaluate(() => document.querySelector('article h1').firstChild.textContent);
    found.menuText = await page.evaluate(() => {
      const article = document.querySelector('article').textContent.replace(/\s+/g, ' ');
      return [...document.querySelectorAll('.md-nav__link')].map(e => e.textContent.replace(/\s+/g, ' ').trim())
        .find(t => t.length > 8 && !article.includes(t)) || null;
    });
    await page.click('.ot-tools__play');
    await page.waitForFunction(() => window.otSpoken.length > 0);
    await page.click('.ot-tools__pause');
    await page.click('.ot-tools__pause');
    await page.click('.ot-tools__stop');
    found.spoken = await page.evaluate(() => window.otSpoken);
    found.calls = await page.evaluate(() => window.otSpeechCalls);
    await settle(300);  // let the page finish what it loads: a navigation would abort it
    await open(page, other);
    found.pressedOnNext = await pressed(page);
    await settle(300);  // let the page finish what it loads: a navigation would abort it
    await page.reload({waitUntil: 'load'});
    found.pressedAfterReload = await pressed(page);
    await page.removeScriptToEvaluateOnNewDocument(script.identifier);
    await page.evaluateOnNewDocument(silent);
    await settle(300);  // let the page finish what it loads: a navigation would abort it
    await open(page, condition);
    await settle(200);
    found.listenShownSilent = await listenShown(page);
    await page.evaluate(() => { try { localStorage.clear(); } catch (e) {} });
  } catch (error) {
    found.failed = String(error.message);
  }
  Object.assign(found, page.takeFindings());
  await page.close();
  return found;
}

await main(async browser => {
  const {stub, silent, sites} = argument();
  const runs = [];
  for (const site of sites) {
    for (const [language, pages] of Object.entries(site.pages)) runs.push(await run(browser, site, language, pages, stub, silent));
  }
  return {runs};
});
