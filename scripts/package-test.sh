#!/usr/bin/env bash
# `make package-test`: both Debian packages, installed, run, upgraded, removed and purged in a
# clean Debian 12 root made with debootstrap (as root; a few minutes and about 1.5 GB while it
# runs). Not part of `make test`: it downloads a Debian system from the archive.
#
#   1. builds the packages (`make package`; PACKAGE_TEST_SKIP_BUILD=1 takes those already in
#      target/package), and the same packages with the next version
#   2. debootstraps Debian 12 (bookworm) into $PACKAGE_TEST_ROOT/root (default target/pkgroot)
#   3. `apt-get install ./…deb` of both, dependencies from the archive; checks the files, the
#      user, the data folder (0700), the settings file, the menu entry
#   4. starts the server as its unit does (its user, its settings, umask 077) with no data file:
#      refused, exit 78, one line; seeds the data file an office's previous release left (schema
#      6, tests/fixtures/schema/v6.db) and counts every table's rows
#   5. upgrades both packages to the next version with apt: the data file and a changed setting
#      are kept; the server (as its unit) migrates the file to the current schema at its start,
#      every row is still there, `verify` passes; it serves the sign-in page, the first admin is
#      added with the command postinst prints, and signs in
#   6. runs the desktop app under Xvfb in the root, as an office user, and takes a screenshot of
#      its first window (docs/screenshot-package.png)
#   7. `apt-get remove`: programs gone, data, settings and user kept; `apt-get purge`: all gone
#
# Everything mounted into the root is unmounted on exit (and checked with findmnt) before the
# root is deleted; nothing of the host's /dev is bind-mounted (the root has its own device nodes,
# a devpts and a tmpfs).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

base=${PACKAGE_TEST_ROOT:-$repo/target/pkgroot}
root=$base/root
cache=$base/cache
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
shot=docs/screenshot-package.png
port=${PACKAGE_TEST_PORT:-18470}

[ "$(id -u)" -eq 0 ] || { echo "package-test needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
for tool in debootstrap sqlite3 findmnt; do
	command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap sqlite3 util-linux; }
done

# --- timings and checks ---------------------------------------------------------------------
started=$(date +%s)
step_started=$started
summary=()
step() { # step NAME: closes the step under way
	local now
	now=$(date +%s)
	summary+=("$(printf '%-58s %4d s' "$1" $((now - step_started)))")
	step_started=$now
}
checks=0
ok() { checks=$((checks + 1)); echo "  ok  $*"; }
fail() { echo "  FAIL $*" >&2; exit 1; }

# --- the root, and leaving it clean ---------------------------------------------------------
mounts_in_root() { findmnt -rn -o TARGET | grep -F "$root/" || true; }
pids_in_root() { # processes whose root is the test root (those this script started there)
	local p
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
	done
	return 0
}
unmount_root() {
	local m
	for m in $(mounts_in_root | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m" || true
	done
}
cleanup() {
	local status=$?
	set +e
	local pids
	pids=$(pids_in_root)
	[ -n "$pids" ] && kill $pids 2>/dev/null && sleep 2
	pids=$(pids_in_root)
	[ -n "$pids" ] && kill -9 $pids 2>/dev/null && sleep 1
	unmount_root
	if [ -n "$(mounts_in_root)" ]; then
		echo "still mounted under $root — NOT deleting it:" >&2
		mounts_in_root >&2
		exit 1
	fi
	if [ -d "$root" ]; then
		rm -rf --one-file-system "$root"
	fi
	exit $status
}
trap cleanup EXIT
trap 'echo "  FAIL at line $LINENO: $BASH_COMMAND" >&2' ERR

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root DEBIAN_FRONTEND=noninteractive "$@"; }

# As the unit starts the server: its user and group, its settings, UMask=0077, an environment of
# its own (systemd gives HOME of the user, nothing else of ours). It execs: call it in a subshell
# ($(…) or &), whose PID is then the server's.
as_unit() {
	exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/var/lib/transferdesk \
		setpriv --reuid=transferdesk --regid=transferdesk --init-groups --inh-caps=-all \
		/bin/sh -c 'umask 0077; cd /; exec /usr/bin/transferdesk-server --config /etc/transferdesk/server.toml'
}

# --- 1. the packages ------------------------------------------------------------------------
if [ -z "${PACKAGE_TEST_SKIP_BUILD:-}" ]; then
	echo "== building the packages (make package)"
	make --no-print-directory package
else
	echo "== the packages already in target/package (PACKAGE_TEST_SKIP_BUILD)"
