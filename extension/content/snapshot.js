// Batch snapshot of message rows, for the reader in WebAssembly (issue 11, item 4).
// Every call from WebAssembly into the DOM is a crossing; a row read with queries
// from Rust costs several. This helper reads a batch of rows in ONE call and hands
// back one plain string per row. It decides nothing: the selectors come from Rust
// (src/web/reader/snapshot.rs), which also parses the strings and does all the
// reading logic. Listed in the manifest before the loader.
(function () {
  'use strict';
  // Separators inside a row's string (control characters never shown as text).
  const FIELD = '\u001e';
  const ITEM = '\u001f';
  const PART = '\u001d';
  const CAP = 4096; // the engine needs the first few KB of a message
  const cap = (s) => (s && s.length > CAP ? s.slice(0, CAP) : s || '');
  const texts = (scope, sel) => {
    if (!sel) return '';
    const out = [];
    for (const e of scope.querySelectorAll(sel)) out.push(cap(e.textContent));
    return out.join(ITEM);
  };

  /**
   * rows: a NodeList or Array of row elements; [start, end) the batch; seen: a WeakMap of
   * rows already read (null is returned for those); s: the selectors, in the order
   * snapshot.rs names them. Returns an Array of strings (or null).
   */
  function snapshot(rows, start, end, seen, s) {
    const out = [];
    const n = Math.min(end, rows.length);
    for (let i = start; i < n; i++) {
      const r = rows[i];
      if (!r || (seen && seen.has(r))) { out.push(null); continue; }
      const m = s.message ? (r.matches(s.message) ? r : r.querySelector(s.message)) : null;
      const b = r.matches(s.brk) ? r : r.querySelector(s.brk);
      const f = [];
      // Labels are capped too: a log-layout message's label holds its whole text.
      f.push(m ? '1' + cap(s.label && m.getAttribute(s.label)) : '0');
      f.push(b ? cap(b.textContent) + PART + cap(b.getAttribute('aria-label')) + PART + (m && m.contains(b) ? '1' : '0') : '');
      if (!m) {
        f.push(cap(r.textContent));
        out.push(f.join(FIELD));
        continue;
      }
      const scope = s.scope_row ? r : m;
      const hs = scope.querySelectorAll(s.headings);
      f.push(Array.from(hs, (e) => cap(e.textContent)).join(ITEM));
      const hasHeadings = hs.length > 0;
      // Simple selectors where the row has neither headings nor a hidden part (most rows).
      const plain = !hasHeadings && !scope.querySelector(s.hidden);
      f.push(texts(scope, hasHeadings ? s.autos_h : plain ? s.autos_plain : s.autos));
      f.push(texts(scope, hasHeadings ? s.spans_h : plain ? s.spans_plain : s.spans));
      const media = [];
      if (scope.querySelector(s.media_any)) {
        for (const e of scope.querySelectorAll(s.media)) {
          const tag = e.localName;
          const label = tag === 'img' ? e.getAttribute('alt') : e.getAttribute('aria-label');
          media.push([tag, cap(e.getAttribute('role')), cap(label), tag === 'a' ? cap(e.href) : '',
            tag === 'img' && e.closest(s.attachment) ? '1' : '0', e.matches(s.headings) ? '1' : '0'].join(PART));
        }
      }
      f.push(media.join(ITEM));
      const cell = s.cell ? scope.querySelector(s.cell) : m;
      f.push(cell ? cap(cell.getAttribute('class')) + PART + cap(cell.getAttribute('style')) + PART + (cell.hasAttribute('class') ? '1' : '0') : '');
      out.push(f.join(FIELD));
    }
    return out;
  }
  globalThis.__saavdhanSnapshot = snapshot;
})();
