// Content-script loader. The platform demands JavaScript here: it instantiates
// the WebAssembly module (glue from wasm-bindgen --target no-modules, listed
// before this file) and hands over to Rust. If WebAssembly cannot start, the
// page is left exactly as it was and the toolbar says why:
// - 'paused_wasm': the PAGE blocks WebAssembly (a page CSP without
//   'wasm-unsafe-eval' in Chromium);
// - 'not_started': Saavdhan itself could not start (its module is missing or
//   damaged), although the page allows WebAssembly.
// Lines between "test-hooks:begin" and "test-hooks:end" are in the test build
// only (make build-test); tools/package.mjs removes them from the release.
(function () {
  'use strict';
  if (globalThis.__saavdhanStarted) return;
  globalThis.__saavdhanStarted = true;

  function tell(state, detail) {
    try {
      const p = chrome.runtime.sendMessage({ type: 'saavdhan:state', state, detail: String(detail || '') });
      if (p && typeof p.catch === 'function') p.catch(function () {});
    } catch (_) {
      // The extension was reloaded or the channel is closed: nothing to tell.
    }
  }

  function markForTests(state) {
    // test-hooks:begin
    const root = document.documentElement;
    if (root && root.hasAttribute('data-saavdhan-test')) root.setAttribute('data-saavdhan-protection', state);
    // test-hooks:end
  }

  // Whether this page lets a content script compile WebAssembly at all: the
  // smallest valid module (magic + version). A page CSP without
  // 'wasm-unsafe-eval' makes this throw in Chromium; if it compiles, a failure
  // to start is ours (missing or damaged module), not the page's.
  function pageAllowsWasm() {
    try {
      new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      return true;
    } catch (_) {
      return false;
    }
  }

  function failed(e) {
    const state = pageAllowsWasm() ? 'not_started' : 'paused_wasm';
    tell(state, e && e.message);
    markForTests(state);
  }

  if (typeof wasm_bindgen !== 'function') {
    failed({ message: 'glue missing' });
    return;
  }
  // test-hooks:begin
  const t0 = performance.now();
  // test-hooks:end
  wasm_bindgen({ module_or_path: chrome.runtime.getURL('saavdhan_bg.wasm') }).then(
    function () {
      // test-hooks:begin
      const t1 = performance.now();
      // test-hooks:end
      try {
        wasm_bindgen.start_content();
      } catch (e) {
        tell('page_not_understood', e && e.message);
        markForTests('page_not_understood');
      }
      // test-hooks:begin
      // Start-up timing, published on fixture pages only (tools/bench reads it).
      const root = document.documentElement;
      if (root && root.hasAttribute('data-saavdhan-test') && typeof wasm_bindgen.bench_compile_rules === 'function') {
        try {
          const t2 = performance.now();
          const rules = wasm_bindgen.bench_compile_rules();
          const t3 = performance.now();
          root.setAttribute('data-saavdhan-startup', JSON.stringify({
            instantiate_ms: t1 - t0, start_ms: t2 - t1, rules_ms: rules, total_ms: t3 - t0,
            wasm_memory_bytes: wasm_bindgen.bench_wasm_memory(),
          }));
        } catch (_) { /* timing is optional */ }
      }
      // test-hooks:end
    },
    failed
  );
})();
