// A page's first step, cold, in the RELEASE and in the test build, against no extension
// (issue 11: "no long task caused by the extension"; docs/performance.md "Page cost", rounds
// eighteen and nineteen). `make bench` prints it (tools/bench/run.mjs); alone:
//
//   node tools/bench/first-step.mjs [--pages N] [--release DIR] [--test DIR] [--side NAME=DIR ...] [--trace] [--json FILE]
//
// Each page is a fresh Chromium with a fresh profile (launchChromium), so the module, the glue
// and every function run cold as on a user's first Facebook page after starting the browser.
// The tab is brought to the front before the visit: a background tab reports no `longtask`
// entries and throttles its timers (round eighteen), and the bench checks the page saw itself
// visible. A main-world PerformanceObserver({type: 'longtask', buffered: true}) is installed
// before the page's own scripts; the page's main world also notes when the first warning host
// ([data-saavdhan-level], shipped in the release) is put into the page, i.e. the end of the
// task of the step that showed it (a MutationObserver's callback runs at that task's end).
// The release has no test or bench hooks: what is the extension's is told by comparing the
// same visit with no extension loaded (an empty MV3 extension), not by hooks.
//
// Per layout (the fixtures as tests/fixtures/routes.json serves them: a log thread, a grid
// thread, docked chat windows over a page that is not a thread) and per side (none / release /
// test build), medians over N pages (default 5, alternating the sides page by page):
//   longest task of the visit (0 when none is > 50 ms: the API reports only those),
//   tasks > 50 ms in the visit, the long task that holds the first warning's drawing (the
//   first step's task when it is long), and when the first warning was drawn.
// --trace: a second, separate set of visits with a CDP trace (devtools.timeline) each, to read
// the length of the task that drew the first warning even when it is under 50 ms (tracing
// costs time of its own: these figures are not the long-task ones).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REPO_ROOT, OUT_DIR, RELEASE_CHROME, DIST_CHROME, startServer, launchChromium, closeBrowser,
} from '../../tests/e2e/lib/index.mjs';

export const LAYOUTS = [
  { name: 'log thread', file: 'layout-log-en.html', path: '/messages/t/100090000000041' },
  { name: 'grid thread', file: 'layout-grid-breaks.html', path: '/messages/t/100090000000043' },
  { name: 'docked windows', file: 'layout-docked.html', path: '/groups/feed/' },
];

// How long a visit lasts after the page's `load` (ms): the start waits up to 1.5 s for the
// settings, then reads; every side waits as long, so the windows compare.
const SETTLE_MS = 4000;

const PAGE_SCRIPT = `(() => {
  const w = window;
  w.__fs = { longtasks: [], banner: null, visible: [document.visibilityState], supported: false };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__fs.longtasks.push({ start: e.startTime, ms: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
    w.__fs.supported = true;
  } catch (e) {}
  document.addEventListener('visibilitychange', () => w.__fs.visible.push(document.visibilityState));
  const seen = () => {
    if (w.__fs.banner === null && document.querySelector('[data-saavdhan-level]')) {
      w.__fs.banner = performance.now();
      try { performance.mark('first-step:banner'); } catch (e) {}
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})();`;

// The median of the finite values (run.mjs uses it too).
export const median = (v) => {
  const s = v.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => process.stderr.write(`first-step: ${a.join(' ')}\n`);

export function emptyExtension(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'bench: no extension', version: '1.0', background: { service_worker: 'background.js' },
  }));
  fs.writeFileSync(path.join(dir, 'background.js'), '// nothing: the "without Saavdhan" side of the comparison\n');
  return dir;
}

/**
 * From a CDP trace of the visit: on the page's main thread, the length of the task that holds
 * the banner mark, and of the longest task that ran the extension's code (a FunctionCall of a
 * chrome-extension:// script: the content script's tasks), with how many such tasks there were.
 */
function taskAtBanner(events) {
  const mark = events.find((e) => e.name === 'first-step:banner');
  if (!mark) return { step_ms: NaN, ext_max_ms: NaN, ext_tasks: 0 };
  const main = events.filter((e) => e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid);
  const tasks = main.filter((e) => e.name === 'RunTask');
  const t = tasks.find((e) => e.ts <= mark.ts && mark.ts <= e.ts + e.dur);
  const calls = main.filter((e) => e.name === 'FunctionCall' && String(e.args?.data?.url || '').startsWith('chrome-extension://'));
  const ext = tasks.filter((k) => calls.some((c) => c.ts >= k.ts && c.ts <= k.ts + k.dur));
  return { step_ms: t ? t.dur / 1e3 : NaN, ext_max_ms: Math.max(0, ...ext.map((k) => k.dur / 1e3)), ext_tasks: ext.length };
}

