#!/usr/bin/env bash
# Stops the workers, their executors and the master started from one work directory on this
# machine (run it on every machine you started daemons on). Idempotent.
#
#   deploy/standalone/stop-all.sh [--work-dir DIR]
#
# Workers get SIGTERM first, which makes them kill their executors; anything still alive 15 s
# later, executors orphaned by a killed worker included, gets SIGKILL. Only processes whose pid
# is in DIR/pids, or their children, are touched.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

work="$DEFAULT_WORK_DIR"
while (( $# )); do
  case "$1" in
    --work-dir) work="${2:?--work-dir needs a value}"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done
[[ -d "$work/pids" ]] || exit 0

# stop PIDS...: SIGTERM, up to 15 s of grace, then SIGKILL.
stop() {
  local pid waited=0
  (( $# )) || return 0
  kill -TERM "$@" 2>/dev/null || true
  while (( waited < 75 )); do
    for pid in "$@"; do
      kill -0 "$pid" 2>/dev/null && break
      pid=""
    done
    [[ -n "$pid" ]] || return 0
    sleep 0.2
    waited=$((waited + 1))
  done
  kill -KILL "$@" 2>/dev/null || true
}

daemons=()
executors=()
for file in "$work"/pids/worker-*.pid; do
  [[ -f "$file" ]] || continue
  if pid="$(live_pid "$file" org.apache.spark.deploy.worker.Worker)"; then
    daemons+=("$pid")
    mapfile -t -O "${#executors[@]}" executors < <(children_of "$pid")
  fi
  rm -f "$file"
done
# Executors whose worker was killed (smoke-test.sh records them): they normally exit by
# themselves once their worker is gone.
if [[ -f "$work/pids/orphans" ]]; then
  while IFS= read -r pid; do
    runs_as "$pid" CoarseGrainedExecutorBackend && executors+=("$pid")
  done < "$work/pids/orphans"
  rm -f "$work/pids/orphans"
fi
stop ${daemons[@]+"${daemons[@]}"}
stop ${executors[@]+"${executors[@]}"}
if pid="$(live_pid "$work/pids/master.pid" org.apache.spark.deploy.master.Master)"; then
  stop "$pid"
fi
rm -f "$work/pids/master.pid" "$work/master.url"
echo "stopped ${#daemons[@]} worker(s), their executors and the master of $work"
