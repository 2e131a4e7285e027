# bss-storefront — every target installs what it needs first.
#   make demo    build and serve the storefront demo on http://127.0.0.1:8080
#   make test    lint, Rust tests, wasm build + size budget, JS tests, browser tests
#   make build   the npm package in pkg/ (web + node builds)
#   make bench   benchmarks

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

CRATE      := bss_storefront
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT   := target/$(WASM_TARGET)/release/$(CRATE).wasm
# npm binaryen (132). Never Debian's wasm-opt 108: it writes modules that fail at init.
WASM_OPT   := node_modules/.bin/wasm-opt
WBG_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
NODE_TESTS := $(sort $(wildcard tests/js/*.test.mjs))
# The official Python SDK, the oracle of the signer's differential test (git-ignored venv).
VENV       := .venv
HWSDK      := huaweicloudsdkcore==3.1.219
SIGN_DIFF  := target/sign-differential.json
SIGN_CASES := 600

# apt needs root; use sudo when not running as root (CI runs as root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export CARGO_TERM_COLOR := never

.PHONY: demo test build bench bench-sign tools tools-rust tools-node tools-browser tools-python lint rust-test sign-diff sdk-requests js-test clean

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

tools-python: $(VENV)/.installed

$(VENV)/.installed:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(HWSDK)
	@touch $@

## ---- build ---------------------------------------------------------------

build: tools
	cargo build --release --target $(WASM_TARGET)
	rm -rf pkg/web pkg/node target/pkg && mkdir -p target/pkg
	wasm-bindgen $(WASM_OUT) --out-dir pkg/web  --target web
	wasm-bindgen $(WASM_OUT) --out-dir pkg/node --target nodejs
	$(WASM_OPT) -Oz --converge --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	  --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  pkg/web/$(CRATE)_bg.wasm -o target/pkg/$(CRATE)_bg.wasm
	cp target/pkg/$(CRATE)_bg.wasm pkg/web/ && cp target/pkg/$(CRATE)_bg.wasm pkg/node/
	cp pkg/js/bss_error.js pkg/web/bss_error.js
	sed -e 's/^export class /class /' pkg/js/bss_error.js > pkg/node/bss_error.js
	echo 'module.exports = { BssError };' >> pkg/node/bss_error.js
	echo '{"type":"module"}' > pkg/web/package.json
	echo '{"type":"commonjs"}' > pkg/node/package.json
	@ls -l pkg/web/$(CRATE)_bg.wasm | awk '{print "wasm: " $$5 " bytes"}'

## ---- test ----------------------------------------------------------------

lint: tools-rust
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target $(WASM_TARGET) -- -D warnings

rust-test:
	cargo test

# The signer against Huawei's official signer: the SDK signs generated requests, the Rust
# signer must produce the identical Authorization header for each (the wasm build is
# compared with the same file by tests/js/sign.test.mjs).
sign-diff: tools-python
	@mkdir -p target
	$(VENV)/bin/python tests/sign/official_signer.py $(SIGN_DIFF) $(SIGN_CASES)
	cargo test --test sign_differential -- --ignored --nocapture

# The client's order and wallet requests against the official SDK: huaweicloudsdkbss calls each
# `"sdk": true` vector against a recorder on 127.0.0.1, the core must build the same requests.
SDK_REQS := target/sdk-requests.json
SDK_OPS  := ListCustomerOrders ShowCustomerOrderDetails CancelCustomerOrder ShowRefundOrderDetails ShowCustomerAccountBalances ListStoredValueCards
$(VENV)/.bss-installed: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet --disable-pip-version-check huaweicloudsdkbss==3.1.219
	@touch $@
sdk-requests: $(VENV)/.bss-installed
	@mkdir -p target
	$(VENV)/bin/python tests/sdk/official_requests.py $(SDK_REQS) $(SDK_OPS)
	cargo test --test sdk_requests -- --ignored --nocapture

js-test: build tools-browser
	node --test --test-reporter=spec $(NODE_TESTS)

test: lint rust-test sign-diff sdk-requests js-test

## ---- demo and bench ------------------------------------------------------

demo: build
	node www/server.mjs --port 8080

# Every scenario of bench/scenarios/ through native Rust, Node and Chromium, next to the
# peers (json-rules-engine, zen, decimal.js, Huawei's Python signer): bench/RESULTS.md.
bench: build tools-python tools-browser bench/node_modules/.installed
	node --test bench/peers.test.mjs
	node bench/run.mjs

# The peers (decimal.js, json-rules-engine, zen) are bench-only: `npm install` without a lock
# file (see bench/package.json for why).
bench/node_modules/.installed: bench/package.json
	cd bench && npm install --no-audit --no-fund --no-package-lock
	@touch $@

# Signing throughput: signRequest through wasm in Node next to Huawei's Python signer.
bench-sign: build tools-python
	node bench/sign.mjs
	$(VENV)/bin/python bench/sign_official.py

clean:
	cargo clean
	rm -rf pkg/web pkg/node node_modules
