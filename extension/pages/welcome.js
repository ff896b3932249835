// Welcome / practice page loader: instantiate the pages WebAssembly module, then hand over to Rust.
wasm_bindgen({ module_or_path: chrome.runtime.getURL('saavdhan_pages_bg.wasm') }).then(() => wasm_bindgen.start_welcome(), (e) => { document.documentElement.setAttribute('data-saavdhan-failed', String(e)); });
