// The snapshot helper's walk run in the content script's ISOLATED world against the
// same walk run in the page's own (MAIN) world, on the same rows (issue 11, item 4;
// docs/performance.md "Page cost", round eight). Headless Chromium, the test build.
//
//   node tools/bench/walk-worlds.mjs [--reps 7] [--ext DIR] [--firefox]
//
// Per row, over the bench thread's 5,000 rows in batches of 64 (as the reader reads):
//   isolated   the helper (extension/content/snapshot.js) called in the isolated world;
//   crossing   from the isolated world, one DOM event per batch to a copy of the same
//              helper in the main world (injected here, in the bench page only), which
//              answers with one string in an answering CustomEvent's detail: the event
//              dispatch, the main world's walk and the answer all inside the time;
//   main       the main world's helper called directly in the main world (no crossing);
//   floor      one textContent per row, in the isolated world;
//   batched    (Chromium) the reader's own batched read, `bench_read_rows` in the
//              content script: the isolated helper, its string into WebAssembly, the
//              parse and the reading in Rust, as `make bench` times it (with its floor);
//              and the same read with the main-world helper: `bench_read_rows_via`
//              with a stand-in for the helper that sends the batch by event and returns
//              the main world's answer (the crossing inside the time). "Same messages"
//              is bench_read_rows's check against the per-element queries.
// Both browsers: the same batched read asked of the content script itself by a
// `saavdhan-bench-rows` event (test build, src/web/bench.rs `listen_rows`): with its own
// helper, and with each batch sent to the main world by event and answered by event
// (the real crossing of a content script in each browser; in Firefox its Xrays).
// --firefox: Firefox ESR instead, where the "isolated" side is a WebDriver BiDi sandbox
// of the page (Xray wrappers, as a content script sees the page; not the extension's
// own world, which BiDi cannot reach), given its own copy of the helper; no `batched`.
// Two kinds of rows: the page's own (built with createElement by the page's script,
// as React builds Facebook's), and a copy made with innerHTML in a hidden element added
// to the body (no JS wrapper in any world yet: each variant gets a fresh copy, made
// outside the time; events reach the document's listeners only from attached nodes).
// And 500 rows copied with createElement by the page's world, a fresh copy per variant,
// as an append's new rows reach the reader (first touch by the isolated world; 500,
// not 100, as the isolated world's clock ticks in 0.1 ms).
// The variants run interleaved, `--reps` rounds (on the page's rows, the isolated
// helper and the crossing take turns going first); the crossing's strings are checked
// equal to the isolated helper's.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, DIST_CHROME, DIST_FIREFOX, startServer, launchChromium, launchFirefox, closeBrowser } from '../../tests/e2e/lib/index.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const REPS = Math.max(1, parseInt(opt('--reps', '7'), 10) || 7);
const FIREFOX = args.includes('--firefox');
const EXT = path.resolve(opt('--ext', FIREFOX ? DIST_FIREFOX : DIST_CHROME));
const ROUTES = path.join(REPO_ROOT, 'tools', 'bench', 'routes.json');
const HELPER = fs.readFileSync(path.join(REPO_ROOT, 'extension', 'content', 'snapshot.js'), 'utf8');
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x) => x.toFixed(2);

// What src/web/reader/snapshot.rs passes for the grid layout.
const SELS = `{ message: ['data-scope', 'messages_table'], brk: ['data-scope', 'date_break'], cell: 'gridcell', label: '', attachment: 'a[href*="attachment"]', scope_row: true }`;