/** One fresh browser, one page, tab in front: the visit's long tasks and the first warning's time. */
async function visit(server, extension, layout, { trace = false } = {}) {
  const browser = await launchChromium({ server, extension });
  try {
    const page = await browser.newPage();
    // The first tab (about:blank) is closed so the page is the only one and in front.
    for (const p of await browser.pages()) if (p !== page) await p.close();
    await page.bringToFront();
    await page.evaluateOnNewDocument(PAGE_SCRIPT);
    if (trace) {
      await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    }
    await page.goto(server.url(layout.path), { waitUntil: 'load', timeout: 60_000 });
    await page.bringToFront();
    await sleep(SETTLE_MS);
    const r = await page.evaluate(() => ({ ...window.__fs, state: document.visibilityState, nav: performance.getEntriesByType('navigation')[0]?.loadEventEnd }));
    let step = null;
    if (trace) {
      const buf = await page.tracing.stop();
      step = taskAtBanner(JSON.parse(Buffer.from(buf).toString()).traceEvents || []);
    }
    await page.close();
    const lt = r.longtasks;
    const atBanner = r.banner === null ? null : lt.find((t) => t.start <= r.banner + 1 && r.banner <= t.start + t.ms + 1);
    return {
      supported: r.supported,
      visible: r.state === 'visible' && r.visible.every((s) => s === 'visible'),
      banner_ms: r.banner,
      longest_ms: Math.max(0, ...lt.map((t) => t.ms)),
      over_50: lt.filter((t) => t.ms > 50).length,
      at_banner_ms: atBanner ? atBanner.ms : 0,
      longtasks: lt,
      step_ms: step ? step.step_ms : undefined,
      ext_max_ms: step ? step.ext_max_ms : undefined,
      ext_tasks: step ? step.ext_tasks : undefined,
    };
  } finally {
    await closeBrowser(browser);
  }
}

/**
 * Every layout × side, `pages` fresh browsers each, sides alternating page by page.
 * sides: [{name, extension}]. Returns {layout: {side: {medians..., raw}}}.
 */
export async function firstStep(server, sides, { pages = 5, trace = false } = {}) {
  const out = {};
  for (const layout of LAYOUTS) {
    out[layout.name] = {};
    const runs = Object.fromEntries(sides.map((s) => [s.name, []]));
    for (let i = 0; i < pages; i++) {
      const order = i % 2 ? [...sides].reverse() : sides;
      for (const s of order) {
        const v = await visit(server, s.extension, layout, { trace });
        if (!v.supported) throw new Error('this Chromium has no longtask entries');
        if (!v.visible) throw new Error(`${layout.name}, ${s.name}: the page was not visible for the whole visit (long tasks would not be reported)`);
        runs[s.name].push(v);
        log(`${layout.name} ${s.name} #${i + 1}: longest ${f(v.longest_ms)} ms, ${v.over_50} > 50 ms, first warning at ${f(v.banner_ms, 0)} ms` +
          (v.banner_ms !== null ? `, its task ${v.at_banner_ms ? `${f(v.at_banner_ms)} ms` : '< 50 ms'}` : '') +
          (trace ? `, traced: that task ${f(v.step_ms)} ms, longest of the extension's ${v.ext_tasks} tasks ${f(v.ext_max_ms)} ms` : '') + ` (load ${os.loadavg()[0].toFixed(2)})`);
      }
    }
    for (const s of sides) {
      const list = runs[s.name];
      out[layout.name][s.name] = {
        pages: list.length,
        longest_ms: median(list.map((v) => v.longest_ms)),
        longest_max_ms: Math.max(0, ...list.map((v) => v.longest_ms)),
        over_50: median(list.map((v) => v.over_50)),
        pages_with_long: list.filter((v) => v.over_50 > 0).length,
        at_banner_ms: median(list.map((v) => v.at_banner_ms)),
        pages_step_long: list.filter((v) => v.at_banner_ms > 50).length,
        banner_ms: median(list.map((v) => (v.banner_ms === null ? NaN : v.banner_ms))),
        banners: list.filter((v) => v.banner_ms !== null).length,
        step_ms: trace ? median(list.map((v) => v.step_ms)) : undefined,
        ext_max_ms: trace ? median(list.map((v) => v.ext_max_ms)) : undefined,
        ext_max_most_ms: trace ? Math.max(0, ...list.map((v) => v.ext_max_ms)) : undefined,
        raw: list.map(({ longtasks, ...rest }) => ({ ...rest, longtasks })),
      };
    }
  }
  return out;
}