fi
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
next=$(echo "$version" | awk -F. '{ printf "%d.%d.%d", $1, $2, $3 + 1 }')
desktop=$(ls target/package/*_"$version"_*.deb | grep -v transferdesk-server)
server=target/package/transferdesk-server_${version}_$(dpkg --print-architecture).deb
[ -f "$desktop" ] && [ -f "$server" ] || fail "make package made no .deb for $version"
desktop_name=$(dpkg-deb -f "$desktop" Package)
echo "  $desktop ($desktop_name) and $server"

# The next version: the same programs, repacked with a higher Version (what an upgrade does to
# the files on disk and to the maintainer scripts is the same).
bump() { # bump DEB OUT
	local dir=$base/bump
	rm -rf "$dir"
	dpkg-deb -R "$1" "$dir"
	sed -i "s/^Version: .*/Version: $next/" "$dir/DEBIAN/control"
	dpkg-deb --root-owner-group -Zgzip -z1 -b "$dir" "$2" >/dev/null
	rm -rf "$dir"
}
mkdir -p "$base/next"
bump "$desktop" "$base/next/${desktop_name}_${next}.deb"
bump "$server" "$base/next/transferdesk-server_${next}.deb"
step "build both packages (+ the next version)"

# --- 2. a clean Debian 12 -------------------------------------------------------------------
if [ -n "$(mounts_in_root)" ]; then fail "something is mounted under $root: unmount it first"; fi
rm -rf --one-file-system "$root"
mkdir -p "$root" "$cache"
echo "== debootstrap bookworm from $mirror"
debootstrap --variant=minbase --cache-dir="$cache" bookworm "$root" "$mirror" >"$base/debootstrap.log" 2>&1 ||
	{ tail -20 "$base/debootstrap.log"; fail "debootstrap"; }
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
# No daemon of a package starts in the root (the usual chroot rule).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount -t sysfs -o ro sysfs "$root/sys"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount -t tmpfs -o mode=1777,size=256m tmpfs "$root/dev/shm"
in_root apt-get update -qq
step "debootstrap Debian 12 (minbase)"

# --- 3. install -----------------------------------------------------------------------------
echo "== apt-get install ./$(basename "$desktop") ./$(basename "$server")"
mkdir -p "$root/tmp/pkgs"
cp "$desktop" "$server" "$base/next/"*.deb "$root/tmp/pkgs/"
in_root apt-get install -y -qq --no-install-recommends "/tmp/pkgs/$(basename "$desktop")" "/tmp/pkgs/$(basename "$server")" >"$base/install.log" 2>&1 ||
	{ tail -30 "$base/install.log"; fail "apt-get install"; }
sed -n '/TransferDesk office server installed/,/^Settings:/p' "$base/install.log" | sed 's/^/  postinst| /'
grep -q "transferdesk-admin user add admin --name 管理员 --role admin" "$base/install.log" && ok "postinst printed how to add the first admin" || fail "line $LINENO"
for f in /usr/bin/transferdesk-app /usr/bin/transferdesk /usr/bin/transferdesk-server /usr/sbin/transferdesk-admin \
	/lib/systemd/system/transferdesk-server.service; do
	[ -x "$root$f" ] || [ -f "$root$f" ] || fail "$f missing"