// The main world's side (bench page only): a copy of the helper, and a listener that
// reads the batch [start, end) of the target's rows and answers with one string.
const MAIN = `${HELPER}
(() => {
  const snap = globalThis.__saavdhanSnapshot;
  const S = ${SELS};
  let list = null;
  let of = null;
  document.addEventListener('saavdhan-bench-walk', (e) => {
    const t = e.target;
    const d = String(e.detail).split(',');
    // The row list is queried once per target and task (cleared at the next microtask checkpoint).
    if (of !== t) { list = t.querySelectorAll('[role=row]'); of = t; queueMicrotask(() => { of = null; list = null; }); }
    t.dispatchEvent(new CustomEvent('saavdhan-bench-answer', { detail: snap(list, +d[0], +d[1], null, S) }));
  });
  document.addEventListener('saavdhan-bench-stash', (e) => { globalThis.__benchFresh = e.target; });
  // A copy of the first k rows of the grid made with createElement (as React makes
  // rows), in a hidden element added to the body; its wrappers are the main world's.
  let made = null;
  const copy = (e) => {
    if (e.nodeType !== 1) return document.createTextNode(e.data);
    const c = document.createElement(e.localName);
    for (const a of e.attributes) c.setAttribute(a.name, a.value);
    for (let k = e.firstChild; k; k = k.nextSibling) c.appendChild(copy(k));
    return c;
  };
  globalThis.__benchMake = (k) => {
    if (made) made.remove();
    made = document.createElement('div');
    made.hidden = true;
    made.setAttribute('data-bench', 'made');
    const rows = document.querySelector('[role=grid]').querySelectorAll('[role=row]');
    for (let i = 0; i < k && i < rows.length; i++) made.appendChild(copy(rows[i]));
    document.body.append(made);
    return made.childElementCount;
  };
  globalThis.__benchMain = (which) => {
    const root = which === 'fresh' ? globalThis.__benchFresh : document.querySelector('[role=grid]');
    const t = performance.now();
    const rows = root.querySelectorAll('[role=row]');
    let n = 0;
    for (let i = 0; i < rows.length; i += 64) n += snap(rows, i, i + 64, null, S).length;
    return { ms: performance.now() - t, rows: rows.length, n };
  };
  // The content script's own batched read, asked for by event (test build, both browsers).
  globalThis.__benchRows = (which) => {
    document.dispatchEvent(new CustomEvent('saavdhan-bench-rows', { detail: which }));
    const r = JSON.parse(document.documentElement.getAttribute('data-saavdhan-bench-rows') || 'null');
    document.documentElement.removeAttribute('data-saavdhan-bench-rows');
    // Since round nine the shipped read (snap_ms) is the main world's walk where it answers;
    // the content script's own helper alone is iso_ms (detail 'isolated').
    const own = which === 'isolated' && typeof r?.iso_ms === 'number';
    return r && { ms: own ? r.iso_ms : r.snap_ms, rows: r.rows, same: r.snap_same && (!own || r.iso_same), floor: r.text_only_ms, messages: r.snap_messages, queries: r.read_ms };
  };
  globalThis.__benchMainFloor = () => {
    const rows = document.querySelector('[role=grid]').querySelectorAll('[role=row]');
    const t = performance.now();
    let n = 0;
    for (const r of rows) n += r.textContent.length;
    return { ms: performance.now() - t, rows: rows.length, n };
  };
})();`;