/** Table rows (section 'first step') for run.mjs's table, or printed alone. */
export function firstStepRows(res, sides, { trace = false, load = '' } = {}) {
  const rows = [];
  for (const layout of LAYOUTS) {
    const r = res[layout.name];
    const names = sides.map((s) => s.name).join(' / ');
    const pages = Math.min(...sides.map((s) => r[s.name].pages));
    rows.push([`${layout.name}: longest task, median (most) of ${pages} pages (${names})`, `${sides.map((s) => `${f(r[s.name].longest_ms)} (${f(r[s.name].longest_max_ms)})`).join(' / ')} ms`]);
    rows.push([`${layout.name}: tasks > 50 ms, median (pages with one) (${names})`, sides.map((s) => `${f(r[s.name].over_50, 0)} (${r[s.name].pages_with_long})`).join(' / ')]);
    const ext = sides.filter((s) => s.extension && !s.empty);
    rows.push([`${layout.name}: the task drawing the first warning, if > 50 ms (pages over) (${ext.map((s) => s.name).join(' / ')})`,
      ext.map((s) => `${f(r[s.name].at_banner_ms)} ms (${r[s.name].pages_step_long} of ${r[s.name].pages}); drawn at ${f(r[s.name].banner_ms, 0)} ms in ${r[s.name].banners}`).join(' / ')]);
    if (trace) {
      rows.push([`${layout.name}: traced, the task drawing the first warning, median (${ext.map((s) => s.name).join(' / ')})`, `${ext.map((s) => f(r[s.name].step_ms)).join(' / ')} ms`]);
      rows.push([`${layout.name}: traced, the extension's longest task, median (most) (${ext.map((s) => s.name).join(' / ')})`, `${ext.map((s) => `${f(r[s.name].ext_max_ms)} (${f(r[s.name].ext_max_most_ms)})`).join(' / ')} ms`]);
    }
  }
  if (load) rows.push(['load (1 / 5 / 15 min) at the end', load]);
  return rows;
}

export function defaultSides({ release = RELEASE_CHROME, test = DIST_CHROME, emptyDir = path.join(OUT_DIR, 'bench', 'empty-extension') } = {}) {
  return [
    { name: 'none', extension: emptyExtension(emptyDir), empty: true },
    { name: 'release', extension: release },
    { name: 'test build', extension: test },
  ];
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const pages = Math.max(1, parseInt(opt('--pages', '5'), 10) || 5);
  const trace = args.includes('--trace');
  // Snapshots, as run.mjs does: other work in the checkout may rebuild dist/ meanwhile.
  const snap = path.join(OUT_DIR, 'bench', 'first-step');
  fs.rmSync(snap, { recursive: true, force: true });
  const copy = (from, to) => {
    if (!fs.existsSync(path.join(from, 'manifest.json'))) throw new Error(`no built extension at ${from}`);
    fs.cpSync(from, path.join(snap, to), { recursive: true });
    return path.join(snap, to);
  };
  // --side NAME=DIR (repeatable): measure these unpacked builds (e.g. main's release and a
  // branch's, alternating) against no extension instead of the release and the test build.
  const named = args.flatMap((a, i) => (args[i - 1] === '--side' ? [a] : []));
  const sides = named.length
    ? [defaultSides()[0], ...named.map((a, i) => {
      const [name, dir] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
      return { name, extension: copy(path.resolve(dir), `side${i}`) };
    })]
    : defaultSides({ release: copy(path.resolve(opt('--release', RELEASE_CHROME)), 'release'), test: copy(path.resolve(opt('--test', DIST_CHROME)), 'test') });
  const load0 = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const server = await startServer();
  let res;
  try {
    res = await firstStep(server, sides, { pages, trace });
  } finally {
    await server.close();
  }
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`first step, cold (fresh Chromium a page, tab in front); load at start ${load0}, at end ${load}; ${new Date().toISOString()}`);
  for (const [w, v] of firstStepRows(res, sides, { trace })) console.log(`${w.padEnd(100)} | ${v}`);
  const json = opt('--json', null);
  if (json) {
    fs.mkdirSync(path.dirname(path.resolve(json)), { recursive: true });
    fs.writeFileSync(json, JSON.stringify({ load_start: load0, load_end: load, trace, pages, results: res }, null, 2));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`first-step: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  });
}
