# Saavdhan build and tests. The two commands README.md gives:
#   make build   — builds the extension (the release) for Chrome and Firefox into dist/
#   make test    — runs every test (native, wasm in headless Chromium, end-to-end
#                  in headless Chromium and Firefox ESR against the test build
#                  dist-test/, a smoke run against the release dist/, web-ext lint)
#   make build-test — the test build (dist-test/): the release plus its test and
#                  bench hooks (cargo feature test-hooks); the e2e suites and the bench use it
# Both install what they need on a fresh Debian machine first.

SHELL := /bin/bash
WASM_BINDGEN_VERSION := 0.2.130
TARGET := wasm32-unknown-unknown
PKG := target/pkg
PKG_TEST := target/pkg-test
WASM := target/$(TARGET)/release/saavdhan.wasm
export PATH := $(HOME)/.cargo/bin:$(PATH)
# --converge repeats -Oz while it still shrinks the module; --low-memory-unused lets
# it fold pointer offsets into loads and stores, as Rust's wasm32 layout puts the
# stack's far end, not data, in the first KiB. Content module: -1.2 KB gzip.
# The target_features section is for tools (wasm-bindgen reads it before this step);
# browsers ignore it.
# --flatten --rereloop first: binaryen's relooper rebuilds each function's control flow,
# which -Oz then shrinks further; the pair twice. Content module: -834 B gzip once, -408 B
# more the second time; the engine's bench in V8 not told apart from before (Node, the
# clock and instructions under callgrind; docs/performance.md "Size, round 36").
WASM_OPT_PASSES := --flatten --rereloop -Oz --converge --flatten --rereloop -Oz --converge
WASM_OPT_END := --low-memory-unused --strip-debug --strip-producers --strip-target-features
# The content module gets a last -Oz after the pair (the whole list still repeated while
# it shrinks; shrink's third argument): -733 B gzip on main's code, -1,047 B on round 40's
# (docs/performance.md "Size, round 40"; a third pair was +338 B). Not the pages' module:
# there it was -437 B raw but +192 B gzip.
CONTENT_OPT_LAST := -Oz
# Short import and export names (wasm-bindgen's import names carry a 16-digit hash
# each), written into the glue by tools/short-names.mjs. Content module: -4.3 KB gzip.
# $(call shrink,DIR,NAME[,LAST]): DIR/NAME_bg.wasm optimised in place (LAST: passes after
# the pair), DIR/NAME.js to match.
shrink = npx --no-install wasm-opt $(WASM_OPT_PASSES) $(3) $(WASM_OPT_END) --minify-imports-and-exports-and-modules $(1)/$(2)_bg.wasm -o $(1)/$(2)_bg.wasm > $(1)/$(2).names.json \
	&& node tools/short-names.mjs $(1)/$(2).js $(1)/$(2)_bg.wasm $(1)/$(2).names.json
# Reproducible wasm: the module would otherwise carry this checkout's path and
# $$CARGO_HOME's (panic locations of the crates), so two clones would differ.
CARGO_HOME ?= $(HOME)/.cargo
# sha2's documented compact software backend (its README, "Backends"): the PIN's
# PBKDF2 rounds are not unrolled, 2.5 KB gzip less in the content module for a PIN
# check ~12% slower (measured natively: 63.5 vs 56.7 ms for 100,000 rounds).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := --remap-path-prefix=$(CURDIR)=/saavdhan --remap-path-prefix=$(CARGO_HOME)=/cargo --cfg sha2_backend_soft="compact"

.PHONY: build build-test release test setup-build setup-test wasm wasm-test package package-test test-release test-reproducible test-native test-wasm test-e2e lint-firefox bench demo store-assets eval-heldout eval-tuning fuzz-build clean

build: setup-build wasm package

## The test build: the content module again with --features test-hooks (debug
## attributes on fixture pages, the ui's test events, bench exports, the loader's
## start-up figures); the pages' module is the release one.
build-test: setup-build wasm-test package-test

