#!/usr/bin/env bash
# Makes a local Debian bookworm base image (default name syncnet-local/debian:bookworm-slim) with debootstrap, for
# machines that cannot pull debian:bookworm-slim from a registry. The image holds the same distribution, so
#   docker build --build-arg BASE_IMAGE=syncnet-local/debian:bookworm-slim ...
# gives the same SyncNet image as the default base. Needs root, debootstrap and the Debian mirror apt uses.
set -euo pipefail
image=${1:-syncnet-local/debian:bookworm-slim}
if docker image inspect "$image" >/dev/null 2>&1; then
    echo "base: $image exists"
    exit 0
fi
command -v debootstrap >/dev/null || { echo "base: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }
# The mirror apt already uses here (deb822 or one-line sources).
mirror=$(grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | head -n 1 | tr -d ' ' || true)
mirror=${mirror:-http://deb.debian.org/debian}
root=$(mktemp -d /tmp/syncnet-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "base: debootstrap bookworm from $mirror ..."
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 \
    || { tail -n 20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
security=${mirror%/debian}/debian-security
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
SOURCES
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import - "$image" >/dev/null
echo "base: imported $image"
