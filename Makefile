# bss-storefront — every target installs what it needs first.
#   make demo    build and serve the storefront demo on http://127.0.0.1:8080
#   make test    lint, Rust tests, wasm build + size budget, JS tests, browser tests
#   make build   the npm package in pkg/ (web + node builds)
#   make bench   benchmarks (make bench-load: the signing proxy and the demo under load)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

BINDING    := bss-storefront-wasm
AREAS      := registration pricing client
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT   := target/$(WASM_TARGET)/release/bss_storefront_wasm.wasm
# npm binaryen (132). Never Debian's wasm-opt 108: it writes modules that fail at init.
WASM_OPT   := node_modules/.bin/wasm-opt
# `--low-memory-unused`: rustc's wasm layout puts the stack first (data from 1 MiB up, the stack
# below), so the first 1 KiB is only reached by a stack about to overflow; wasm-opt may then fold
# constant offsets into loads and stores. With `--converge`: pricing 140,097 -> 138,864 B gzipped,
# registration 28,988 -> 28,844, client 71,402 -> 71,028.
WASM_OPT_FLAGS := -Oz -ocimfs 40 --low-memory-unused --converge --strip-producers --strip-target-features --enable-bulk-memory \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue
# The wasm build names dependency files in panic locations from the registry's source folder
# (`index.crates.io-…/rust_decimal-1.43.0/src/ops/div.rs`), not from this machine's CARGO_HOME:
# no build-machine path in the shipped modules, the same bytes wherever they are built.
WASM_RUSTFLAGS := "--remap-path-prefix=$(or $(CARGO_HOME),$(HOME)/.cargo)/registry/src/="
WBG_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
NODE_TESTS := $(sort $(wildcard tests/js/*.test.mjs))
# The official Python SDK, the oracle of the signer's differential test (git-ignored venv).
VENV       := .venv
HWSDK      := huaweicloudsdkcore==3.1.219 huaweicloudsdkbss==3.1.219 huaweicloudsdkbssintl==3.1.219
SIGN_DIFF  := target/sign-differential.json
SIGN_CASES := 600

# apt needs root; use sudo when not running as root (CI runs as root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export CARGO_TERM_COLOR := never

# `make fuzz`: the native fuzzer (tests/fuzz.rs) and the JS fuzzer (tests/js/fuzz.test.mjs) for
# FUZZ_SECONDS each (default 300), printing calls per export, panics/traps and violations.
FUZZ_SECONDS ?= 300

.PHONY: fuzz demo test build bench bench-load bench-sign tools tools-rust tools-node tools-browser tools-python lint rust-test sign-diff sdk-wire sdk-requests js-test clean

## ---- tools ---------------------------------------------------------------

tools: tools-rust tools-node

tools-rust:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WBG_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WBG_VERSION) (a few minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WBG_VERSION); \
	fi

tools-node: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

tools-browser:
	@if ! command -v chromium >/dev/null; then \
	  echo "installing Debian chromium (once)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@# A Chinese font, so that the zh screenshots of the demo are legible (tests pass without it).
	@if ! fc-list 2>/dev/null | grep -qiE 'WenQuanYi|Noto Sans CJK|Noto Serif CJK'; then \
	  echo "installing a CJK font for the browser screenshots (once)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null; \
	fi

tools-python: $(VENV)/.installed-bss

# The stamp names the SDK set: a venv made before the BSS models were added is completed.
$(VENV)/.installed-bss:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(HWSDK)
	@touch $@

## ---- build ---------------------------------------------------------------

# One wasm module per area: the binding crate (pkg/) once per feature, each module shared by the
# web (ES module) and Node (CommonJS) glue in pkg/dist. `-ocimfs 40` keeps wasm-opt from inlining
# whole pipelines into the export shims: smaller (5 % gzipped on pricing) and a faster first call.
# The client (network-bound: a call waits for BSS) is compiled for size, rustc opt-level "z":
# 9 KB gzipped smaller than "s"; signing stays far faster than the network (bench-sign). The
# engine areas keep "s" ("z" makes quoting 1.48x slower).
CLIENT_OPT_LEVEL := z
build: tools
	rm -rf pkg/dist target/bindgen && mkdir -p pkg/dist target/bindgen target/areas
	@for area in $(AREAS); do \
	  opt=s; if [ $$area = client ]; then opt=$(CLIENT_OPT_LEVEL); fi; \
	  CARGO_PROFILE_RELEASE_OPT_LEVEL=$$opt \
	  cargo build --release --target $(WASM_TARGET) -p $(BINDING) --no-default-features --features $$area \
	    --config 'target.$(WASM_TARGET).rustflags = [$(WASM_RUSTFLAGS)]' && \
	  cp $(WASM_OUT) target/areas/$$area.wasm && \
	  wasm-bindgen target/areas/$$area.wasm --out-dir target/bindgen/web --target web && \
	  wasm-bindgen target/areas/$$area.wasm --out-dir target/bindgen/node --target nodejs && \
	  $(WASM_OPT) $(WASM_OPT_FLAGS) target/bindgen/web/$${area}_bg.wasm -o pkg/dist/$${area}_bg.wasm || exit 1; \
	done
	node pkg/build.mjs target/bindgen $(AREAS)
	@for area in $(AREAS); do ls -l pkg/dist/$${area}_bg.wasm | awk '{print "wasm: " $$9 " " $$5 " bytes"}'; done

## ---- test ----------------------------------------------------------------

lint: tools-rust tools-node
	cargo fmt --all -- --check
	node_modules/.bin/biome lint --error-on-warnings
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets --target $(WASM_TARGET) -- -D warnings
	@# The core crate's graph holds no JavaScript binding.
	@! cargo tree -p bss-storefront -e normal,build | grep -E 'wasm-bindgen|js-sys|web-sys'
	@# The core builds without its `serde` and `rust_decimal` features, and no wasm module links
	@# serde or rust_decimal: the binding takes the core with `default-features = false`.
	cargo clippy -p bss-storefront --no-default-features -- -D warnings
	cargo clippy -p bss-storefront --no-default-features --features rust_decimal -- -D warnings
	@! cargo tree -p $(BINDING) --target $(WASM_TARGET) -e normal,build | grep -E 'serde|rust_decimal'
	@# The core's API docs build without a broken or private link.
	RUSTDOCFLAGS='-D warnings' cargo doc -p bss-storefront --no-deps --quiet

rust-test:
	cargo test

# The signer against Huawei's official signer: the SDK signs generated requests, the Rust
# signer must produce the identical Authorization header for each (the wasm build is
# compared with the same file by tests/js/sign.test.mjs).
sign-diff: tools-python
	@mkdir -p target
	$(VENV)/bin/python tests/sign/official_signer.py differential $(SIGN_DIFF) $(SIGN_CASES)
	cargo test --test sign_differential -- --ignored --nocapture

# Every operation of the table against the official SDK (huaweicloudsdkbss, and bssintl for
# the shared ones): the same inputs, both requests recorded on 127.0.0.1 and compared. First,
# the files generated from the SDK (tools/bss_operations.py) must be what it writes.
sdk-wire: tools-python
	@mkdir -p target
	$(VENV)/bin/python tools/bss_operations.py --check
	cargo test --test sdk_wire -- --ignored --exact write_cases
	$(VENV)/bin/python tests/sdk_wire/record.py target/sdk-wire-cases.json target/sdk-wire.json
	cargo test --test sdk_wire -- --ignored --exact compare --nocapture

# The client's order and wallet requests against the official SDK: huaweicloudsdkbss calls each
# `"sdk": true` vector against a recorder on 127.0.0.1, the core must build the same requests.
SDK_REQS := target/sdk-requests.json
SDK_OPS  := ListCustomerOrders ShowCustomerOrderDetails CancelCustomerOrder ShowRefundOrderDetails ShowCustomerAccountBalances ListStoredValueCards
sdk-requests: tools-python
	@mkdir -p target
	$(VENV)/bin/python tests/sdk/official_requests.py $(SDK_REQS) $(SDK_OPS)
	cargo test --test sdk_requests -- --ignored --nocapture

js-test: build tools-browser
	node --test --test-reporter=spec $(NODE_TESTS)

test: lint rust-test sign-diff sdk-wire sdk-requests js-test

fuzz: build
	FUZZ_SECONDS=$(FUZZ_SECONDS) cargo test --release --test fuzz -- --nocapture
	FUZZ_SECONDS=$(FUZZ_SECONDS) node --test --test-reporter=spec tests/js/fuzz.test.mjs

## ---- demo and bench ------------------------------------------------------

demo: build
	node www/server.mjs --port 8080

# Every scenario of bench/scenarios/ through native Rust, Node and Chromium, next to the
# peers (json-rules-engine, zen, decimal.js, Huawei's Python signer): bench/RESULTS.md.
bench: build tools-python tools-browser bench/node_modules/.installed
	node --test bench/peers.test.mjs
	node bench/run.mjs
	node bench/limits.mjs
	$(MAKE) bench-load

# The signing proxy and the demo under load (autocannon, bench-only): bench/LOAD.md, with
# the run before issue 19 (bench/load-before.json) beside it.
bench-load: build bench/node_modules/.installed
	node bench/load.mjs --before bench/load-before.json

# The peers (decimal.js, json-rules-engine, zen) are bench-only: `npm install` without a lock
# file (see bench/package.json for why).
bench/node_modules/.installed: bench/package.json
	cd bench && npm install --no-audit --no-fund --no-package-lock
	@touch $@

# Signing throughput: signRequest through wasm in Node next to Huawei's Python signer.
bench-sign: build tools-python
	node bench/sign.mjs
	$(VENV)/bin/python tests/sign/official_signer.py throughput

clean:
	cargo clean
	rm -rf pkg/dist node_modules