## Tools the build needs: the wasm target, wasm-bindgen-cli of exactly the
## crate's pinned version, and npm packages (binaryen's wasm-opt, not Debian's).
setup-build:
	@rustup target list --installed | grep -qx $(TARGET) || rustup target add $(TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

## Two modules: the content script's (saavdhan) and the options/popup pages'
## (saavdhan_pages, --features pages); each is bound right after its build, as both
## builds write the same $(WASM).
wasm:
	cargo build --release --target $(TARGET) --lib
	wasm-bindgen --target no-modules --no-typescript --out-dir $(PKG) --out-name saavdhan $(WASM)
	cargo build --release --target $(TARGET) --lib --features pages
	wasm-bindgen --target no-modules --no-typescript --out-dir $(PKG) --out-name saavdhan_pages $(WASM)
	$(call shrink,$(PKG),saavdhan,$(CONTENT_OPT_LAST))
	$(call shrink,$(PKG),saavdhan_pages)

package:
	node tools/package.mjs $(PKG) dist

## The store packages: dist/saavdhan-chrome-VERSION.zip, dist/saavdhan-firefox-VERSION.xpi,
## dist/saavdhan-source-VERSION.zip (for addons.mozilla.org) and dist/SHA256SUMS, from a
## fresh wasm build. VERSION is Cargo.toml's. See RELEASING.md.
release: setup-build wasm
	node tools/package.mjs --release $(PKG) dist

## Two `make release` runs in two fresh clones of HEAD must give byte-identical packages.
test-reproducible: setup-build
	bash tests/release/reproducible.sh

wasm-test: wasm
	mkdir -p $(PKG_TEST)
	cargo build --release --target $(TARGET) --lib --features test-hooks
	wasm-bindgen --target no-modules --no-typescript --out-dir $(PKG_TEST) --out-name saavdhan $(WASM)
	$(call shrink,$(PKG_TEST),saavdhan,$(CONTENT_OPT_LAST))
	cp $(PKG)/saavdhan_pages.js $(PKG)/saavdhan_pages_bg.wasm $(PKG_TEST)/

package-test:
	node tools/package.mjs $(PKG_TEST) dist-test --test

## Browsers for the end-to-end and wasm tests (Debian's; nothing downloads a browser).
setup-test: setup-build
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v firefox-esr >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr openssl zip fonts-lohit-deva fonts-lohit-deva-marathi; fi

test: setup-test build build-test test-native test-wasm test-e2e test-release test-reproducible  # test-e2e includes web-ext lint (foundation-lint.test.mjs)

test-native:
	cargo test
	cargo test -p saavdhan-normalize --lib  # the crate's own unit tests: a path dependency, which a bare `cargo test` does not test
	cargo build --manifest-path fuzz/Cargo.toml

test-wasm:
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target $(TARGET) --test 'wasm_*'

## Every e2e suite against the test build (dist-test/); the release-*.test.mjs
## files launch the release (dist/) themselves: no test hooks there, and the
## extension still warns.
test-e2e:
	node --test --test-concurrency=1 tests/e2e/

test-release:
	node --test --test-concurrency=1 tests/e2e/release-*.test.mjs

## The held-out blind sets (tests/heldout/): scored, not gated — they measure how the
## rules generalise to conversations nobody tuned them on (see tests/heldout/README.md).
eval-heldout:
	cargo run --release --quiet --bin saavdhan -- eval --budgets tests/data/eval_budgets.json tests/heldout

## Sets read to change rules but not yet within budget (tests/tuning/README.md): scored, not gated.
eval-tuning:
	cargo run --release --quiet --bin saavdhan -- eval --budgets tests/data/eval_budgets.json tests/tuning

lint-firefox:
	node tests/e2e/lib/lint-firefox.mjs dist/firefox

## Prints ONE table of figures (size, start-up in Chromium and Firefox, engine
## native / wasm / JS baseline, page cost with vs without, memory, reader cost).
bench: setup-test build build-test
	cargo build --release --bin saavdhan
	node tools/bench/run.mjs

## Opens Chromium with the built extension on practice pages showing each warning
## (headed where a display exists, else screenshots into out/screenshots/).
demo: build
	node tools/demo.mjs $(DEMO_ARGS)

## The store images (store/README.md): each warning level in en/hi/mr at 1280x800 and the
## promotional tiles, made from the built extension, copied into store/.
store-assets: setup-test build
	node tools/store/screenshots.mjs out/store/screenshots
	mkdir -p store/screenshots store/promo
	cp out/store/screenshots/screenshot-*.png store/screenshots/
	cp out/store/screenshots/promo-*.png store/promo/

clean:
	rm -rf dist dist-test $(PKG) $(PKG_TEST)
