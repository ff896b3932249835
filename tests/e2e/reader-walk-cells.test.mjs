// The main world's walk (extension/content/snapshot.js, MAIN on) on grid rows whose
// cells are not as Facebook serves them (docs/performance.md "Page cost", round
// sixteen): a gridcell that FOLLOWS the row's messages_table cell and has no
// data-scope (Facebook's visually hidden "Enter" cell) is skipped, with all it holds;
// everything in the messages_table cell is still read, and so is a following cell
// marked with data-scope, a cell before the message cell, and anything after it that
// is not a gridcell. Plain headless Chromium, no extension: the walk's answer string
// itself (fields separated by \u001e, items by \u001f, parts by \u001d).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { REPO_ROOT, CHROMIUM_PATH } from './lib/index.mjs';

const GRID = { message: ['data-scope', 'messages_table'], brk: ['data-scope', 'date_break'], cell: 'gridcell', label: '', attachment: 'a[href*="attachment"]', scope_row: true };
const SNAP = fs.readFileSync(path.join(REPO_ROOT, 'extension', 'content', 'snapshot.js'), 'utf8').replace('const MAIN = false;', 'const MAIN = true;');
const M = '<div class="xm" data-scope="messages_table" role="gridcell" tabindex="-1"><h5><span>Asha</span></h5><div dir="auto">hello there</div><span>seen</span></div>';
const ROWS = {
  // Facebook's: the hidden cell holds only the Enter button (nothing read either way).
  enter: M + '<div role="gridcell" class="xb2"><div role="button" tabindex="0">Enter</div></div>',
  // An unusual second cell: a heading, a dir=auto text, a span, a labelled element, a link, a separator.
  unusual: M + '<div role="gridcell" class="xc"><h4>Other Name</h4><div dir="auto">cell text</div><span>cell span</span>' +
    '<div aria-label="Cell label"></div><a href="https://example.org/x">x</a><span data-scope="date_break">Mon 10:00</span></div>',
  // The same second cell marked with data-scope: read.
  scoped: M + '<div role="gridcell" data-scope="other"><div dir="auto">scoped text</div></div>',
  // A cell BEFORE the message cell: read (only following siblings are skipped).
  before: '<div role="gridcell" class="xp"><div dir="auto">before text</div></div>' + M,
  // Not a gridcell after the message cell: read.
  plain: M + '<div><div dir="auto">plain text</div></div>',
  // A gridcell inside the message cell (older fixtures' shape): read, and it is the cell.
  inner: '<div data-scope="messages_table"><div role="gridcell" class="xi"><div dir="auto">inner text</div></div></div><div role="gridcell"><div dir="auto">after text</div></div>',
};

describe('the walk skips the hidden cell after a grid message (round sixteen)', () => {
  let browser;
  let answers;
  before(async () => {
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
    const page = await browser.newPage();
    const html = '<div role="grid">' + Object.entries(ROWS).map(([k, v]) => `<div role="row" id="${k}">${v}</div>`).join('') + '</div>';
    await page.setContent(html);
    await page.evaluate(SNAP);
    answers = await page.evaluate((ids, s) => {
      const out = {};
      for (const id of ids) {
        let a = null;
        const f = (e) => { a = e.detail; };
        document.addEventListener('saavdhan-snapshot-answer', f, true);
        document.getElementById(id).dispatchEvent(new CustomEvent('saavdhan-snapshot', { detail: '1\n' + JSON.stringify(s) }));
        document.removeEventListener('saavdhan-snapshot-answer', f, true);
        out[id] = a;
      }
      return out;
    }, Object.keys(ROWS), GRID);
  });
  after(async () => { if (browser) await browser.close(); });
  const fields = (id) => answers[id].split('\u001e');

  it('reads all of the message cell, and nothing of the Enter cell', () => {
    const [head, brk, heads, autos, spans, media, cell] = fields('enter');
    assert.equal(head, '1');
    assert.equal(brk, '');
    assert.equal(heads, 'Asha');
    assert.equal(autos, 'hello there');
    assert.equal(spans, 'seen');
    assert.equal(media, '');
    assert.equal(cell, 'xm\u0001');
  });
  it('an unusual second cell (heading, texts, media, a separator) is skipped whole', () => {
    // Not read: its heading would have been a second sender heading, its text an
    // auto text, its label and link media, its span a date separator of the row.
    assert.equal(answers.unusual, answers.enter);
  });
  it('a following cell with data-scope, a cell before, and a following non-cell are read', () => {
    assert.equal(fields('scoped')[3], 'hello there\u001fscoped text');
    assert.equal(fields('before')[3], 'before text\u001fhello there');
    assert.equal(fields('before')[6], 'xp\u0001', 'the first gridcell in the row is still the cell');
    assert.equal(fields('plain')[3], 'hello there\u001fplain text');
  });
  it('a gridcell inside the message element is read and is the cell; one after it is skipped', () => {
    assert.equal(fields('inner')[3], 'inner text');
    assert.equal(fields('inner')[6], 'xi\u0001');
  });
});
