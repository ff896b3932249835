// Batch snapshot of message rows, for the reader in WebAssembly (issue 11, item 4).
// Every call from WebAssembly into the DOM is a crossing; a row read with queries
// from Rust costs several. This helper reads a batch of rows in ONE call, walking
// each row's elements ONCE (no selector matching per row), and hands back ONE
// string for the whole batch. It decides nothing: the attributes that mark a
// message, a separator and a cell come from Rust (src/web/reader/snapshot.rs),
// which also parses the string and does all the reading logic. The element tests
// below are those of snapshot.rs's selectors (HEADINGS, AUTOS, SPANS, MEDIA, ...),
// which its fallback `view_dom` runs as queries; the bench compares the two
// (bench_read_rows, "same messages"). Listed in the manifest before the loader.
(function () {
  'use strict';
  // Separators inside the batch's string (control characters never shown as text;
  // any in the page's text are replaced, so a message cannot forge a field).
  const RECORD = '\u001c';
  const FIELD = '\u001e';
  const ITEM = '\u001f';
  const PART = '\u001d';
  // A cell's alignment memo key is its class and style joined by this (snapshot.rs `memo_key`).
  const KEY = '\u0001';
  const SEPS = /[\u001c-\u001f]/;
  const SEPS_ALL = /[\u001c-\u001f]/g;
  const CAP = 4096; // the engine needs the first few KB of a message
  const str = (s) => {
    if (!s) return '';
    if (s.length > CAP) s = s.slice(0, CAP);
    return SEPS.test(s) ? s.replace(SEPS_ALL, ' ') : s;
  };
  const text = (e) => str(e.textContent);
  const attr = (e, name) => str(e.getAttribute(name));
  const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
  // Whether `e` carries the attribute/value pair `p` ([name, value]; null: never).
  const is = (e, p) => p !== null && e.getAttribute(p[0]) === p[1];

  // What one walk of a row finds (reset per row; the helper runs to completion, so
  // one state serves). Each list is one string, built as the walk goes (no array per
  // row), with its item count: an empty item still takes its separator.
  let M = null; // the message element
  let B = null; // the date separator
  let CELL = null;
  let HEADS = '';
  let AUTOS = '';
  let SPANS = '';
  let MEDIA = '';
  let nHeads = 0;
  let nAutos = 0;
  let nSpans = 0;
  let nMedia = 0;

  // The elements from `first` on and under them, in document order (as querySelectorAll
  // gives them). `scope`: inside the scope (grid: the row; log: the message);
  // `hidden` / `heading`: inside an [aria-hidden=true] / a heading within the scope.
  // Each element is touched once, and its attributes read once (each read is a call).
  function walk(first, s, scope, hidden, heading) {
    const mAttr = s.message[0];
    const bAttr = s.brk[0];
    for (let c = first; c !== null; c = c.nextElementSibling) {
      let inScope = scope;
      let hid = hidden;
      let head = heading;
      const attrs = c.hasAttributes();
      if (attrs && (M === null || B === null)) {
        const mv = c.getAttribute(mAttr);
        const bv = bAttr === mAttr ? mv : c.getAttribute(bAttr);
        if (M === null && mv === s.message[1]) {
          M = c;
          if (!scope) { inScope = true; hid = false; head = false; }
        }
        if (B === null && bv === s.brk[1]) B = c;
      }
      if (scope) {
        const tag = c.localName;
        const role = attrs ? c.getAttribute('role') : null;
        const isHeading = role === 'heading' || (tag.length === 2 && HEADING_TAGS.has(tag));
        if (isHeading) HEADS += (nHeads++ === 0 ? '' : ITEM) + text(c);
        // MEDIA: img, [role=img], [aria-label], a[href] outside a hidden part; audio, video.
        if (tag === 'audio' || tag === 'video' ||
          (!hidden && (tag === 'img' || (attrs && (role === 'img' || c.hasAttribute('aria-label') || (tag === 'a' && c.hasAttribute('href'))))))) {
          const img = tag === 'img';
          MEDIA += (nMedia++ === 0 ? '' : ITEM) + tag + PART + str(role) + PART + attr(c, img ? 'alt' : 'aria-label') + PART +
            (tag === 'a' && typeof c.href === 'string' ? str(c.href) : '') + PART +
            (img && c.closest(s.attachment) ? '1' : '0') + PART + (isHeading ? '1' : '0');
        }
        hid = hidden || (attrs && c.getAttribute('aria-hidden') === 'true');
        head = heading || isHeading;
        // AUTOS / SPANS: [dir=auto] / other spans outside headings and hidden parts.
        if (!hid && !head) {
          // The reflected `dir` (HTML elements: the keyword lower-cased, '' when absent
          // or unknown); other elements have none: their attribute is asked.
          const d = attrs ? c.dir : '';
          const dir = d === undefined ? c.getAttribute('dir') : d;
          if (dir !== null && dir !== '' && (dir === 'auto' || dir.toLowerCase() === 'auto')) AUTOS += (nAutos++ === 0 ? '' : ITEM) + text(c);
          else if (tag === 'span') SPANS += (nSpans++ === 0 ? '' : ITEM) + text(c);
        }
        if (CELL === null && role !== null && role === s.cell) CELL = c;
      }
      // One call per element (a leaf gives null): asking for the count first was no
      // cheaper, in the content script's world on the bench's rows (README "Page cost").
      const f = c.firstElementChild;
      if (f !== null) walk(f, s, inScope, hid, head);
    }
  }

  function readRow(row, s) {
    M = is(row, s.message) ? row : null;
    B = is(row, s.brk) ? row : null;
    CELL = null;
    HEADS = AUTOS = SPANS = MEDIA = '';
    nHeads = nAutos = nSpans = nMedia = 0;
    // Grid: the row is the scope; log: the message element (the walk enters it).
    if (row.childElementCount !== 0) walk(row.firstElementChild, s, s.scope_row || M !== null, false, false);
    const m = M;
    const b = B;
    const head = m ? '1' + (s.label ? attr(m, s.label) : '') : '0';
    const brk = b ? text(b) + PART + attr(b, 'aria-label') + PART + (m && m.contains(b) ? '1' : '0') : '';
    if (!m) return head + FIELD + brk + FIELD + text(row);
    const cell = s.cell !== null ? CELL : m;
    return head + FIELD + brk + FIELD + HEADS + FIELD + AUTOS + FIELD + SPANS + FIELD + MEDIA + FIELD +
      (cell && cell.hasAttribute('class') ? attr(cell, 'class') + KEY + attr(cell, 'style') : '');
  }

  /**
   * rows: a NodeList or Array of row elements; [start, end) the batch; seen: a WeakMap of
   * rows already read (an empty record is returned for those); s: what snapshot.rs
   * passes (message, brk: [attribute, value]; cell: a role or null; label: an attribute
   * or ''; attachment: a selector; scope_row). For added elements: only, a selector
   * that an element must match to be read, and within, the list it must lie in (the
   * rows among added elements; a repeat is read once). Returns one string: a record
   * per row, separated by RECORD (one string built for the batch, no array).
   */
  function snapshot(rows, start, end, seen, s, only, within) {
    let out = '';
    const n = Math.min(end, rows.length);
    const done = only ? new Set() : null;
    for (let i = start; i < n; i++) {
      if (i !== start) out += RECORD;
      const r = rows[i];
      if (!r || (seen && seen.has(r))) continue;
      if (only) {
        if (done.has(r) || !r.matches(only) || (within && !within.contains(r))) continue;
        done.add(r);
      }
      out += readRow(r, s);
    }
    return out;
  }
  globalThis.__saavdhanSnapshot = snapshot;
})();
