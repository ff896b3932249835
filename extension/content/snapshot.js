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
//
// The same file runs in two worlds (issue 11, item 4, round nine). In the content
// script's ISOLATED world (MAIN false) it defines the two functions snapshot.rs
// imports: `__saavdhanSnapshot`, the walk run here, and `__saavdhanSnapshotMain`,
// which asks the page's MAIN world to run the walk (one synchronous DOM event per
// batch, one string back). tools/package.mjs writes content/snapshot-main.js, this
// file with MAIN true, which the manifest runs in the page's main world at
// document_start: there it captures the DOM methods the walk uses before any page
// script runs (a page's later wrappers or replacements are never called), defines
// nothing global, and answers the isolated side's requests. In the main world a
// node's wrapper is kept in the node itself; every other world's in a map per
// world, and Firefox's content script sees the page through Xray wrappers: the
// same walk costs 1.5-2 us a row less in Chromium and a third in Firefox
// (docs/performance.md "Page cost", rounds eight and nine).
(function () {
  'use strict';
  const MAIN = false; // tools/package.mjs: true in content/snapshot-main.js
  // The two events between the worlds: a request (target: the batch's first row;
  // detail: which rows to read, and the selectors' settings) and its answer (target:
  // the document; detail: the batch's string).
  const REQ = 'saavdhan-snapshot';
  const ANS = 'saavdhan-snapshot-answer';
  // The DOM methods the walk calls, as plain functions of (element, ...args). In the
  // main world they are taken from the prototypes now, at document_start, before any
  // page script runs. Calling a taken method (`call` bound to it) cost ~0.5 us a row
  // more than calling the element's own in Chromium (two runs each way on the
  // bench's 5,000 rows: 6.40 / 6.50 against 5.48 / 5.98 us a row, README round
  // nine), so each request first checks that the prototypes the walk's elements
  // inherit the methods from (Node, Element, HTMLElement; HTMLAnchorElement's `href`) still hold the same
  // functions, and only then calls the elements' own (`direct`); when a page script
  // has replaced or shadowed one there, every call goes to the taken ones, so no page
  // function runs inside the walk. (A page can still give an element an own property
  // of the same name; what such a page shows us is its own to forge anyway, as is
  // its answer, which the isolated side checks.) In the isolated world the page
  // cannot touch them.
  const uncurry = Function.prototype.bind.bind(Function.prototype.call);
  const describe = Object.getOwnPropertyDescriptor;
  const hasOwn = Object.prototype.hasOwnProperty;
  const EP = Element.prototype;
  const NP = Node.prototype;
  const HP = HTMLElement.prototype;
  // [prototype, name, the function taken (a method, or a getter when `get`)]
  const TAKEN = [];
  const take = (proto, name, get) => {
    const d = describe(proto, name);
    const f = get ? d.get : d.value;
    TAKEN.push([proto, name, f, get]);
    return uncurry(f);
  };
  let direct = true;
  const ownOf = uncurry(hasOwn);
  // Whether the prototypes still hold what was taken (one look per method and batch).
  const intact = () => {
    for (let i = 0; i < TAKEN.length; i++) {
      const t = TAKEN[i];
      const d = describe(t[0], t[1]);
      if (!d || (t[3] ? d.get : d.value) !== t[2] || ownOf(HP, t[1])) return false;
    }
    return true;
  };
  const cGetAttr = MAIN ? take(EP, 'getAttribute') : null;
  const cHasAttr = MAIN ? take(EP, 'hasAttribute') : null;
  const cHasAttrs = MAIN ? take(EP, 'hasAttributes') : null;
  const cClosest = MAIN ? take(EP, 'closest') : null;
  const cContains = MAIN ? take(NP, 'contains') : null;
  const cLocalName = MAIN ? take(EP, 'localName', true) : null;
  const cFirstChild = MAIN ? take(EP, 'firstElementChild', true) : null;
  const cNextSibling = MAIN ? take(EP, 'nextElementSibling', true) : null;
  const cText = MAIN ? take(NP, 'textContent', true) : null;
  const cNs = MAIN ? take(EP, 'namespaceURI', true) : null;
  const cHref = MAIN ? take(HTMLAnchorElement.prototype, 'href', true) : null;
  const getAttr = (e, n) => (direct ? e.getAttribute(n) : cGetAttr(e, n));
  const hasAttr = (e, n) => (direct ? e.hasAttribute(n) : cHasAttr(e, n));
  const hasAttrs = (e) => (direct ? e.hasAttributes() : cHasAttrs(e));
  const closest = (e, s) => (direct ? e.closest(s) : cClosest(e, s));
  const contains = (e, o) => (direct ? e.contains(o) : cContains(e, o));
  const localName = (e) => (direct ? e.localName : cLocalName(e));
  const firstChild = (e) => (direct ? e.firstElementChild : cFirstChild(e));
  const nextSibling = (e) => (direct ? e.nextElementSibling : cNextSibling(e));
  const textOf = (e) => (direct ? e.textContent : cText(e));
  const nsOf = (e) => (direct ? e.namespaceURI : cNs(e));
  // HTMLAnchorElement's `href` (the main world asks only an HTML `a`, whose own it is).
  const hrefOf = (e) => (direct ? e.href : cHref(e));
  const HTML_NS = 'http://www.w3.org/1999/xhtml';
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
  const text = (e) => str(textOf(e));
  const attr = (e, name) => str(getAttr(e, name));
  // A link's absolute address (an SVG `a` has none that is a string).
  const href = (e) => {
    if (MAIN) return nsOf(e) === HTML_NS ? str(hrefOf(e)) : '';
    const h = e.href;
    return typeof h === 'string' ? str(h) : '';
  };
  const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

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
  // The main world's row shape (grid only; round seventeen). A full walk of a row
  // records, per element it visits, its tag, the attribute values that set its path
  // (data-scope on every element, as the walk reads it; role and dir where the row had
  // them) and what it gave (heading, dir=auto, span text; the cell; the message). The
  // next rows are first walked along that shape (`replay`): the same elements by
  // firstElementChild / nextElementSibling, each one's tag and those values checked,
  // the texts read; any difference (an element more or less, another tag, another
  // value) and the row is walked in full, and its shape learned in place of the last.
  // Not learned from a row with media, an aria-hidden part or a separator (their reads
  // are not replayed). What a replay does not read again: hasAttributes, and the
  // role, aria-label, aria-hidden and dir that the learned row did not have. The last
  // two shapes are kept, the one that last matched first (a thread's rows alternate:
  // with and without the sender's heading, a forward's line).
  let REC = null; // the recording's list of the current element's children, or null
  let LEARN = false; // the row being walked can be learned
  const SHAPES = new WeakMap(); // settings object -> its learned shapes (each a list of nodes)

  // The elements from `first` on and under them, in document order (as querySelectorAll
  // gives them). `scope`: inside the scope (grid: the row; log: the message);
  // `hidden` / `heading`: inside an [aria-hidden=true] / a heading within the scope.
  // Each element is touched once, and its attributes read once (each read is a call).
  function walk(first, s, scope, hidden, heading) {
    const mAttr = s.message[0];
    const bAttr = s.brk[0];
    // The message element was an earlier sibling in this loop (grid: the row's
    // messages_table cell): a following sibling cell not so marked is skipped below.
    let afterM = false;
    const rec = REC;
    for (let c = first; c !== null; c = nextSibling(c)) {
      let node = null;
      if (rec !== null) {
        node = { tag: '', ds: null, role: null, dir: null, emit: 0, cell: false, m: false, skip: false, kids: null };
        rec.push(node);
      }
      let inScope = scope;
      let hid = hidden;
      let head = heading;
      const attrs = hasAttrs(c);
      let mv;
      if (attrs && (M === null || B === null)) {
        mv = getAttr(c, mAttr);
        const bv = bAttr === mAttr ? mv : getAttr(c, bAttr);
        if (node !== null) node.ds = mv;
        if (M === null && mv === s.message[1]) {
          M = c;
          if (node !== null) node.m = true;
          if (!scope) { inScope = true; hid = false; head = false; }
        }
        if (B === null && bv === s.brk[1]) B = c;
      } else if (attrs && node !== null) LEARN = false; // data-scope not read: not a shape to replay

      if (scope) {
        const role = attrs ? getAttr(c, 'role') : null;
        // Grid: the second, visually hidden gridcell after the messages_table cell
        // (it holds only the "Enter" button; README "Reading Facebook") is not read,
        // nor anything in it: a cell (s.cell) that follows the message element as its
        // sibling and lacks the message's attribute (data-scope). Round sixteen.
        if (afterM && role !== null && role === s.cell && (mv === undefined ? getAttr(c, mAttr) : mv) === null) {
          if (node !== null) {
            if (mv === undefined) LEARN = false;
            node.tag = localName(c); // one call more on a recorded row only
            node.role = role;
            node.skip = true;
          }
          continue;
        }
        const tag = localName(c);
        if (node !== null) {
          node.tag = tag;
          node.role = role;
        }
        const isHeading = role === 'heading' || (tag.length === 2 && HEADING_TAGS.has(tag));
        if (isHeading) {
          HEADS += (nHeads++ === 0 ? '' : ITEM) + text(c);
          if (node !== null) node.emit = 1;
        }
        // MEDIA: img, [role=img], [aria-label], a[href] outside a hidden part; audio, video.
        if (tag === 'audio' || tag === 'video' ||
          (!hidden && (tag === 'img' || (attrs && (role === 'img' || hasAttr(c, 'aria-label') || (tag === 'a' && hasAttr(c, 'href'))))))) {
          const img = tag === 'img';
          LEARN = false;
          MEDIA += (nMedia++ === 0 ? '' : ITEM) + tag + PART + str(role) + PART + attr(c, img ? 'alt' : 'aria-label') + PART +
            (tag === 'a' ? href(c) : '') + PART +
            (img && closest(c, s.attachment) ? '1' : '0') + PART + (isHeading ? '1' : '0');
        }
        hid = hidden || (attrs && getAttr(c, 'aria-hidden') === 'true');
        if (hid) LEARN = false;
        head = heading || isHeading;
        // AUTOS / SPANS: [dir=auto] / other spans outside headings and hidden parts.
        if (!hid && !head) {
          // The reflected `dir` (HTML elements: the keyword lower-cased, '' when absent
          // or unknown); other elements have none: their attribute is asked. In the main
          // world the attribute always (its getter is HTMLElement's: an SVG element has
          // none), which the test below reads the same way.
          const d = attrs ? (MAIN ? getAttr(c, 'dir') : c.dir) : '';
          const dir = d === undefined ? getAttr(c, 'dir') : d;
          if (node !== null) {
            if (!MAIN) LEARN = false;
            node.dir = dir;
          }
          if (dir !== null && dir !== '' && (dir === 'auto' || dir.toLowerCase() === 'auto')) {
            AUTOS += (nAutos++ === 0 ? '' : ITEM) + text(c);
            if (node !== null) node.emit = 2;
          } else if (tag === 'span') {
            SPANS += (nSpans++ === 0 ? '' : ITEM) + text(c);
            if (node !== null) node.emit = 3;
          }
        }
        if (CELL === null && role !== null && role === s.cell) {
          CELL = c;
          if (node !== null) node.cell = true;
        }
      } else if (node !== null) LEARN = false;
      // One call per element (a leaf gives null): asking for the count first was no
      // cheaper, in the content script's world on the bench's rows
      // (docs/performance.md "Page cost").
      const f = firstChild(c);
      if (f !== null) {
        if (node !== null) REC = node.kids = [];
        walk(f, s, inScope, hid, head);
        REC = rec;
      }
      if (M === c) afterM = true;
    }
  }

  // The row's elements from `first` on along a learned shape's `kids` (see SHAPES):
  // true when every element is there with the tag and values learned, and no more;
  // the texts, the message element and the cell are taken as the full walk takes them.
  function replay(first, kids, mAttr) {
    let c = first;
    for (let i = 0; i < kids.length; i++) {
      if (c === null) return false;
      const n = kids[i];
      if (localName(c) !== n.tag || getAttr(c, mAttr) !== n.ds) return false;
      if (n.role !== null && getAttr(c, 'role') !== n.role) return false;
      if (n.dir !== null && getAttr(c, 'dir') !== n.dir) return false;
      if (!n.skip) {
        if (n.m) M = c;
        if (n.emit === 1) HEADS += (nHeads++ === 0 ? '' : ITEM) + text(c);
        else if (n.emit === 2) AUTOS += (nAutos++ === 0 ? '' : ITEM) + text(c);
        else if (n.emit === 3) SPANS += (nSpans++ === 0 ? '' : ITEM) + text(c);
        if (n.cell) CELL = c;
        const f = firstChild(c);
        if (n.kids === null ? f !== null : f === null || !replay(f, n.kids, mAttr)) return false;
      }
      c = nextSibling(c);
    }
    return c === null;
  }

  function readRow(row, s) {
    // One read when the message and the separator are marked by the same attribute (grid).
    const mv = getAttr(row, s.message[0]);
    const m0 = mv === s.message[1] ? row : null;
    const b0 = (s.brk[0] === s.message[0] ? mv : getAttr(row, s.brk[0])) === s.brk[1] ? row : null;
    const start = () => {
      M = m0;
      B = b0;
      CELL = null;
      HEADS = AUTOS = SPANS = MEDIA = '';
      nHeads = nAutos = nSpans = nMedia = 0;
    };
    start();
    // Grid: the row is the scope; log: the message element (the walk enters it).
    const f = firstChild(row);
    // The main world's grid rows: first along the last row's shape (SHAPES), else in full, learning.
    const shapes = MAIN && s.scope_row === true && m0 === null && b0 === null && f !== null;
    const known = shapes ? SHAPES.get(s) : undefined;
    let hit = false;
    if (known !== undefined) {
      for (let k = 0; k < known.length && !hit; k++) {
        if (k !== 0) start();
        hit = replay(f, known[k], s.message[0]);
        if (hit && k !== 0) { const t = known[k]; known[k] = known[0]; known[0] = t; }
      }
    }
    if (!hit) {
      if (known !== undefined) start();
      if (shapes) {
        REC = [];
        LEARN = true;
      }
      const rec = REC;
      try {
        if (f !== null) walk(f, s, s.scope_row || M !== null, false, false);
      } finally {
        REC = null;
      }
      if (rec !== null && LEARN && M !== null && B === null) {
        if (known === undefined) SHAPES.set(s, [rec]);
        else { known.unshift(rec); if (known.length > 2) known.pop(); }
      }
    }
    const m = M;
    const b = B;
    const head = m ? '1' + (s.label ? attr(m, s.label) : '') : '0';
    const brk = b ? text(b) + PART + attr(b, 'aria-label') + PART + (m && contains(m, b) ? '1' : '0') : '';
    if (!m) return head + FIELD + brk + FIELD + text(row);
    const cell = s.cell !== null ? CELL : m;
    const cls = cell ? getAttr(cell, 'class') : null;
    return head + FIELD + brk + FIELD + HEADS + FIELD + AUTOS + FIELD + SPANS + FIELD + MEDIA + FIELD +
      (cls !== null ? str(cls) + KEY + attr(cell, 'style') : '');
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
  if (MAIN) {
    answerRequests();
    return; // nothing global in the page's world
  }

  // ---- The isolated side: asking the main world. ----
  //
  // How a batch's rows are named across the worlds: no DOM object crosses from one
  // world to the other except as an event's target (a CustomEvent's detail carries
  // strings; an object in it arrives as null or a clone), and marking the rows with
  // an attribute would be a mutation the page and our own observer see. So the
  // request is dispatched AT the batch's first row, and the main world takes the
  // next rows as that row's following element siblings. The isolated side sends a
  // batch this way only when its rows are exactly such a chain (each row is the
  // previous one's nextElementSibling, checked just before the synchronous
  // dispatch, so both worlds name the same elements); it holds for a full pass over
  // a list whose rows are siblings and for rows appended together, and any other
  // batch is walked here. Round eight named a batch by an index range on the grid's
  // rows, which the main world queried again: the reader's pass keeps a list taken
  // steps earlier and also reads arbitrary added elements, which an index into a
  // fresh query does not name. Which rows of the chain to read (not in `seen`, a row
  // of the list, not a repeat) is decided here and sent as a mask of '0'/'1', so
  // the main world needs nothing of this world's; the answer is the page's text,
  // untrusted: snapshot.rs checks it (record.rs `Batch::from_main`) against the mask
  // this function puts in front of it, and walks the batch here when it is not
  // well-formed.
  let waiting = false;
  let answer = null;
  let absent = false; // no main world answered: do not ask again on this page
  const settings = new WeakMap(); // snapshot.rs's selector objects -> their JSON
  document.addEventListener(ANS, (e) => {
    if (waiting) {
      answer = e.detail;
      waiting = false; // the first answer only
    }
  }, true);

  /**
   * As `snapshot`, with the walk run by the page's main world. Returns the mask (a
   * '0' or '1' per row of the batch: read or not), RECORD, then the main world's
   * answer; null when the batch is not one chain of siblings, nothing is to be read,
   * or no answer came (then the caller walks the batch here). Never throws.
   */
  function snapshotMain(rows, start, end, seen, s, only, within) {
    if (absent) return null;
    try {
      const n = Math.min(end, rows.length);
      if (n <= start) return null;
      const done = only ? new Set() : null;
      let mask = '';
      let any = false;
      let prev = null;
      // The rows of a chain are siblings: one of them lies in `within` when it is
      // `within` itself or their parent does (one `contains` a batch, not one a row).
      let parentIn = null;
      for (let i = start; i < n; i++) {
        const r = rows[i];
        if (!r || (prev !== null && prev.nextElementSibling !== r)) return null;
        prev = r;
        let read = !(seen && seen.has(r));
        if (read && only) {
          if (within && parentIn === null) parentIn = within.contains(r.parentNode);
          read = !done.has(r) && r.matches(only) && (!within || parentIn || r === within);
          if (read) done.add(r);
        }
        mask += read ? '1' : '0';
        any = any || read;
      }
      if (!any) return null;
      let sj = settings.get(s);
      if (sj === undefined) {
        sj = JSON.stringify(s);
        settings.set(s, sj);
      }
      answer = null;
      waiting = true;
      try {
        rows[start].dispatchEvent(new CustomEvent(REQ, { detail: mask + '\n' + sj }));
      } finally {
        waiting = false;
      }
      const a = answer;
      answer = null;
      if (a === null) {
        absent = true;
        return null;
      }
      return typeof a === 'string' ? mask + RECORD + a : null;
    } catch (_) {
      return null;
    }
  }

  globalThis.__saavdhanSnapshot = snapshot;
  globalThis.__saavdhanSnapshotMain = snapshotMain;

  // ---- The main world's side (content/snapshot-main.js). ----
  function answerRequests() {
    const on = uncurry(EventTarget.prototype.addEventListener);
    const fire = uncurry(EventTarget.prototype.dispatchEvent);
    const stop = uncurry(Event.prototype.stopImmediatePropagation);
    const targetOf = uncurry(describe(Event.prototype, 'target').get);
    const detailOf = uncurry(describe(CustomEvent.prototype, 'detail').get);
    const Custom = CustomEvent;
    const parse = JSON.parse;
    const doc = document;
    const win = globalThis;
    // Parsed settings by their JSON (the reader sends two; a few more are parsed afresh).
    const known = new Map();
    // The first listener of the capture path (registered before any page script):
    // the request goes no further, so no page listener sees it.
    on(win, REQ, (e) => {
      stop(e);
      const d = detailOf(e);
      const t = targetOf(e);
      // A request that cannot be read is answered with '' (the isolated side then
      // walks the batch itself and keeps asking); no answer means no main world.
      let out = '';
      try {
        const k = typeof d === 'string' && t !== null && typeof t === 'object' ? d.indexOf('\n') : -1;
        if (k < 1) throw 0;
        const mask = d.slice(0, k);
        const sj = d.slice(k + 1);
        let s = known.get(sj);
        if (s === undefined) {
          s = parse(sj);
          if (known.size < 4) known.set(sj, s);
        }
        direct = intact();
        let r = t;
        for (let i = 0; i < mask.length; i++) {
          if (i !== 0) {
            out += RECORD;
            r = nextSibling(r);
            if (r === null) throw 0; // not the chain the isolated side saw
          }
          if (mask.charCodeAt(i) === 49) out += readRow(r, s);
        }
      } catch (_) {
        out = '';
      }
      fire(doc, new Custom(ANS, { detail: out }));
    }, true);
  }
})();
