// The main world's walk (extension/content/snapshot.js, MAIN on) along a learned row
// shape (docs/performance.md "Page cost", round seventeen): a grid row walked in full
// teaches its shape; the next rows are walked along it, and any row whose elements
// differ (one more or less, another tag, a separator, another role or dir where the
// learned row had one) is walked in full. Each row below is asked right after a row
// of the learned shape (a chain of two), and its record must equal the record a walk
// with nothing learned gives (asked alone with settings of their own). Plain headless
// Chromium, no extension; DOM calls counted on the prototypes, as
// tools/bench/walk-calls.mjs counts them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { REPO_ROOT, CHROMIUM_PATH } from './lib/index.mjs';

const GRID = { message: ['data-scope', 'messages_table'], brk: ['data-scope', 'date_break'], cell: 'gridcell', label: '', attachment: 'a[href*="attachment"]', scope_row: true };
const SNAP = fs.readFileSync(path.join(REPO_ROOT, 'extension', 'content', 'snapshot.js'), 'utf8').replace('const MAIN = false;', 'const MAIN = true;');
const COUNTER = `(() => {
  const C = window.__calls = { n: 0 };
  const m = (P, n) => { const f = P[n]; P[n] = function (...x) { C.n++; return f.apply(this, x); }; };
  const g = (P, n) => { const d = Object.getOwnPropertyDescriptor(P, n); Object.defineProperty(P, n, { ...d, get() { C.n++; return d.get.call(this); } }); };
  for (const n of ['getAttribute', 'hasAttribute', 'hasAttributes', 'closest']) m(Element.prototype, n);
  m(Node.prototype, 'contains');
  for (const n of ['localName', 'firstElementChild', 'nextElementSibling', 'namespaceURI']) g(Element.prototype, n);
  g(Node.prototype, 'textContent');
  g(HTMLAnchorElement.prototype, 'href');
})();`;
// The bench's evidence row (tests/fixtures/perf-thread.html): the messages_table cell, its
// hidden heading, the bubble's wrappers, the dir=auto text; then the hidden Enter cell.
const row = (inner, head = '<h5 class="xb2"><span>Asha</span></h5>') =>
  `<div class="xs" data-scope="messages_table" role="gridcell" tabindex="-1">${head}<div class="x6f"><div class="xw"><div class="x7g">${inner}</div></div></div></div>` +
  '<div role="gridcell" class="xb2"><div role="button" tabindex="0">Enter</div></div>';
const TEXT = '<div dir="auto" class="xt">hello there</div>';
const ROWS = {
  learned: row(TEXT),
  same: row('<div dir="auto" class="xt">another text, same shape</div>'),
  image: row(TEXT + '<img src="data:," alt="Photo">'),
  imageOnly: row('<img src="data:," alt="Photo" class="xt">'),
  reply: row('<div class="xq"><span>Replying to you</span><div dir="auto">the quoted text</div></div>' + TEXT),
  separator: row(TEXT).replace('class="xw"', 'class="xw" data-scope="date_break"'),
  callEvent: row('<div role="img" aria-label="Missed call"></div><span class="xt">Missed call</span>'),
  link: row('<a href="https://example.org/attachment/1" class="xt">a file</a>'),
  otherTag: row('<span dir="auto" class="xt">hello there</span>'),
  otherHeading: row(TEXT, '<h4 class="xb2"><span>Asha</span></h4>'),
  noHeading: row(TEXT, ''),
  otherDir: row('<div dir="rtl" class="xt">hello there</div>'),
  fewer: '<div class="xs" data-scope="messages_table" role="gridcell" tabindex="-1"><h5 class="xb2"><span>Asha</span></h5><div dir="auto">short</div></div>',
  noEnter: row(TEXT).replace(/<div role="gridcell" class="xb2">.*$/, ''),
  twoCells: row(TEXT) + '<div role="gridcell" data-scope="other"><div dir="auto">more</div></div>',
};

describe('the walk along a learned row shape (round seventeen)', () => {
  let browser;
  let got;
  before(async () => {
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
    const page = await browser.newPage();
    const html = '<div role="grid">' + Object.entries(ROWS).map(([k, v]) =>
      `<div role="row" class="x1n2onr6" id="a-${k}">${ROWS.learned}</div><div role="row" class="x1n2onr6" id="${k}">${v}</div>`).join('') + '</div>';
    await page.setContent(html);
    await page.evaluate(COUNTER); // before the walk takes the methods
    await page.evaluate(SNAP);
    got = await page.evaluate((ids, s) => {
      const ask = (t, mask, set) => {
        let a = null;
        const f = (e) => { a = e.detail; };
        document.addEventListener('saavdhan-snapshot-answer', f, true);
        t.dispatchEvent(new CustomEvent('saavdhan-snapshot', { detail: mask + '\n' + JSON.stringify(set) }));
        document.removeEventListener('saavdhan-snapshot-answer', f, true);
        return a;
      };
      const out = {};
      ids.forEach((id, i) => {
        // Alone, with settings of their own (nothing learned for them), then after a learned row.
        const alone = ask(document.getElementById(id), '1', { ...s, fresh: i });
        const c0 = window.__calls.n;
        const chain = ask(document.getElementById('a-' + id), '11', s).split('\u001c');
        out[id] = { alone, after: chain[1], learnedRow: chain[0], calls: window.__calls.n - c0 };
      });
      // Calls for one row of the learned shape, right after a row of it: with settings
      // new to the walk each time (nothing learned), then with the learned ones.
      const one = (set) => { ask(document.getElementById('a-same'), '1', set); const c0 = window.__calls.n; ask(document.getElementById('same'), '1', set); return window.__calls.n - c0; };
      out.calls = { full: one({ ...s, fresh: -1 }), learned: one(s) };
      out.calls.fullAgain = one({ ...s, fresh: -2 });
      return out;
    }, Object.keys(ROWS), GRID);
  });
  after(async () => { if (browser) await browser.close(); });

  it('a row of the learned shape is read as the full walk reads it, with fewer DOM calls', () => {
    assert.equal(got.same.after, got.same.alone);
    assert.equal(got.same.alone.split('\u001e')[3], 'another text, same shape');
    assert.ok(got.calls.learned < got.calls.full * 0.75, `${got.calls.learned} calls along the shape against ${got.calls.full} in full`);
  });
  for (const id of Object.keys(ROWS).filter((k) => k !== 'same')) {
    it(`${id}: the same record as a walk with nothing learned`, () => {
      assert.equal(got[id].after, got[id].alone);
      assert.equal(got[id].learnedRow, got.learned.alone);
    });
  }
  it('what differs from the learned shape is read (media, texts, the separator)', () => {
    const f = (id) => got[id].after.split('\u001e');
    assert.match(f('image')[5], /^img\u001d\u001dPhoto/);
    assert.equal(f('reply')[3], 'the quoted text\u001fhello there');
    assert.equal(f('reply')[4], 'Replying to you');
    assert.match(f('separator')[1], /^hello there\u001d\u001d1$/);
    assert.match(f('callEvent')[5], /Missed call/);
    assert.equal(f('otherTag')[3], 'hello there');
    assert.equal(f('noHeading')[2], '');
    assert.equal(f('otherDir')[3], '');
    assert.equal(f('twoCells')[3], 'hello there\u001fmore');
  });
});
