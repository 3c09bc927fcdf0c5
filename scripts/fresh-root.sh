#!/usr/bin/env bash
# `make fresh-root`: the README's two commands on a truly fresh Debian 12 — a clean root made
# with debootstrap, with no Rust and with Debian's own Node 18 (too old for Vite 7) — as a person
# would run them after cloning (as root; about an hour, most of it the first build):
#
#   1. debootstrap bookworm (minbase) with bookworm-security, as a Debian 12 install has it; then
#      only what one needs to clone and type the commands (git, make) and Debian's nodejs 18
#   2. `git clone` of this checkout's HEAD
#   3. `make run` without a display: installs everything, builds, and opens the app on a virtual
#      display of its own; the window is found and photographed (docs/screenshot-fresh-root.png)
#   4. `make run` again on the built tree: the seconds until the window is up (target ≤ 10 s)
#   5. `make test`, then `git status --porcelain`: the clone must still be clean
#
# The report (each step's time, the toolchain lines, the result) is printed and written to
# docs/fresh-root.md. FRESH_ROOT (default target/freshroot) holds the root while it runs; it is
# unmounted and deleted at the end (FRESH_ROOT_KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

base=${FRESH_ROOT:-$repo/target/freshroot}
root=$base/root
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
log=$base/log
report=docs/fresh-root.md
shot=docs/screenshot-fresh-root.png
clone=/root/transferdesk
extra_ca=""

[ "$(id -u)" -eq 0 ] || { echo "fresh-root needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; }

started=$(date +%s)
step_started=$started
rows=()
step() { # step NAME: closes the step under way
	local now
	now=$(date +%s)
	rows+=("| $1 | $(((now - step_started) / 60)) min $(((now - step_started) % 60)) s |")
	step_started=$now
}
fail() { echo "FAIL: $*" >&2; exit 1; }

mounts_in_root() { findmnt -rn -o TARGET | grep -F "$root/" || true; }
pids_in_root() {
	local p
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
	done
	return 0
}
stop_all_in_root() {
	local pids
	pids=$(pids_in_root)
	[ -z "$pids" ] || { kill $pids 2>/dev/null; sleep 2; }
	pids=$(pids_in_root)
	[ -z "$pids" ] || { kill -9 $pids 2>/dev/null; sleep 1; }
	return 0
}
cleanup() {
	local status=$?
	set +e
	stop_all_in_root
	local m
	for m in $(mounts_in_root | sort -r); do umount "$m" 2>/dev/null || umount -l "$m"; done
	if [ -n "$(mounts_in_root)" ]; then
		echo "still mounted under $root — NOT deleting it" >&2
		exit 1
	fi
	[ -n "${FRESH_ROOT_KEEP:-}" ] || rm -rf --one-file-system "$root"
	exit $status
}
trap cleanup EXIT

# The person at the keyboard: root, a login shell's environment, no display.
in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root TERM=dumb \
		${extra_ca:+NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt} "$@"
}
in_clone() { in_root /bin/bash -c "cd $clone && $*"; }

# --- 1. a fresh Debian 12 -------------------------------------------------------------------
if [ -n "$(mounts_in_root)" ]; then fail "something is mounted under $root"; fi
rm -rf --one-file-system "$root"
mkdir -p "$root" "$log" "$base/cache"
echo "== debootstrap bookworm (minbase) from $mirror"
debootstrap --variant=minbase --cache-dir="$base/cache" bookworm "$root" "$mirror" >"$log/debootstrap.log" 2>&1 ||
	{ tail -20 "$log/debootstrap.log"; fail "debootstrap"; }
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount -t sysfs -o ro sysfs "$root/sys"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount -t tmpfs -o mode=1777,size=2g tmpfs "$root/dev/shm"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends git make ca-certificates nodejs >"$log/base.log" 2>&1 ||
	{ tail "$log/base.log"; fail "git, make, nodejs"; }
