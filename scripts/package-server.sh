#!/usr/bin/env bash
# Builds the office server's Debian package from the release binaries, with dpkg-deb (nothing
# from the network): target/release/transferdesk-server and transferdesk must be built first
# (`make package` does). Prints the package's path.
#
#   scripts/package-server.sh [VERSION]      (default: the workspace version in Cargo.toml)
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)}
arch=$(dpkg --print-architecture)
server=target/release/transferdesk-server
cli=target/release/transferdesk
for bin in "$server" "$cli"; do
	[ -x "$bin" ] || { echo "$bin is missing: cargo build --release -p transferdesk-server -p transferdesk-cli" >&2; exit 1; }
done

out=target/package
root=$out/transferdesk-server-root
rm -rf "$root"
install -d "$root/DEBIAN"
install -D -m 0755 "$server" "$root/usr/bin/transferdesk-server"
install -D -m 0755 "$cli" "$root/usr/lib/transferdesk-server/transferdesk"
install -D -m 0755 packaging/server/transferdesk-admin "$root/usr/sbin/transferdesk-admin"
install -D -m 0644 packaging/server/server.toml "$root/etc/transferdesk/server.toml"
install -D -m 0644 packaging/server/transferdesk-server.service "$root/lib/systemd/system/transferdesk-server.service"
install -D -m 0644 packaging/server/README.Debian "$root/usr/share/doc/transferdesk-server/README.Debian"
install -D -m 0644 docs/sign-on.md "$root/usr/share/doc/transferdesk-server/sign-on.md"
install -D -m 0644 docs/notifications.md "$root/usr/share/doc/transferdesk-server/notifications.md"
install -D -m 0644 /dev/stdin "$root/usr/share/doc/transferdesk-server/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: TransferDesk

Files: *
License: MIT
COPYRIGHT
strip --strip-unneeded "$root/usr/bin/transferdesk-server" "$root/usr/lib/transferdesk-server/transferdesk"

# The C library version the binaries need: the newest GLIBC_ symbol version they reference.
glibc=$(objdump -T "$server" "$cli" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
depends="libc6 (>= $glibc), libgcc-s1"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
	packaging/server/debian/control.in >"$root/DEBIAN/control"
install -m 0755 packaging/server/debian/postinst packaging/server/debian/prerm packaging/server/debian/postrm "$root/DEBIAN/"
install -m 0644 packaging/server/debian/conffiles "$root/DEBIAN/"

deb=$out/transferdesk-server_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
rm -rf "$root"
echo "$deb"