// The isolated world's side (evaluated in the extension's context).
const ISOLATED = `(() => {
  ${FIREFOX ? HELPER : ''}
  const snap = globalThis.__saavdhanSnapshot;
  const S = ${SELS};
  const grid = document.querySelector('[role=grid]');
  let answer = null;
  document.addEventListener('saavdhan-bench-answer', (e) => { answer = e.detail; }, true);
  let fresh = null;
  const root = (which) => (which === 'fresh' ? fresh : which === 'made' ? document.querySelector('[data-bench=made]') : grid);
  globalThis.__benchIso = {
    // A copy of the grid's rows made with innerHTML (hidden): no wrapper in any world.
    fresh() {
      if (fresh) fresh.remove();
      fresh = document.createElement('div');
      fresh.hidden = true;
      fresh.innerHTML = grid.innerHTML;
      document.body.append(fresh);
      return fresh.childElementCount;
    },
    stash() { fresh.dispatchEvent(new CustomEvent('saavdhan-bench-stash', { bubbles: true })); },
    isolated(which) {
      const r0 = root(which);
      const t = performance.now();
      const rows = r0.querySelectorAll('[role=row]');
      let out = '';
      for (let i = 0; i < rows.length; i += 64) out += snap(rows, i, i + 64, null, S) + '\\n';
      const ms = performance.now() - t;
      globalThis.__benchIsoOut = out;
      return { ms, rows: rows.length, n: out.length };
    },
    crossing(which) {
      const r0 = root(which);
      const t = performance.now();
      const n = r0.querySelectorAll('[role=row]').length; // as the isolated helper's time holds its query
      let out = '';
      for (let i = 0; i < n; i += 64) {
        answer = null;
        r0.dispatchEvent(new CustomEvent('saavdhan-bench-walk', { bubbles: true, detail: i + ',' + (i + 64) }));
        if (typeof answer !== 'string') throw new Error('no answer from the main world');
        out += answer + '\\n';
      }
      const ms = performance.now() - t;
      return { ms, rows: n, n: out.length, same: out === globalThis.__benchIsoOut };
    },
    batched() {
      if (typeof wasm_bindgen !== 'function' || !wasm_bindgen.bench_read_rows) return null;
      const r = JSON.parse(wasm_bindgen.bench_read_rows());
      return { ms: r.snap_ms, rows: r.rows, same: r.snap_same, floor: r.text_only_ms };
    },
    // The reader's batched read as bench_read_rows times it, with a stand-in for the
    // helper that sends each batch to the main world and returns its answer.
    batchedMain() {
      if (typeof wasm_bindgen !== 'function' || !wasm_bindgen.bench_read_rows_via) return null;
      const via = (rows, start, end) => {
        answer = null;
        grid.dispatchEvent(new CustomEvent('saavdhan-bench-walk', { bubbles: true, detail: start + ',' + end }));
        return answer;
      };
      const r = JSON.parse(wasm_bindgen.bench_read_rows_via(via));
      return { ms: r.snap_ms, rows: r.rows, same: r.snap_same, floor: r.text_only_ms };
    },
    floor() {
      const rows = grid.querySelectorAll('[role=row]');
      const t = performance.now();
      let n = 0;
      for (const r of rows) n += r.textContent.length;
      return { ms: performance.now() - t, rows: rows.length, n };
    },
  };
  return typeof snap;
})()`;

