// Content-script loader. The platform demands JavaScript here: it instantiates
// the WebAssembly module (glue from wasm-bindgen --target no-modules, listed
// before this file) and hands over to Rust. If WebAssembly cannot start (for
// example a page CSP without 'wasm-unsafe-eval' in Chromium), the page is left
// exactly as it was and the toolbar says that protection is paused here.
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
    // Only fixture pages carry data-saavdhan-test; Facebook never does.
    const root = document.documentElement;
    if (root && root.hasAttribute('data-saavdhan-test')) root.setAttribute('data-saavdhan-protection', state);
  }

  if (typeof wasm_bindgen !== 'function') {
    tell('paused_wasm', 'glue missing');
    markForTests('paused_wasm');
    return;
  }
  // Start-up timing, published on fixture pages only (tools/bench reads it).
  const t0 = performance.now();
  wasm_bindgen({ module_or_path: chrome.runtime.getURL('saavdhan_bg.wasm') }).then(
    function () {
      const t1 = performance.now();
      try {
        wasm_bindgen.start_content();
      } catch (e) {
        tell('page_not_understood', e && e.message);
        markForTests('page_not_understood');
      }
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
    },
    function (e) {
      tell('paused_wasm', e && e.message);
      markForTests('paused_wasm');
    }
  );
})();
