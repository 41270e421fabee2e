#!/usr/bin/env bash
# Runs the tests that race against time limits, kill processes or feed hostile input many times in a row, to show
# they do not pass by timing luck: `npm run test:stress [-- RUNS]` (default 10). Exits 1 if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
failed=0
for i in $(seq 1 "$runs"); do
  if npx vitest run test/ocr-engine.test.ts test/batch-hostile.test.ts test/output-safety.test.ts test/crash.test.ts test/queue-crash.test.ts >"/tmp/yanbao-stress-$$.log" 2>&1; then
    echo "run $i/$runs: passed"
  else
    failed=$((failed + 1))
    echo "run $i/$runs: FAILED (log below)"
    tail -40 "/tmp/yanbao-stress-$$.log"
  fi
done
rm -f "/tmp/yanbao-stress-$$.log"
echo "$((runs - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
