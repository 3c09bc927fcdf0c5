#!/usr/bin/env bash
# The toolchain detection of scripts/toolchain.sh (what `make` installs, and when), against fake
# rustc/cargo/node/npm that print chosen versions. Fast: part of `make test`. The installation
# itself is proven in a clean Debian 12 root by scripts/fresh-root.sh.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Only the tools the script needs, so that the host's own rustc and node stay out of sight.
tools=$tmp/tools
mkdir -p "$tools"
for t in bash env sed grep sort head cut dirname mktemp cat printf; do
	ln -s "$(command -v "$t")" "$tools/$t"
done

fails=0
cases=0
# fake DIR NAME LINE: DIR/NAME prints LINE for --version (cargo also answers fmt and clippy).
fake() {
	mkdir -p "$1"
	printf '#!/bin/sh\necho "%s"\n' "$3" >"$1/$2"
	chmod +x "$1/$2"
}
run_case() { # run_case NAME WANT_STATUS PATTERN [PATTERN...]; the case folder is $case
	local name=$1 want=$2 out status
	shift 2
	cases=$((cases + 1))
	out=$(env -i PATH="$case/bin:$tools" HOME="$case/home" TOOLCHAIN_DIR="$case/tc" bash "$repo/scripts/toolchain.sh" check 2>&1)
	status=$?
	local bad=""
	[ "$status" -eq "$want" ] || bad="exit $status, expected $want"
	for p in "$@"; do
		grep -qF -- "$p" <<<"$out" || bad="${bad:+$bad; }no \"$p\""
	done
	if [ -n "$bad" ]; then
		fails=$((fails + 1))
		echo "FAIL $name: $bad"
		sed 's/^/     | /' <<<"$out"
	else
		echo "ok   $name"
	fi
}
new_case() {
	case=$tmp/case$cases
	mkdir -p "$case/bin" "$case/home"
	# As root (id -u = 0) with apt-get, unless a case says otherwise.
	printf '#!/bin/sh\necho 0\n' >"$case/bin/id"
	printf '#!/bin/sh\nexit 0\n' >"$case/bin/apt-get"
	chmod +x "$case/bin/id" "$case/bin/apt-get"
}
rust() { # rust DIR VERSION
	fake "$1" rustc "rustc $2 (59807616e 2026-04-14)"
	fake "$1" cargo "cargo $2 (fake)"
}
node() { # node DIR VERSION
	fake "$1" node "v$2"
	fake "$1" npm "11.19.1"
}

new_case
rust "$case/bin" 1.95.0
node "$case/bin" 20.20.2
run_case "both fit: nothing to do" 0 "1.95.0 at $case/bin/rustc — fits" "node: 20.20.2 at $case/bin/node — fits"

new_case
rust "$case/bin" 1.63.0
node "$case/bin" 22.12.0
run_case "Debian 12's rustc 1.63: Debian's rustc-web from apt" 3 "older than 1.95.0 — will install Debian's rustc-web cargo-web rustfmt-web rust-web-clippy from apt" "node: 22.12.0"

new_case
node "$case/bin" 20.20.2
run_case "no Rust at all, as root: apt" 3 "rust: no rustc and cargo on PATH — will install Debian's"

new_case
node "$case/bin" 20.20.2
printf '#!/bin/sh\necho 1000\n' >"$case/bin/id"
run_case "no Rust, not root: says what to do, installs nothing" 1 "install Rust ≥ 1.95.0"

new_case
rust "$case/home/.cargo/bin" 1.80.0
node "$case/bin" 24.1.0
run_case "rustup's old toolchain: rustup must update" 1 "a rustup toolchain: run \`rustup update stable" "node: 24.1.0 at $case/bin/node — fits"

for v in 18.19.0 20.18.1 21.7.3 22.11.0; do
	new_case
	rust "$case/bin" 1.96.0
	node "$case/bin" "$v"
	run_case "Node $v is outside Vite 7's engines: Node 22 into the checkout" 3 "node: $v at $case/bin/node — outside" "into $case/tc/node"
done

new_case
rust "$case/bin" 1.96.0
run_case "no Node: Node 22 into the checkout" 3 "node: none on PATH — will install Node 22.23.5 and npm 11.19.1"

new_case
rust "$case/bin" 1.96.0
fake "$case/bin" node v20.19.0
run_case "Node without npm" 3 "there is no npm"

new_case
rust "$case/bin" 1.96.0
node "$case/bin" 16.20.2
node "$case/tc/node/bin" 22.23.5
run_case "Node installed into the checkout before is found first" 0 "node: 22.23.5 at $case/tc/node/bin/node — fits"

echo "toolchain detection: $((cases - fails)) of $cases cases"
[ "$fails" -eq 0 ]
