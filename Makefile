# The README's two commands. Each installs what is missing (Debian 12, as root), then builds.
#   make run   — open the desktop app on the demo portfolio (default data file)
#   make test  — every check and test: formatting, lints, Rust, UI (Vitest, Playwright), sign-on, end-to-end
# And for releases (not part of `make test`):
#   make package       — the desktop .deb (Tauri bundler) and the office server's .deb, in target/package/
#   make package-test  — both packages installed, run, upgraded, removed and purged in a clean
#                        Debian 12 root (debootstrap; downloads from the Debian archive; as root)

SHELL := /bin/bash
# Node installed into this checkout (scripts/toolchain.sh) comes first, then rustup's Rust if any.
export PATH := $(CURDIR)/.toolchain/node/bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR := never

APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev xvfb xauth x11-utils webkit2gtk-driver chromium \
	fonts-noto-cjk fontconfig poppler-utils time sqlite3 ca-certificates openssl git python3-venv
APP := target/debug/transferdesk-app
CLI := target/debug/transferdesk

.PHONY: run test setup apt toolchain npm driver ui build lint test-setup test-rust test-ui test-sso sso-venv test-e2e bench app-perf package package-test fresh-root

# Only the app is built for `run`; with nothing changed, cargo and the UI step are no-ops and the
# window is up in seconds. Without a display, the app gets a virtual one (1440×900) of its own.
run: setup ui
	cargo build -p transferdesk-app
	@if [ -n "$$DISPLAY" ]; then exec $(APP); fi; \
	echo "No display: the app runs on a virtual display of its own (Xvfb, 1440×900); stop it with Ctrl-C."; \
	exec xvfb-run -a -s "-screen 0 1440x900x24" $(APP)

test: setup ui build lint test-setup test-rust test-ui test-sso test-e2e
	@echo "make test: all checks passed"

setup: apt toolchain npm driver

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Rust ≥ 1.95 and Node ^20.19 / ≥ 22.12, installed when missing or too old (see the script).
toolchain:
	@scripts/toolchain.sh install

# `npm ci` installs exactly the committed lock and never rewrites it (a clone stays clean). The
# lock lists every platform's optional packages, so any npm ≥ 9 accepts it.
npm:
	@if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then \
		cd ui && npm ci --no-audit --no-fund --loglevel=error; \
	fi
	@if [ ! -f tests/sso/node_modules/.package-lock.json ] || [ tests/sso/package-lock.json -nt tests/sso/node_modules/.package-lock.json ]; then \
		cd tests/sso && npm ci --no-audit --no-fund --loglevel=error; \
	fi

driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

# The UI is type-checked and built only when one of its sources is newer than the last build.
UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html ui/package.json \
	ui/package-lock.json ui/vite.config.ts ui/tsconfig.json
ui: ui/dist/index.html
ui/dist/index.html: $(UI_SOURCES)
	cd ui && npm run build
	@touch $@

build:
	cargo build -p transferdesk-app -p transferdesk-cli -p transferdesk-server

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	@if cargo tree -p transferdesk-core -e normal --prefix none --format '{p}' | awk '{print $$1}' | grep -Eq '^(tauri|wry)'; then \
		echo "transferdesk-core must not depend on tauri or wry"; exit 1; \
	fi
	cd ui && npm run typecheck && npm run lint

# The toolchain detection against fake compilers (its installation: `make fresh-root`).
test-setup:
	tests/toolchain/detect.sh

# Seconds each fuzz target runs in `make test` (plain `cargo test`: 2).
FUZZ_SECONDS ?= 30

# Under a virtual display: the app's tests create a WebKit web context. CRAFTED_BIG: the bad-file
# corpus includes its two big crafted workbooks (a million rows; a zip bomb).
test-rust:
	FUZZ_SECONDS=$(FUZZ_SECONDS) CRAFTED_BIG=1 xvfb-run -a cargo test --workspace

# The browser tests drive the built UI served by the real server (target/debug/transferdesk-server).
test-ui: build
	cd ui && npm run test:unit && npm run test:ui

# The university's sign-on against a real OpenID provider (oidc-provider, from tests/sso's npm
# lock) and a real CAS server (django-mama-cas from PyPI, in a venv of its own under target/).
test-sso: npm build sso-venv
	cd tests/sso && node --test --test-concurrency=1 oidc.test.mjs cas.test.mjs walk.test.mjs

SSO_VENV := target/sso-venv
sso-venv: $(SSO_VENV)/.installed
$(SSO_VENV)/.installed: tests/sso/cas/requirements.txt
	python3 -m venv $(SSO_VENV)
	$(SSO_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/sso/cas/requirements.txt
	@touch $@

test-e2e: build
	tests/e2e/run.sh

# Performance on the large demo portfolio (docs/performance.md); not part of `make test`.
bench: apt
	scripts/bench.sh

app-perf: setup ui
	scripts/app-perf.sh

# The desktop .deb (the app, the CLI as /usr/bin/transferdesk, the menu entry; Tauri's bundler from
# ui's @tauri-apps/cli, deb only: other bundle kinds download tools) and the server's .deb
# (scripts/package-server.sh, dpkg-deb), both at the workspace version, copied to target/package/.
package: apt npm ui
	cargo build --release -p transferdesk-cli -p transferdesk-server
	cd src-tauri/app && ../../ui/node_modules/.bin/tauri build --bundles deb
	mkdir -p target/package
	rm -f target/package/*.deb
	cp target/release/bundle/deb/*.deb target/package/
	scripts/package-server.sh
	@ls -l target/package/*.deb

# The README's two commands in a clean Debian 12 root without Rust and with Debian's Node 18
# (debootstrap, as root; about an hour): its report goes to docs/fresh-root.md.
fresh-root:
	scripts/fresh-root.sh

# Slow (a Debian system from the archive, a release build): run by CI, not by `make test`.
package-test: apt npm
	scripts/package-test.sh
