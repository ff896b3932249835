// The main world's walk (extension/content/snapshot.js with its MAIN switch on), alone,
// in plain headless Chromium (no extension): its DOM calls a row, whether two copies of
// it answer the same, and what it costs in the main thread's CPU time (docs/performance.md
// "Page cost", round fifteen). Copies to compare are files: e.g. `git show
// main:extension/content/snapshot.js > /tmp/a.js`.
//
//   node tools/bench/walk-calls.mjs count [FILE] [--simple-rows]
//       DOM calls a row (a counter on each accessor the walk calls, put on the prototypes
//       before the copy takes them), over the bench page's 5,001 rows in batches of 64
//       (the chain's nextElementSibling between rows included), and over the rows of
//       reader-thread-en, layout-grid-breaks and layout-log-en one by one.
//   node tools/bench/walk-calls.mjs same A B
//       every element of every fixture page asked as a row, and as a chain of up to 4
//       from it, with the grid's and the log's settings: the answers of A and B compared.
//   node tools/bench/walk-calls.mjs cpu [--rounds 9] [--simple-rows] A B [C ...]
//       each copy in a page of its own, passes over the bench page's 5,000 rows (batches
//       of 64, each asked by event as the isolated side asks) and the floor (one
//       textContent a row) alternating, each pass a task of its own; the figure is the
//       task's CPU time on the main thread from a trace (tdur), so a pass descheduled on
//       a loaded machine does not count the time it did not run (its wall time is given
//       beside it).
// FILE, A, B: default extension/content/snapshot.js.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { REPO_ROOT, CHROMIUM_PATH } from '../../tests/e2e/lib/index.mjs';

const args = process.argv.slice(2);
const mode = args[0];
const SIMPLE = args.includes('--simple-rows');
const ri = args.indexOf('--rounds');
const ROUNDS = ri >= 0 ? Math.max(1, parseInt(args[ri + 1], 10) || 9) : 9;
const files = args.slice(1).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--rounds');
if (files.length === 0) files.push(path.join(REPO_ROOT, 'extension', 'content', 'snapshot.js'));
const FIX = path.join(REPO_ROOT, 'tests', 'fixtures');
const BENCH_Q = SIMPLE ? '?n=5000&rows=simple' : '?n=5000';
const mainCopy = (f) => fs.readFileSync(f, 'utf8').replace('const MAIN = false;', 'const MAIN = true;');
// snapshot.rs's settings for each layout.
const GRID = { message: ['data-scope', 'messages_table'], brk: ['data-scope', 'date_break'], cell: 'gridcell', label: '', attachment: 'a[href*="attachment"]', scope_row: true };
const LOG = { message: ['aria-roledescription', 'message'], brk: ['data-scope', 'date_break'], cell: null, label: 'aria-label', attachment: 'a[href*="attachment"]', scope_row: false };

const COUNTER = `(() => {
  const C = window.__calls = {};
  const m = (P, n) => { const f = P[n]; if (f) P[n] = function (...x) { C[n] = (C[n] || 0) + 1; return f.apply(this, x); }; };
  const g = (P, n) => { const d = Object.getOwnPropertyDescriptor(P, n); Object.defineProperty(P, n, { ...d, get() { C[n] = (C[n] || 0) + 1; return d.get.call(this); } }); };
  for (const n of ['getAttribute', 'hasAttribute', 'hasAttributes', 'getAttributeNames', 'closest', 'matches', 'querySelector', 'querySelectorAll']) m(Element.prototype, n);
  m(Node.prototype, 'contains');
  for (const n of ['localName', 'firstElementChild', 'nextElementSibling', 'namespaceURI', 'childElementCount']) g(Element.prototype, n);
  g(Node.prototype, 'textContent');
  g(HTMLAnchorElement.prototype, 'href');
})();`;
// In the page: ask the main world for the chain from t, as snapshotMain asks.
const ASK = `window.__ask = (t, mask, s) => {
  let out = null;
  const f = (e) => { out = e.detail; };
  document.addEventListener('saavdhan-snapshot-answer', f, true);
  t.dispatchEvent(new CustomEvent('saavdhan-snapshot', { detail: mask + '\\n' + JSON.stringify(s) }));
  document.removeEventListener('saavdhan-snapshot-answer', f, true);
  return out;
};`;

const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
async function open(file, snap, q = '', counter = false) {
  const page = await browser.newPage();
  if (counter) await page.evaluateOnNewDocument(COUNTER);
  await page.evaluateOnNewDocument(snap);
  await page.goto('file://' + path.join(FIX, file) + q, { waitUntil: 'load' });
  if (file === 'perf-thread.html') await page.waitForFunction(() => window.__saavdhanPerf && window.__saavdhanPerf.ready, { timeout: 120_000, polling: 50 });
  await page.evaluate(ASK);
  return page;
}
const sum = (o) => Object.values(o).reduce((x, y) => x + y, 0);

