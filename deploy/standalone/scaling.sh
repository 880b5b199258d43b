#!/usr/bin/env bash
# Wall time of the same grid on a loopback standalone cluster with one worker, then two (one core
# each), and their ratio: how well the sweep scales out when each run is a task.
#
#   deploy/standalone/scaling.sh [--config FILE] [--keep]
#
#   --config FILE   the grid (default deploy/standalone/scaling.conf: 12 equal runs of 10-20 s)
#   --keep          leave the work directory (logs, both sweeps) in place
#
# Both sweeps go through submit.sh --via spark-submit (the job jar is the driver's and the
# executors' only project code) with the Spark UI and the analysis off, and executors sized for
# one core (-XX:ActiveProcessorCount=1; GROK_EXECUTOR_JAVA_OPTS overrides). Two times are reported
# per cluster size: "sweep", the training wall time the driver prints (from the first task
# submitted to the last run collected), and "total", from submission to exit (driver and executor
# JVM start-up included). Meaningful only on a machine with at least two otherwise idle cores.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

config="$STANDALONE_HOME/scaling.conf"
keep=0
while (( $# )); do
  case "$1" in
    --config) config="${2:?--config needs a value}"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done
[[ -f "$config" ]] || die "--config: no such file $config"
config="$(readlink -f "$config")"

readonly HOST=127.0.0.1
export SPARK_LOCAL_IP="$HOST"
# A standalone executor's JVM sees every core of the machine and sizes its garbage collector and
# JIT compiler threads for all of them; on one-core workers those threads would take time from
# the other worker's training. (YARN and Kubernetes containers get this from their CPU limit.)
export GROK_EXECUTOR_JAVA_OPTS="${GROK_EXECUTOR_JAVA_OPTS:--XX:ActiveProcessorCount=1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/grok-scaling.XXXXXX")"

teardown() {
  local rc=$?
  trap - EXIT
  "$STANDALONE_HOME/stop-all.sh" --work-dir "$WORK" > /dev/null 2>&1 || true
  if (( keep || rc != 0 )); then echo "scaling: logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# "Sweep finished in 1m18s" -> 78
sweep_seconds() {
  local d
  d="$(sed -n 's/^Sweep finished in \([0-9hms]*\):.*/\1/p' "$1" | head -n 1)"
  [[ -n "$d" ]] || die "no 'Sweep finished in' line in $1"
  awk -v d="$d" 'BEGIN { s = 0; n = ""; for (i = 1; i <= length(d); i++) { c = substr(d, i, 1)
    if (c ~ /[0-9]/) n = n c; else { s += n * (c == "h" ? 3600 : c == "m" ? 60 : 1); n = "" } }
    print s }'
}

# sweep NAME: runs the grid into WORK/out-NAME; sets sweep_s (the driver's training wall time)
# and total_s (submission to exit), in seconds, and load (the load averages at the end).
sweep() {
  local name="$1" start end
  start="$(date +%s.%N)"
  "$STANDALONE_HOME/submit.sh" --master "$master" --via spark-submit --driver-host "$HOST" \
    --work-dir "$WORK" -- --config "$config" --out "$WORK/out-$name" --no-spark-ui \
    --no-analyze > "$WORK/logs/driver-$name.log" 2>&1 \
    || die "the sweep on $name failed; see $WORK/logs/driver-$name.log"
  end="$(date +%s.%N)"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  sweep_s="$(sweep_seconds "$WORK/logs/driver-$name.log")"
  total_s="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
}

job_jar > /dev/null
master="$("$STANDALONE_HOME/start-master.sh" --host "$HOST" --port 0 --webui-port 0 --work-dir "$WORK")"
"$STANDALONE_HOME/start-worker.sh" --master "$master" --name a --host "$HOST" --cores 1 \
  --memory 1536m --work-dir "$WORK" > /dev/null
echo "scaling: $(basename "$config") on 1 worker ..." >&2
sweep 1-worker
one_sweep="$sweep_s" one_total="$total_s" one_load="$load"
"$STANDALONE_HOME/start-worker.sh" --master "$master" --name b --host "$HOST" --cores 1 \
  --memory 1536m --work-dir "$WORK" > /dev/null
echo "scaling: $(basename "$config") on 2 workers ..." >&2
sweep 2-workers
two_sweep="$sweep_s" two_total="$total_s" two_load="$load"

# Other processes on the machine take cores from the workers: the load averages say how many.
awk -v s1="$one_sweep" -v t1="$one_total" -v s2="$two_sweep" -v t2="$two_total" \
    -v l1="$one_load" -v l2="$two_load" -v cores="$(nproc)" 'BEGIN {
  printf "1 worker : sweep %6.1f s   total %6.1f s   (load %s on %d cores)\n", s1, t1, l1, cores
  printf "2 workers: sweep %6.1f s   total %6.1f s   (load %s)\n", s2, t2, l2
  printf "ratio    : sweep %6.2f x   total %6.2f x\n", s1 / s2, t1 / t2 }'