# This network's egress inspects TLS: its CA (installed on the host as local CAs) goes into the
# root as well, and Node is told to trust the system's store, as any machine behind it needs.
extra_ca=$(ls /usr/local/share/ca-certificates/*.crt 2>/dev/null || true)
if [ -n "$extra_ca" ]; then
	cp $extra_ca "$root/usr/local/share/ca-certificates/"
	in_root update-ca-certificates >/dev/null
	echo "  the network's TLS CA in the root: $(basename -a $extra_ca | tr '\n' ' ')"
fi
before_rust=$(in_root /bin/bash -c 'command -v rustc cargo || echo "no rustc, no cargo"')
before_node=$(in_root node --version)
echo "  in the root: $before_rust; Debian's node $before_node"
step "debootstrap Debian 12 (minbase) + git, make, Debian's nodejs"

# --- 2. the clone ---------------------------------------------------------------------------
commit=$(git rev-parse --short HEAD)
git clone -q --no-hardlinks "$repo" "$root$clone"
echo "== cloned $commit into $clone"

# --- 3. the first `make run`, without a display ---------------------------------------------
# The app's window on the virtual display `make run` started: that Xvfb's display and cookie are
# read from its command line (xvfb-run's -auth file).
xvfb_of_run() {
	local p args
	for p in $(pids_in_root); do
		args=$( (tr '\0' ' ' <"/proc/$p/cmdline") 2>/dev/null || true)
		if [[ $args == Xvfb* ]]; then
			echo "$(awk '{print $2}' <<<"$args") $(grep -oE -- '-auth [^ ]+' <<<"$args" | cut -d' ' -f2)"
			return
		fi
	done
}
find_window() { # prints the largest transferdesk window ≥ 1000×600 on the run's display, if any
	local d
	d=$(xvfb_of_run)
	[ -n "$d" ] || return 0
	set -- $d
	in_root env DISPLAY="$1" XAUTHORITY="$2" xwininfo -root -tree 2>/dev/null | grep -i 'transferdesk' | awk '{
		for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+x[0-9]+\+/) { split($i, g, /[x+]/); if (g[1] * g[2] > best) { best = g[1] * g[2]; id = $1 } }
	} END { if (best >= 1000 * 600) print id }' || true
}
run_until_window() { # run_until_window LOG TIMEOUT_S: `make run` in the background; seconds to its window
	local t0 window=""
	t0=$(date +%s.%N)
	(in_clone make run >"$1" 2>&1) &
	local run=$!
	for _ in $(seq 1 $(($2 * 5))); do
		window=$(find_window)
		[ -n "$window" ] && break
		kill -0 $run 2>/dev/null || { tail -40 "$1"; fail "make run stopped: see $1"; }
		sleep 0.2
	done
	[ -n "$window" ] || { tail -40 "$1"; fail "no window within $2 s"; }
	window_after=$(echo "$(date +%s.%N) - $t0" | bc)
	window_id=$window
}
echo "== make run (no display)"
run_until_window "$log/make-run-1.log" 5400
grep -E '^(rust|node|toolchain):' "$log/make-run-1.log" | sed 's/^/  | /'
grep -q "No display: the app runs on a virtual display of its own" "$log/make-run-1.log" || fail "make run did not say it started a virtual display"
echo "  the window after $window_after s"
sleep 12
set -- $(xvfb_of_run)
in_root env DISPLAY="$1" XAUTHORITY="$2" import -window "$window_id" /tmp/app.png 2>/dev/null ||
	{ in_root apt-get install -y -qq --no-install-recommends imagemagick >/dev/null 2>&1 &&
		in_root env DISPLAY="$1" XAUTHORITY="$2" import -window "$window_id" /tmp/app.png; }
cp "$root/tmp/app.png" "$shot"
stop_all_in_root
first_run=$window_after
step "first \`make run\`: install, build, window (after ${first_run%.*} s)"

# --- 4. `make run` again ----------------------------------------------------------------------
echo "== make run again, on the built tree"
run_until_window "$log/make-run-2.log" 120
second_run=$(printf '%.1f' "$window_after")
echo "  the window after $second_run s"
stop_all_in_root
step "second \`make run\`: window after $second_run s"
# Mounts of the root stay; stop_all_in_root only ended the app and its Xvfb.

# --- 5. make test ---------------------------------------------------------------------------
echo "== make test"
test_status=0
in_clone make test >"$log/make-test.log" 2>&1 || test_status=$?
tail -3 "$log/make-test.log" | sed 's/^/  | /'
step "\`make test\` (exit $test_status)"
dirty=$(in_clone git status --porcelain)
echo "  git status --porcelain after make test: ${dirty:-(clean)}"

# --- the report -----------------------------------------------------------------------------
total=$(($(date +%s) - started))
{
	echo "# The two commands on a fresh Debian 12"
	echo
	echo "Written by \`make fresh-root\` (scripts/fresh-root.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit,"
	echo "on a $(nproc)-core machine. A clean root (debootstrap bookworm minbase, bookworm-security in"
	echo "sources.list) with only git, make and Debian's nodejs; as root, no display."
	# (No quote inside a \${…:+…}: bash reads it as the start of a quoted string.)
	[ -z "$extra_ca" ] || echo "The TLS-inspecting egress CA of this network was added to the root's certificates (and NODE_EXTRA_CA_CERTS set), as on any machine behind it."
	echo
	echo "Before: $before_rust; node $before_node (Vite 7 needs ^20.19 or ≥ 22.12)."
	echo
	echo "What \`make run\` said of the toolchain:"
	echo
	echo '```'
	grep -E '^(rust|node|toolchain):' "$log/make-run-1.log" || true
	echo '```'
	echo
	echo "| step | time |"
	echo "|---|---|"
	printf '%s\n' "${rows[@]}"
	echo "| total | $((total / 60)) min $((total % 60)) s |"
	echo
	echo "- First \`make run\`: the window after $(printf '%.0f' "$first_run") s (installing and building included)."
	echo "- Second \`make run\` on the built tree: the window after $second_run s (target ≤ 10 s)."
	echo "- \`make test\`: exit $test_status; its last line: \`$(tail -1 "$log/make-test.log")\`."
	echo "- \`git status --porcelain\` after \`make test\`: ${dirty:-nothing (the clone is clean)}."
	echo
	echo "![the app after the first make run](screenshot-fresh-root.png)"
} >"$report"
cat "$report"
[ "$test_status" -eq 0 ] || { tail -60 "$log/make-test.log"; fail "make test failed: $log/make-test.log"; }
[ -z "$dirty" ] || fail "the clone is dirty after make test"