try {
  if (mode === 'count') {
    const page = await open('perf-thread.html', mainCopy(files[0]), BENCH_Q, true);
    const r = await page.evaluate((s) => {
      const rows = [...document.querySelectorAll('[role=grid] > [role=row]')];
      for (const k in window.__calls) delete window.__calls[k];
      let chars = 0;
      for (let i = 0; i < rows.length; i += 64) chars += window.__ask(rows[i], '1'.repeat(Math.min(64, rows.length - i)), s).length;
      return { rows: rows.length, calls: { ...window.__calls }, chars };
    }, GRID);
    console.log(`bench page${SIMPLE ? ' (simple rows)' : ''}: ${r.rows} rows, ${(sum(r.calls) / r.rows).toFixed(1)} calls a row, ${(r.chars / r.rows).toFixed(1)} characters a row answered; ${JSON.stringify(r.calls)}`);
    for (const [file, s, sel] of [['reader-thread-en.html', GRID, '[role=grid] > [role=row]'], ['layout-grid-breaks.html', GRID, '[role=grid] > [role=row]'], ['layout-log-en.html', LOG, '[role=log] > *']]) {
      const p = await open(file, mainCopy(files[0]), '', true);
      const x = await p.evaluate((s, sel) => {
        const rows = [...document.querySelectorAll(sel)];
        for (const k in window.__calls) delete window.__calls[k];
        for (const r of rows) window.__ask(r, '1', s);
        return { rows: rows.length, calls: { ...window.__calls } };
      }, s, sel);
      console.log(`${file}: ${x.rows} rows, ${(sum(x.calls) / x.rows).toFixed(1)} calls a row; ${JSON.stringify(x.calls)}`);
    }
  } else if (mode === 'same') {
    if (files.length < 2) throw new Error('same: two files');
    const pages = fs.readdirSync(FIX).filter((f) => f.endsWith('.html'));
    let n = 0;
    let diff = 0;
    for (const file of pages) {
      const res = [];
      for (const f of files.slice(0, 2)) {
        const p = await open(file, mainCopy(f), file === 'perf-thread.html' ? '?n=300' : '');
        res.push(await p.evaluate((G, L) => {
          const out = [];
          const all = [...document.querySelectorAll('*')];
          for (const s of [G, L]) {
            for (const e of all) {
              out.push(window.__ask(e, '1', s));
              let k = 1;
              for (let x = e.nextElementSibling; x && k < 4; x = x.nextElementSibling) k++;
              out.push(window.__ask(e, '1'.repeat(k), s));
            }
          }
          return out;
        }, GRID, LOG));
        await p.close();
      }
      for (let i = 0; i < res[0].length; i++) {
        n++;
        if (res[0][i] !== res[1][i] && ++diff <= 3) console.log(`differ: ${file} #${i}: ${JSON.stringify(res[0][i]).slice(0, 200)} / ${JSON.stringify(res[1][i]).slice(0, 200)}`);
      }
    }
    console.log(`${pages.length} pages, ${n} answers compared, ${diff} differ`);
    if (diff) process.exitCode = 1;
  } else if (mode === 'cpu') {
    const pages = [];
    for (let v = 0; v < files.length; v++) {
      const p = await open('perf-thread.html', mainCopy(files[v]), BENCH_Q);
      await p.evaluate((s) => {
        const rows = [...document.querySelectorAll('[role=grid] > [role=row]')].slice(1); // not the card row
        const walk = () => { for (let i = 0; i < rows.length; i += 64) window.__ask(rows[i], '1'.repeat(Math.min(64, rows.length - i)), s); };
        const floor = () => { let z = 0; for (const r of rows) z += r.textContent.length; return z; };
        window.__pass = (w) => new Promise((res) => setTimeout(() => { (w ? walk : floor)(); res(); }, 0));
        window.__rows = rows.length;
      }, GRID);
      pages.push(p);
    }
    const rows = await pages[0].evaluate(() => window.__rows);
    for (const p of pages) for (let i = 0; i < 3; i++) { await p.evaluate(() => window.__pass(true)); await p.evaluate(() => window.__pass(false)); }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'saavdhan-walk-')), 'trace.json');
    await pages[0].tracing.start({ path: file, categories: ['devtools.timeline'] });
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < pages.length; k++) {
        const p = pages[(k + r) % pages.length];
        await p.evaluate(() => window.__pass(true));
        await p.evaluate(() => window.__pass(false));
      }
    }
    await pages[0].tracing.stop();
    const frames = pages.map((p) => p.mainFrame()._id);
    const ev = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    // The timer callbacks, in order per page: walk, floor, walk, floor, ...
    const calls = ev.filter((e) => e.name === 'FunctionCall' && e.ph === 'X' && frames.includes(e.args?.data?.frame) && e.dur > 100).sort((a, b) => a.ts - b.ts);
    const by = files.map(() => ({ walk: [], floor: [], wall: [] }));
    const seen = files.map(() => 0);
    for (const e of calls) {
      const v = frames.indexOf(e.args.data.frame);
      const w = seen[v]++ % 2 === 0;
      by[v][w ? 'walk' : 'floor'].push(e.tdur / rows);
      if (w) by[v].wall.push(e.dur / rows);
    }
    const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
    console.log(`CPU µs a row, median of ${ROUNDS} passes (min), ${rows} rows${SIMPLE ? ' (simple rows)' : ''}; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    files.forEach((f, v) => {
      const b = by[v];
      console.log(`${f}: walk ${med(b.walk).toFixed(2)} (${Math.min(...b.walk).toFixed(2)}), floor ${med(b.floor).toFixed(2)} (${Math.min(...b.floor).toFixed(2)}) = ${(med(b.walk) / med(b.floor)).toFixed(1)}× in the main world; walk's wall time ${med(b.wall).toFixed(2)}`);
    });
  } else {
    console.log('usage: walk-calls.mjs count [FILE] [--simple-rows] | same A B | cpu [--rounds N] [--simple-rows] A B ...');
    process.exitCode = 2;
  }
} finally {
  await browser.close();
}
