#!/usr/bin/env bash
# Run the README's test command N times (default 5) with both cores saturated, printing each
# run's wall time and result: a test that depends on timing fails here.
#
#   tests/stress/run-loaded.sh            # 5 runs of `python3 -m pytest -n 2`
#   tests/stress/run-loaded.sh 3 tests/unit tests/safety   # 3 runs of a subset
#
# The load is `stress-ng --cpu 2` when installed, else two busy Python loops; it is stopped
# when the script ends, however it ends. Exit status: 0 when every run passed.
set -uo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
shift || true
targets=("$@")

load_pids=()
stop_load() {
    for pid in "${load_pids[@]}"; do
        kill "$pid" 2>/dev/null
    done
    wait "${load_pids[@]}" 2>/dev/null
}
trap stop_load EXIT INT TERM

if command -v stress-ng >/dev/null 2>&1; then
    stress-ng --cpu 2 --quiet &
    load_pids+=("$!")
    echo "load: stress-ng --cpu 2 (pid ${load_pids[*]})"
else
    for _ in 1 2; do
        python3 -c 'while True: pass' &
        load_pids+=("$!")
    done
    echo "load: two busy Python loops (pids ${load_pids[*]})"
fi

failed=0
for run in $(seq 1 "$runs"); do
    started=$(date +%s)
    log="/tmp/run-loaded.$$.$run.log"
    python3 -m pytest -n 2 "${targets[@]}" >"$log" 2>&1
    status=$?
    elapsed=$(($(date +%s) - started))
    summary=$(tail -n 1 "$log")
    if [ "$status" -eq 0 ]; then
        result="PASS"
        rm -f "$log"
    else
        result="FAIL (exit $status; log $log)"
        failed=$((failed + 1))
    fi
    printf 'run %d/%d: %4d s  %s  %s\n' "$run" "$runs" "$elapsed" "$result" "$summary"
done
echo "$((runs - failed))/$runs runs passed under load"
[ "$failed" -eq 0 ]