done
ok "the app, the CLI, the server, transferdesk-admin and the unit are installed"
entry=$(ls "$root"/usr/share/applications/*.desktop)
grep -q "^Name=成果转化工作台" "$entry" && grep -q "^Icon=" "$entry" || fail "menu entry $entry"
icon=$(sed -n 's/^Icon=//p' "$entry")
ls "$root"/usr/share/icons/hicolor/*/apps/"$icon".png >/dev/null || fail "icon $icon"
ok "menu entry $(basename "$entry"): Name=成果转化工作台, icon $icon"
deps=$(in_root dpkg-query -W -f='${Depends}' "$desktop_name")
[[ $deps == *libwebkit2gtk-4.1-0* && $deps == *fonts-noto-cjk* ]] || fail "desktop Depends: $deps"
ok "desktop Depends: $deps"
in_root dpkg-query -W -f='${Status}' fonts-noto-cjk libwebkit2gtk-4.1-0 | grep -q "install ok installed" && ok "apt installed WebKitGTK 4.1 and the CJK font" || fail "line $LINENO"
[ "$(in_root dpkg-query -W -f='${Version}' "$desktop_name")" = "$version" ] && ok "desktop version $version (the workspace's)" || fail "line $LINENO"
in_root getent passwd transferdesk | grep -q ":/usr/sbin/nologin$" && ok "system user transferdesk (no login)" || fail "line $LINENO"
owner="$(in_root id -u transferdesk):$(in_root id -g transferdesk)"
[ "$(stat -c '%a %u:%g' "$root/var/lib/transferdesk")" = "700 $owner" ] && ok "/var/lib/transferdesk 0700 transferdesk:transferdesk" || fail "data folder: $(stat -c '%a %u:%g' "$root/var/lib/transferdesk")"
grep -q "^/etc/transferdesk/server.toml$" "$root/var/lib/dpkg/info/transferdesk-server.conffiles" && ok "/etc/transferdesk/server.toml is a conffile" || fail "line $LINENO"
step "apt-get install both (dependencies from the archive)"

# --- 4. the server as its unit starts it ----------------------------------------------------
echo "== the server, as the unit starts it, with no data file yet"
# In an `||` list, so that the expected failure trips neither `set -e` nor the ERR trap.
code=0
refusal=$(as_unit 2>&1 >/dev/null) || code=$?
[ "$code" -eq 78 ] && [ "$(printf '%s\n' "$refusal" | wc -l)" -eq 1 ] || fail "expected exit 78 and one line, got $code: $refusal"
[ ! -e "$root/var/lib/transferdesk/transferdesk.db" ] || fail "a refused start created the data file"
ok "refused (exit 78, nothing created): $refusal"

echo "== seeding the data file of the previous release (schema 6)"
db=$root/var/lib/transferdesk/transferdesk.db
install -m 0600 tests/fixtures/schema/v6.db "$db"
in_root chown transferdesk:transferdesk /var/lib/transferdesk/transferdesk.db
# Rows are counted in the fixture and, after the upgrade, in a copy of the stopped server's file:
# sqlite3 run here as root must not leave a -shm or -wal of root's in the service's folder.
count_rows() { # every table of schema 6, and its rows
	local t
	for t in $(sqlite3 -readonly tests/fixtures/schema/v6.db "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'search_%' AND name NOT LIKE 'sqlite_%' ORDER BY 1"); do
		echo "$t $(sqlite3 -readonly "$1" "SELECT count(*) FROM \"$t\"")"
	done
}
before=$(count_rows tests/fixtures/schema/v6.db)
echo "  schema $(sqlite3 -readonly "$db" 'PRAGMA user_version'): $(echo "$before" | awk '{ n += $2 } END { print n }') rows in $(echo "$before" | wc -l) tables ($(echo "$before" | grep -E '^(achievement|contract|person|receipt|distribution) ' | tr '\n' ',' | sed 's/,$//; s/,/, /g'))"
# Settings changed by the office: an upgrade must keep them. (Another port than the default, so
# that a server on the host's 8470 — the root shares the host's network — is not in the way.)
sed -i -e 's/^#session_idle_minutes = 30/session_idle_minutes = 45/' -e "s/^#listen = .*/listen = \"127.0.0.1:$port\"/" "$root/etc/transferdesk/server.toml"
db_sum=$(sha256sum <"$db")
step "server refusal; seed a schema-6 data file"

# --- 5. upgrade -----------------------------------------------------------------------------
echo "== apt-get install the next version ($next)"
in_root apt-get install -y -qq --no-install-recommends "/tmp/pkgs/${desktop_name}_${next}.deb" "/tmp/pkgs/transferdesk-server_${next}.deb" >"$base/upgrade.log" 2>&1 ||
	{ tail -30 "$base/upgrade.log"; fail "upgrade"; }
[ "$(in_root dpkg-query -W -f='${Version}' transferdesk-server)" = "$next" ] && ok "transferdesk-server $version → $next" || fail "line $LINENO"
[ "$(in_root dpkg-query -W -f='${Version}' "$desktop_name")" = "$next" ] && ok "$desktop_name $version → $next" || fail "line $LINENO"
[ "$(sha256sum <"$db")" = "$db_sum" ] && ok "the upgrade left the data file as it was" || fail "line $LINENO"
grep -q "^session_idle_minutes = 45" "$root/etc/transferdesk/server.toml" && grep -q "^listen = \"127.0.0.1:$port\"" "$root/etc/transferdesk/server.toml" && ok "the changed settings were kept (conffile)" || fail "line $LINENO"
step "upgrade both with apt"

echo "== the upgraded server, as its unit starts it"
log=$base/server.log
as_unit >"$log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
	grep -q "^listening on " "$log" && break
	kill -0 "$server_pid" 2>/dev/null || { cat "$log"; fail "the server stopped"; }
	sleep 0.5
