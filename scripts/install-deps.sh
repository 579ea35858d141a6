#!/bin/sh
# Install the Debian packages armstrace builds and tests with, when any is
# missing. Safe to run again: it does nothing when all are present.
set -eu
PKGS="build-essential cmake pkg-config clang libsqlite3-dev libjansson-dev
libgumbo-dev libarchive-dev libcmocka-dev libyajl-dev iso-codes python3 graphviz"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
