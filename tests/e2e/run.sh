#!/usr/bin/env bash
# Runs the end-to-end tests of the real app under a private Xvfb (CI has no display).
# tauri-driver uses fixed ports, so the test files run one at a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
# Every test's data folder goes under one private folder, removed with the display.
TMPDIR=$(mktemp -d -t transferdesk-e2e-run.XXXXXX)
export TMPDIR
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$TMPDIR"' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
# The files by name: Node 22 reads a bare folder argument as a module, not as "the tests in it".
if [ $# -eq 0 ]; then set -- tests/e2e/*.test.mjs; fi
node --test --test-concurrency=1 "$@"
