#!/usr/bin/env bash
# npm test: typecheck, lint, unit tests, integration tests on PGlite (and again on PostgreSQL when
# TEST_DATABASE_URL is set), then the browser walkthroughs. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
results=.tmp/test-results
rm -rf "$results" && mkdir -p "$results"
status=0
step() { printf '\n== %s ==\n' "$1"; }

step 'typecheck (tsc --noEmit)'
npm run -s typecheck || status=1

step 'lint and format (biome)'
npx biome check . || status=1

run_vitest() { # name, project, extra env...
  local name=$1 project=$2; shift 2
  step "$name"
  env "$@" npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$results/$name.json" || status=1
}

run_vitest unit unit
run_vitest integration-pglite int ANXIN_TEST_DRIVER=pglite
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  run_vitest integration-postgres int ANXIN_TEST_DRIVER=postgres TEST_DATABASE_URL="$TEST_DATABASE_URL"
else
  echo 'TEST_DATABASE_URL is not set: the integration suite ran on PGlite only.'
fi

step 'browser walkthroughs (Playwright + Chromium)'
if [ -x /usr/bin/chromium ]; then
  npm run -s build >/dev/null || status=1
  run_vitest e2e e2e
elif [ "${ANXIN_E2E:-}" = required ]; then
  echo 'FAIL: /usr/bin/chromium is missing and ANXIN_E2E=required (apt-get install chromium fonts-noto-cjk).'
  status=1
else
  echo 'SKIPPED: /usr/bin/chromium is missing, so the browser walkthroughs did not run (apt-get install chromium fonts-noto-cjk; set ANXIN_E2E=required to make this a failure).'
fi

node scripts/summary.mjs "$results" || status=1
exit $status
