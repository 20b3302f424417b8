#!/bin/sh
# Update requirements.lock: the exact version, with its hashes, of every package uvpgen and its tests
# need, which tools/setup.sh installs. The arguments go to pip-compile: none keeps every version that
# still fits pyproject.toml (after adding a dependency there, say), `--upgrade-package matplotlib`
# raises one package, `--upgrade` all of them. pip-compile runs in a throwaway environment, with the
# same python3 as setup.sh's .venv: .venv itself changes only when setup.sh runs.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check 'pip-tools==7.7.0'
CUSTOM_COMPILE_COMMAND="sh tools/update_lock.sh" "$tmp/venv/bin/pip-compile" --quiet \
  --extra test --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
  --output-file requirements.lock "$@" pyproject.toml
