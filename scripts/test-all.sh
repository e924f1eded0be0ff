#!/usr/bin/env bash
# npm test — everything: lint, types, unit and database tests on PGlite, the database tests again on
# PostgreSQL (when one is reachable; always on CI), the production build, and the browser journeys.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "== installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "== installing Debian's chromium for the browser tests"
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $CHROMIUM. Install it with: sudo apt-get install -y chromium" >&2
    echo "(or point CHROMIUM_PATH at another Chromium build), then run npm test again." >&2
    exit 1
  fi
fi

echo "== lint"
npm run --silent lint
echo "== typecheck"
npm run --silent typecheck

echo "== unit and database tests (PGlite)"
env -u DATABASE_URL npx vitest run

PG_URL="${TEST_DATABASE_URL:-}"
if [ -z "$PG_URL" ]; then
  if [ -n "${CI:-}" ] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then PG_URL="postgres://postgres@127.0.0.1:5432/postgres"; fi
fi
if [ -n "$PG_URL" ]; then
  echo "== database tests (PostgreSQL at ${PG_URL%%\?*})"
  DATABASE_URL="$PG_URL" npx vitest run tests/db
elif [ -n "${CI:-}" ]; then
  echo "CI needs PostgreSQL at 127.0.0.1:5432 (or TEST_DATABASE_URL) for the second database run." >&2
  exit 1
else
  echo "== skipping the PostgreSQL run: no server at 127.0.0.1:5432 (set TEST_DATABASE_URL to use another)"
fi

echo "== production build"
npm run --silent build >/dev/null
echo "== first-load JavaScript budget of the queue (SPEC §12: 250 kB gzip)"
npx tsx scripts/js-budget.ts --page queue --budget 250 | tail -1
echo "== browser journeys (Chromium)"
env -u DATABASE_URL npx playwright test
