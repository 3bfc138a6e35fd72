#!/usr/bin/env bash
# Installs a greylint release archive for the GitHub Action: picks the
# archive for the runner's OS and architecture, checks it against the
# release's SHA256SUMS (a mismatch or a missing entry is refused), unpacks it
# into the runner's tool cache and puts it on GITHUB_PATH. A version already
# in the tool cache is not downloaded again.
#
# Environment: GREYLINT_VERSION (X.Y.Z), RUNNER_OS (Linux, macOS, Windows),
# RUNNER_ARCH (X64, ARM64), RUNNER_TOOL_CACHE, GITHUB_PATH, and
# GREYLINT_BASE_URL (default: the GitHub releases of greylint/greylint; the
# tests point it at a local server).
set -euo pipefail

fail() { echo "::error title=greylint install::$*" >&2; exit 1; }

version=${GREYLINT_VERSION#v}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "version \"$version\" is not X.Y.Z"
base=${GREYLINT_BASE_URL:-https://github.com/greylint/greylint/releases/download}

case "${RUNNER_OS:-}" in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  Windows) os=windows ;;
  *) fail "no greylint release for runner OS \"${RUNNER_OS:-}\"; set version: source to build it with Go" ;;
esac
case "${RUNNER_ARCH:-}" in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) fail "no greylint release for runner architecture \"${RUNNER_ARCH:-}\"; set version: source to build it with Go" ;;
esac

exe=greylint
ext=tar.gz
if [ "$os" = windows ]; then exe=greylint.exe; ext=zip; fi
top="greylint_${version}_${os}_${arch}" # the archive's one directory
archive="${top}.${ext}"
dir="${RUNNER_TOOL_CACHE:?RUNNER_TOOL_CACHE is not set}/greylint/${version}/${arch}"

if [ -f "${dir}.complete" ] && [ -x "${dir}/${exe}" ]; then
  echo "greylint ${version}: found in the tool cache (${dir})"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  fetch() { curl -fsSL --retry 3 --proto '=https,http' -o "$2" "$1" || fail "could not download $1"; }
  fetch "${base}/v${version}/${archive}" "$tmp/$archive"
  fetch "${base}/v${version}/SHA256SUMS" "$tmp/SHA256SUMS"

  want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
  [ -n "$want" ] || fail "SHA256SUMS of v${version} has no entry for ${archive}; refusing to install it"
  if command -v sha256sum >/dev/null 2>&1; then
    got=$(sha256sum "$tmp/$archive" | awk '{print $1}')
  else
    got=$(shasum -a 256 "$tmp/$archive" | awk '{print $1}')
  fi
  if [ "$got" != "$want" ]; then
    fail "checksum mismatch for ${archive}: SHA256SUMS says ${want}, the download is ${got}; refusing to install it"
  fi

  mkdir "$tmp/unpacked"
  if [ "$ext" = zip ]; then
    unzip -q "$tmp/$archive" -d "$tmp/unpacked"
  else
    tar -xzf "$tmp/$archive" -C "$tmp/unpacked"
  fi
  [ -f "$tmp/unpacked/$top/$exe" ] || fail "${archive} holds no ${top}/${exe}"
  rm -rf "$dir" "${dir}.complete"
  mkdir -p "$(dirname "$dir")"
  mv "$tmp/unpacked/$top" "$dir"
  chmod +x "$dir/$exe"
  touch "${dir}.complete"
  echo "greylint ${version}: installed ${archive} (sha256 ${got}) into ${dir}"
fi

echo "$dir" >> "${GITHUB_PATH:?GITHUB_PATH is not set}"
"$dir/$exe" --version