const server = await startServer({ routesFile: ROUTES });
const b = await (FIREFOX ? launchFirefox : launchChromium)({ server, extension: EXT });
try {
  const page = await b.newPage();
  let cdp = null;
  const worlds = [];
  if (!FIREFOX) {
    cdp = await page.createCDPSession();
    cdp.on('Runtime.executionContextCreated', (e) => {
      const c = e.context;
      if (c.auxData && c.auxData.type === 'isolated' && String(c.origin).startsWith('chrome-extension://')) worlds.push(c.id);
    });
    await cdp.send('Runtime.enable');
  }
  await page.goto(server.url('/messages/t/100090000000700?n=5000&test=1&nocopy=1'), { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => window.__saavdhanPerf && window.__saavdhanPerf.ready, { timeout: 60_000, polling: 100 });
  // Settled: the extension has fed the whole thread.
  await page.waitForFunction(() => {
    const p = JSON.parse(document.documentElement.getAttribute('data-saavdhan-perf') || 'null');
    return p && p.fed >= 5000;
  }, { timeout: 60_000, polling: 100 });
  await page.evaluate(MAIN);
  let inIso;
  if (FIREFOX) {
    const realm = page.mainFrame().isolatedRealm();
    if ((await realm.evaluate(ISOLATED)) !== 'function') throw new Error('no helper in the sandbox');
    inIso = (expr) => realm.evaluate(expr);
  } else {
    let iso = null;
    for (const id of worlds) {
      const r = await cdp.send('Runtime.evaluate', { contextId: id, returnByValue: true, expression: ISOLATED }).catch(() => null);
      if (r && r.result && r.result.value === 'function') iso = id;
    }
    if (iso === null) throw new Error('no isolated world with the snapshot helper');
    inIso = async (expr) => {
      const r = await cdp.send('Runtime.evaluate', { contextId: iso, returnByValue: true, expression: expr });
      if (r.exceptionDetails) throw new Error(`${expr}: ${JSON.stringify(r.exceptionDetails).slice(0, 400)}`);
      return r.result.value;
    };
  }
  const inMain = (expr) => page.evaluate(expr);
  const us = (r) => (r.ms * 1e3) / r.rows;
  const fig = { ev_queries: [], ev_isolated: [], ev_main: [], ev_floor: [], batched_main: [], rust_floor: [], m_isolated: [], m_crossing: [], batched: [], isolated: [], crossing: [], main: [], floor: [], main_floor: [], f_isolated: [], f_crossing: [], f_main: [] };
  let same = true;
  for (let k = 0; k < REPS; k++) {
    // The page's own rows (createElement).
    // The content script's batched read, asked for by event, each helper in turn first.
    {
      const one = async (which, into) => {
        const r = await inMain(`__benchRows(${JSON.stringify(which)})`);
        if (!r) throw new Error('no answer to saavdhan-bench-rows: make build-test');
        fig[into].push(us(r));
        fig.ev_floor.push((r.floor * 1e3) / r.rows);
        fig.ev_queries.push((r.queries * 1e3) / r.rows);
        same = same && r.same && r.messages > 0;
      };
      if (k % 2 === 0) { await one('isolated', 'ev_isolated'); await one('main', 'ev_main'); } else { await one('main', 'ev_main'); await one('isolated', 'ev_isolated'); }
    }
    // The reader's batched read with each helper, taking turns going first.
    if (!FIREFOX) {
      const one = async (expr, into) => {
        const r = await inIso(expr);
        if (!r) throw new Error(`${expr}: no bench hook in this build (make build-test)`);
        fig[into].push(us(r));
        fig.rust_floor.push((r.floor * 1e3) / r.rows);
        same = same && r.same;
      };
      if (k % 2 === 0) { await one('__benchIso.batched()', 'batched'); await one('__benchIso.batchedMain()', 'batched_main'); } else { await one('__benchIso.batchedMain()', 'batched_main'); await one('__benchIso.batched()', 'batched'); }
    }
    const iso1 = async () => fig.isolated.push(us(await inIso('__benchIso.isolated("page")')));
    const cross1 = async () => {
      const c = await inIso('__benchIso.crossing("page")');
      same = same && c.same;
      fig.crossing.push(us(c));
    };
    if (k % 2 === 0) { await iso1(); await cross1(); } else { await inIso('__benchIso.isolated("page")'); await cross1(); await iso1(); }
    fig.main.push(us(await inMain('__benchMain("page")')));
    fig.floor.push(us(await inIso('__benchIso.floor()')));
    fig.main_floor.push(us(await inMain('__benchMainFloor()')));
    // innerHTML copies, a fresh one per variant.
    await inIso('__benchIso.fresh()');
    fig.f_isolated.push(us(await inIso('__benchIso.isolated("fresh")')));
    await inIso('__benchIso.fresh()');
    const fc = await inIso('__benchIso.crossing("fresh")');
    fig.f_crossing.push(us(fc));
    // (The fresh copy's isolated string is the previous copy's: the same HTML.)
    same = same && fc.same;
    await inIso('__benchIso.fresh()');
    await inIso('__benchIso.stash()');
    fig.f_main.push(us(await inMain('__benchMain("fresh")')));
    // 100 rows made with createElement, fresh for each.
    await inMain('__benchMake(500)');
    fig.m_isolated.push(us(await inIso('__benchIso.isolated("made")')));
    await inMain('__benchMake(500)');
    const mc = await inIso('__benchIso.crossing("made")');
    same = same && mc.same;
    fig.m_crossing.push(us(mc));
  }
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`walk-worlds (${FIREFOX ? 'Firefox, sandbox as the isolated side' : 'Chromium'}): ${new Date().toISOString()}, load ${load}, ${REPS} rounds, 5,000 rows, µs a row (median; all rounds in brackets)`);
  const line = (name, v) => console.log(`  ${name.padEnd(44)} ${f(median(v)).padStart(6)}  [${v.map(f).join(' ')}]`);
  line('content script, batched read, its own helper', fig.ev_isolated);
  line('content script, batched read, main-world walk', fig.ev_main);
  line('content script, floor in bench_read_rows', fig.ev_floor);
  line('content script, per-element queries (view_dom)', fig.ev_queries);
  {
    const rf = median(fig.ev_floor);
    console.log(`  content script (asked by event), one row read against its floor: own helper ${f(median(fig.ev_isolated) / rf)}×, main-world walk ${f(median(fig.ev_main) / rf)}×`);
  }
  if (fig.batched.length) {
    line('page rows: batched read, isolated helper', fig.batched);
    line('page rows: batched read, main-world helper', fig.batched_main);
    line('page rows: floor in bench_read_rows', fig.rust_floor);
  }
  line('page rows: isolated helper', fig.isolated);
  line('page rows: main-world helper via events', fig.crossing);
  line('page rows: main-world helper, no crossing', fig.main);
  line('page rows: floor, textContent (isolated)', fig.floor);
  line('page rows: floor, textContent (main)', fig.main_floor);
  line('innerHTML rows: isolated helper', fig.f_isolated);
  line('innerHTML rows: main-world helper via events', fig.f_crossing);
  line('innerHTML rows: main-world helper, no crossing', fig.f_main);
  line('500 createElement rows: isolated helper', fig.m_isolated);
  line('500 createElement rows: main-world via events', fig.m_crossing);
  console.log(`  same strings both ways: ${same}`);
  console.log(`  ratios to the floor (isolated): isolated ${f(median(fig.isolated) / median(fig.floor))}×, via events ${f(median(fig.crossing) / median(fig.floor))}×; innerHTML rows ${f(median(fig.f_isolated) / median(fig.floor))}× / ${f(median(fig.f_crossing) / median(fig.floor))}×`);
  if (fig.batched.length) {
    const rf = median(fig.rust_floor);
    console.log(`  one row read, batched, against bench_read_rows's floor: isolated helper ${f(median(fig.batched) / rf)}×, main-world helper ${f(median(fig.batched_main) / rf)}× (the table's "≤ 3× the floor")`);
  }
  // Cross-check in the extension's own world (Firefox's sandbox is a stand-in): the
  // reader's steps on 10 appends of 100 rows, as data-saavdhan-perf reports them.
  const perf = () => page.evaluate(() => JSON.parse(document.documentElement.getAttribute('data-saavdhan-perf') || 'null'));
  const steps = [];
  for (let i = 0; i < 10; i++) {
    const pb = await perf();
    await page.evaluate(() => window.__saavdhanPerf.append(100));
    const want = pb.fed + 100;
    await page.waitForFunction((w) => {
      const p = JSON.parse(document.documentElement.getAttribute('data-saavdhan-perf') || 'null');
      return p && p.fed >= w;
    }, { timeout: 30_000, polling: 50 }, want);
    const p = await perf();
    if (p.last_new === 100) steps.push({ ms: p.last_ms, read: p.read_ms - pb.read_ms });
  }
  console.log(`  the extension's own steps, 10 appends of 100 (median of ${steps.length}): step ${f(median(steps.map((x) => x.ms)))} ms, of which reading ${f(median(steps.map((x) => x.read)))} ms`);
  if (!same) process.exitCode = 1;
} finally {
  await closeBrowser(b);
  await server.close();
}