done
grep -q "^listening on http://127.0.0.1:$port" "$log" || { cat "$log"; fail "the server did not listen"; }
[ "$(awk '/^Uid:/ { print $3 }' "/proc/$server_pid/status")" = "$(in_root id -u transferdesk)" ] && ok "listening on 127.0.0.1:$port as the user transferdesk" || fail "line $LINENO"
page=$(curl -fsS http://127.0.0.1:$port/)
[[ $page == *"<title>TransferDesk</title>"* && $page == *'id="app"'* ]] && ok "GET / serves the sign-in page ($(echo "$page" | wc -c) bytes)" || fail "line $LINENO"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{"login":"admin","password":"wrong password"}' http://127.0.0.1:$port/auth/login)
[ "$status" = 401 ] || [ "$status" = 403 ] && ok "POST /auth/login with no such account: $status" || fail "line $LINENO"
echo "== the first admin, with the command postinst printed"
password="package test 2026"
in_root sh -c "printf '%s\n' '$password' | transferdesk-admin user add admin --name 管理员 --role admin --password-stdin" | sed 's/^/  | /'
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "{\"login\":\"admin\",\"password\":\"$password\"}" http://127.0.0.1:$port/auth/login)
[ "$status" = 200 ] && ok "the admin signs in (200)" || fail "sign-in: $status"
kill -TERM "$server_pid"
wait "$server_pid" && ok "SIGTERM: the server stopped cleanly (exit 0)" || fail "line $LINENO"
[ ! -e "$db-wal" ] && [ ! -e "$db-shm" ] && ok "it closed the data file (no -wal or -shm left)" || fail "line $LINENO"
cp "$db" "$base/after.db"
current=$(ls src-tauri/core/migrations/*.sql | wc -l)
[ "$(sqlite3 -readonly "$base/after.db" 'PRAGMA user_version')" = "$current" ] && ok "the data file was migrated: schema 6 → $current" || fail "line $LINENO"
after=$(count_rows "$base/after.db")
lost=$(diff <(echo "$before" | grep -v '^audit_log ') <(echo "$after" | grep -v '^audit_log ') || true)
[ -z "$lost" ] || fail "rows differ after the upgrade: $lost"
[ "$(echo "$after" | awk '$1 == "audit_log" { print $2 }')" -ge "$(echo "$before" | awk '$1 == "audit_log" { print $2 }')" ] || fail "audit entries lost"
ok "every row of the $(echo "$before" | wc -l) tables is still there ($(echo "$after" | awk '{ n += $2 } END { print n }') rows with the migration's audit entries)"
in_root transferdesk-admin --json verify >"$base/verify.json" || { cat "$base/verify.json"; fail "verify"; }
grep -q '"ok": *true' "$base/verify.json" && ok "transferdesk verify after the migration: ok ($(grep -o '"audit_entries": *[0-9]*' "$base/verify.json"))" || fail "line $LINENO"
step "start as the unit; migration; sign-in page; first admin"

# --- 6. the desktop app under Xvfb ----------------------------------------------------------
if [ -z "${PACKAGE_TEST_SKIP_APP:-}" ]; then
	echo "== the desktop app under Xvfb"
	in_root apt-get install -y -qq --no-install-recommends xvfb xauth x11-utils imagemagick >"$base/x.log" 2>&1 || { tail "$base/x.log"; fail "Xvfb"; }
	in_root useradd --create-home --shell /bin/bash office
	chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin Xvfb :42 -screen 0 1440x900x24 -nolisten tcp >"$base/xvfb.log" 2>&1 &
	as_office() { chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/office USER=office LANG=C.UTF-8 DISPLAY=:42 setpriv --reuid=office --regid=office --init-groups "$@"; }
	sleep 2
	(exec chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/office USER=office LANG=C.UTF-8 DISPLAY=:42 \
		setpriv --reuid=office --regid=office --init-groups /usr/bin/transferdesk-app) >"$base/app.log" 2>&1 &
	app_pid=$!
	# The app's window: of the windows named or classed transferdesk, the largest (GTK keeps small
	# hidden ones too), once it is at least 1000×600. Nothing yet (no X, no match) is an empty
	# answer, not a failure: the loop below polls.
	find_window() {
		as_office xwininfo -root -tree 2>/dev/null | grep -i 'transferdesk' | awk '{
			for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+x[0-9]+\+/) { split($i, g, /[x+]/); if (g[1] * g[2] > best) { best = g[1] * g[2]; id = $1 } }
		} END { if (best >= 1000 * 600) print id }' || true
	}
	window=
	for _ in $(seq 1 120); do
		window=$(find_window)
		[ -n "$window" ] && break
		kill -0 "$app_pid" 2>/dev/null || { cat "$base/app.log"; fail "the app stopped"; }
		sleep 0.5
	done
	[ -n "$window" ] || { cat "$base/app.log"; fail "no window"; }
	title=$(as_office xprop -id "$window" _NET_WM_NAME)
	[[ $title == *"成果转化工作台 TransferDesk"* ]] && ok "its window $window: $title" || fail "window title: $title"
	# The first start creates the demo data file; the dashboard then loads.
	for _ in $(seq 1 60); do [ -f "$root/home/office/.local/share/transferdesk/transferdesk.db" ] && break; sleep 0.5; done
	sleep 10
	as_office import -window "$window" /tmp/app.png
	cp "$root/tmp/app.png" "$shot"
	ok "screenshot of its first window: $shot ($(identify -format '%wx%h' "$shot" 2>/dev/null || file -b "$shot"))"
	[ -f "$root/home/office/.local/share/transferdesk/transferdesk.db" ] && ok "the app made its data file in the office user's home" || fail "line $LINENO"
	kill "$app_pid"
	wait "$app_pid" 2>/dev/null || true
	step "desktop app under Xvfb, screenshot"
fi

# --- 7. remove, purge -----------------------------------------------------------------------
echo "== apt-get remove"
in_root apt-get remove -y -qq transferdesk-server "$desktop_name" >"$base/remove.log" 2>&1 || { tail "$base/remove.log"; fail "remove"; }
[ ! -e "$root/usr/bin/transferdesk-server" ] && [ ! -e "$root/usr/bin/transferdesk-app" ] && [ ! -e "$root/usr/bin/transferdesk" ] && ok "programs removed" || fail "line $LINENO"
[ -f "$db" ] && [ "$(stat -c '%a %u:%g' "$root/var/lib/transferdesk")" = "700 $owner" ] && ok "data kept: $(ls "$root/var/lib/transferdesk" | tr '\n' ' ')" || fail "line $LINENO"
grep -q "^session_idle_minutes = 45" "$root/etc/transferdesk/server.toml" && ok "settings kept" || fail "line $LINENO"
in_root getent passwd transferdesk >/dev/null && ok "user transferdesk kept" || fail "line $LINENO"
if [ -z "${PACKAGE_TEST_SKIP_APP:-}" ]; then
	[ -f "$root/home/office/.local/share/transferdesk/transferdesk.db" ] && ok "the office user's desktop data file kept (it is theirs)" || fail "line $LINENO"
fi
echo "== apt-get purge"
# A package without conffiles is gone at `remove` already; purge what dpkg still knows.
known=$({ in_root dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' transferdesk-server "$desktop_name" 2>/dev/null || true; } | awk '$2 == "rc" { print $1 }')
[[ " $known " == *" transferdesk-server "* ]] && ok "after remove dpkg keeps: $(echo $known) (config files)" || fail "transferdesk-server should be in state rc: $known"
in_root apt-get purge -y -qq $known >"$base/purge.log" 2>&1 || { tail "$base/purge.log"; fail "purge"; }
[ ! -e "$root/var/lib/transferdesk" ] && ok "/var/lib/transferdesk deleted" || fail "data left: $(ls -la "$root/var/lib/transferdesk")"
[ ! -e "$root/etc/transferdesk" ] && ok "/etc/transferdesk deleted" || fail "settings left"
! in_root getent passwd transferdesk >/dev/null && ! in_root getent group transferdesk >/dev/null && ok "user and group transferdesk deleted" || fail "line $LINENO"
[ -z "$(in_root dpkg-query -W -f='${Status}\n' transferdesk-server "$desktop_name" 2>/dev/null | grep -v not-installed)" ] && ok "dpkg knows neither package any more" || fail "line $LINENO"
step "remove (keeps data) and purge (deletes it)"

# --- the end --------------------------------------------------------------------------------
unmount_root
[ -z "$(mounts_in_root)" ] || fail "still mounted: $(mounts_in_root)"
rm -rf --one-file-system "$root" "$base/next" "$base"/after.db* "$base/verify.json"
step "unmount and delete the root"

echo
echo "package-test: $checks checks passed, $version → $next, in $(($(date +%s) - started)) s"
printf '  %s\n' "${summary[@]}"
