#!/usr/bin/env bash
# One line per set-up step: « label… » with the elapsed time while it runs, « ✓ label (12 s) »
# when done. The step's whole output goes to var/log/setup-<name>.log; if it fails, that log
# is printed in full, then the step's exit code is returned.
#   scripts/step.sh NAME "Label" command args...
set -uo pipefail
name=$1; label=$2; shift 2
mkdir -p var/log
log="var/log/setup-$name.log"
start=$(date +%s)
"$@" >"$log" 2>&1 &
pid=$!
if [ -t 1 ]; then
  while kill -0 "$pid" 2>/dev/null; do
    printf '\r%s… %ds ' "$label" "$(( $(date +%s) - start ))"
    sleep 1
  done
  printf '\r'
fi
wait "$pid"; status=$?
elapsed=$(( $(date +%s) - start ))
if [ "$status" -ne 0 ]; then
  echo "✗ $label : échec après ${elapsed} s. Journal complet ($log) :"
  cat "$log"
  exit "$status"
fi
echo "✓ $label (${elapsed} s)"
