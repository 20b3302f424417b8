#!/bin/sh
# Prepare a fresh machine (Debian/Ubuntu) for uvpgen: the system libraries WeasyPrint needs
# and a virtual environment in .venv with the package and its test tools, at the versions of
# requirements.lock (tools/update_lock.sh). Safe to run again.
set -eu
cd "$(dirname "$0")/.."

# Pango renders text for WeasyPrint; libharfbuzz-subset0 makes font subsetting about twice as fast;
# poppler-utils (pdftotext) lets the tests measure where text sits on the page; libreoffice-writer
# and fonts-dejavu-core let them open the DOCX as a PC without the house font does; python3-uno lets
# them accept and reject a DOCX's tracked changes in LibreOffice itself (tests/test_redline.py);
# chromium and chromium-driver let them open the live preview and the HTML documents in a real
# browser; npm (where the machine has none) fetches axe-core, below.
need=""
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils libreoffice-writer python3-uno \
           fonts-dejavu-core chromium chromium-driver; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq $need >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# Every library at the version in requirements.lock, checked against its hashes: the versions that
# built the committed output/ (the fingerprints in output/manifest.txt name them), so a fresh clone
# finds it current. pip raises or lowers what an existing .venv has; packages outside the lock stay.
# Then uvpgen itself, editable, without letting pip pick other versions of its dependencies.
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
# uvpgen's own modules compiled once, as pip compiles the libraries: every build process and PDF
# worker (the tests start many) then reads them instead of compiling them again, also where
# PYTHONDONTWRITEBYTECODE is set.
.venv/bin/python -m compileall -q src

# axe-core (npm) checks the web pages for WCAG 2.1 AA in the browser tests; it runs inside the
# page, from this local copy, so the tests need no network. (axe-selenium-python bundles axe-core
# 3.1 from 2018.)
AXE=4.14.1
if ! grep -qs "\"version\": \"$AXE\"" .venv/npm/node_modules/axe-core/package.json; then
  mkdir -p .venv/npm
  npm install --prefix .venv/npm --no-audit --no-fund --silent "axe-core@$AXE"
fi
