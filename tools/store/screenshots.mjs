#!/usr/bin/env node
// The store images, made from the BUILT extension (dist/chrome; run `make build` first):
//
//   node tools/store/screenshots.mjs [OUT_DIR]        (default out/store/screenshots/)
//
// * screenshot-<lang>-<level>.png, 1280×800 (the size both stores take): each warning
//   level (notice, warning, danger) in each language (en, hi, mr), on the practice
//   Messenger pages of the end-to-end harness (tests/e2e/lib/) served as
//   www.facebook.com with Facebook's CSP, the language set in the extension's settings
//   through chrome.storage, as the options page does;
// * promo-tile-440x280.png and promo-marquee-1400x560.png, from store/promo/tile.html;
// * shots.json: what was on the page when each picture was taken (the banner's level
//   and `lang`, read from its host element), for tests/e2e/store-assets.test.mjs.
//
// `make store-assets` runs this and copies the pictures into store/screenshots/ and
// store/promo/ (see store/README.md).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  REPO_ROOT, OUT_DIR, DIST_CHROME, startServer, launchChromium, closeBrowser, openFixture,
  evaluateInExtension, waitForBanner, pageErrors,
} from '../../tests/e2e/lib/index.mjs';

export const LANGS = ['en', 'hi', 'mr'];
/** The practice threads of tests/fixtures/routes.json, one per level (as tools/demo.mjs). */
export const LEVELS = [
  { level: 'notice', path: '/messages/t/100090000000501' },
  { level: 'warning', path: '/messages/t/100090000000502' },
  { level: 'danger', path: '/messages/t/100090000000503' },
];
export const SCREEN = { width: 1280, height: 800 };
export const PROMOS = [
  { name: 'promo-tile-440x280.png', width: 440, height: 280 },
  { name: 'promo-marquee-1400x560.png', width: 1400, height: 560 },
];
export const DEFAULT_OUT = path.join(OUT_DIR, 'store', 'screenshots');
export const TILE_HTML = path.join(REPO_ROOT, 'store', 'promo', 'tile.html');
/** Presentation-only styles that make the practice page look like a chat window (see the file). */
const PAGE_LOOK = fs.readFileSync(new URL('./page-look.css', import.meta.url), 'utf8');

/** The family member shown on the danger warning's call button (a made-up number). */
const FAMILY = { en: 'Rahul', hi: 'राहुल', mr: 'राहुल' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const screenshotName = (lang, level) => `screenshot-${lang}-${level}.png`;

/** Every file the script makes, in order. */
export function expectedFiles() {
  return [
    ...LANGS.flatMap((lang) => LEVELS.map(({ level }) => ({ file: screenshotName(lang, level), lang, level, ...SCREEN }))),
    ...PROMOS.map((p) => ({ file: p.name, width: p.width, height: p.height })),
  ];
}

/** Fresh extension storage with only the settings: no contact, warning or log of an earlier page. */
async function resetWithLanguage(browser, lang) {
  const settings = {
    version: 2, language: lang, region: 'india',
    trusted_contact: { name: FAMILY[lang], phone: '+91 98765 43210' },
  };
  await evaluateInExtension(browser, async (s) => {
    await chrome.storage.local.clear();
    await chrome.storage.local.set({ settings: s });
  }, settings);
}

/** What the banner's host says: {level, lang} of every Saavdhan banner on the page. */
function bannerFacts(page) {
  return page.$$eval('[data-saavdhan-level]', (els) => els.map((e) => ({
    level: e.getAttribute('data-saavdhan-level'), lang: e.getAttribute('lang'),
  })));
}

async function shootWarnings(browser, out, log) {
  const shots = [];
  for (const lang of LANGS) {
    await resetWithLanguage(browser, lang);
    for (const { level, path: urlPath } of LEVELS) {
      const page = await openFixture(browser, urlPath);
      try {
        await page.setViewport({ ...SCREEN, deviceScaleFactor: 1 });
        await waitForBanner(page, { level, timeout: 30_000 });
        // Wait until the banner speaks the chosen language, then let its layout settle.
        await page.waitForFunction((lvl, l) => [...document.querySelectorAll('[data-saavdhan-level]')]
          .some((e) => e.getAttribute('data-saavdhan-level') === lvl && e.getAttribute('lang') === l),
        { timeout: 10_000, polling: 100 }, level, lang).catch(() => {});
        await page.addStyleTag({ content: PAGE_LOOK });
        // The latest messages (what the warning is about) in view below the banner.
        await page.evaluate(() => { for (const g of document.querySelectorAll('[role="grid"]')) g.scrollTop = g.scrollHeight; });
        await sleep(400);
        const banners = await bannerFacts(page);
        const file = screenshotName(lang, level);
        await page.screenshot({ path: path.join(out, file), type: 'png' });
        const errors = pageErrors(page);
        shots.push({ file, lang, level, banners, pageErrors: errors });
        log(`${file}: banners ${JSON.stringify(banners)}`);
      } finally {
        await page.close().catch(() => {});
      }
    }
  }
  return shots;
}

async function shootPromos(browser, out, log) {
  if (!fs.existsSync(TILE_HTML)) throw new Error(`missing ${TILE_HTML}`);
  const made = [];
  for (const p of PROMOS) {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: p.width, height: p.height, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(TILE_HTML).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: path.join(out, p.name), type: 'png' });
      made.push({ file: p.name, width: p.width, height: p.height });
      log(`${p.name}`);
    } finally {
      await page.close().catch(() => {});
    }
  }
  return made;
}

/** Makes every picture into `out`; returns the record also written to out/shots.json. */
export async function makeStoreImages(out = DEFAULT_OUT, { log = console.log } = {}) {
  if (!fs.existsSync(path.join(DIST_CHROME, 'manifest.json'))) {
    throw new Error(`no built extension in ${DIST_CHROME}: run \`make build\` first`);
  }
  fs.mkdirSync(out, { recursive: true });
  const server = await startServer();
  let browser = null;
  try {
    browser = await launchChromium({ server });
    const screenshots = await shootWarnings(browser, out, log);
    const promos = await shootPromos(browser, out, log);
    const record = { made: new Date().toISOString(), screen: SCREEN, screenshots, promos };
    fs.writeFileSync(path.join(out, 'shots.json'), JSON.stringify(record, null, 2) + '\n');
    const wrong = screenshots.filter((s) => !s.banners.some((b) => b.level === s.level && b.lang === s.lang));
    if (wrong.length) {
      throw new Error(`no banner of the right level and language on ${wrong.map((s) => s.file).join(', ')} (see shots.json)`);
    }
    return record;
  } finally {
    await closeBrowser(browser);
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 17)
      .map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  } else {
    const out = path.resolve(args[0] || DEFAULT_OUT);
    makeStoreImages(out).then(
      (r) => console.log(`${r.screenshots.length} screenshots and ${r.promos.length} promotional images in ${out}`),
      (e) => { console.error(`store screenshots: ${e.message}`); process.exit(1); },
    );
  }
}
