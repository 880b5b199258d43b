#!/usr/bin/env bash
# The loopback cluster test: a real multi-process Spark standalone cluster on 127.0.0.1, one
# master and two worker JVMs with one core each, all from the project's own jars.
#
#   1. submits deploy/standalone/smoke.conf (12 runs) with ./grok sweep --master spark://...,
#      which sends the job jar to the executors;
#   2. once at least one run is committed and at least two are still to come, kills one worker
#      with SIGKILL (its executor exits with it), so Spark must run the lost task elsewhere;
#   3. requires the sweep to finish with exit code 0, Spark's event log to show the killed
#      executor's task(s) lost and then succeeding in a later attempt, and every run to be
#      committed exactly once: one result file and one result row per run id, every step of every
#      run once in the metrics, one runs.csv row per run;
#   4. runs the same configuration in local mode and requires the same runs.csv phases and
#      milestones (same seeds, same numbers on CPU).
#
#   deploy/standalone/smoke-test.sh [--keep]
#
#   --keep   leave the work directory (logs, both sweeps) in place even when the test passes
#
# Everything binds to 127.0.0.1, on ports the kernel picks. Everything started is torn down on
# exit, whatever happens. Exit codes: 0 every check held, 1 a check failed, 2 usage error.
# Takes 3-6 minutes on two cores. Environment: JAVA_HOME, GROK_MVN_ARGS, GROK_SKIP_BUILD (as
# for ./grok), TMPDIR (where the work directory goes).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

keep=0
while (( $# )); do
  case "$1" in
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done

readonly HOST=127.0.0.1
readonly CONFIG="$STANDALONE_HOME/smoke.conf"
readonly RUNS=12                 # moduli × weight decays × train fractions × seeds of smoke.conf
readonly SWEEP_TIMEOUT=420       # seconds for the cluster sweep, analysis included
export SPARK_LOCAL_IP="$HOST"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/grok-smoke.XXXXXX")"
SUBMIT_PID=""
STARTED=$SECONDS
passed=0

log() {
  printf '%s smoke-test: %s\n' "$(date +%H:%M:%S)" "$*"
}

fail() {
  log "FAIL: $*"
  exit 1
}

teardown() {
  local rc=$?
  trap - EXIT
  if [[ -n "$SUBMIT_PID" ]] && kill -0 "$SUBMIT_PID" 2>/dev/null; then
    kill -TERM "$SUBMIT_PID" 2>/dev/null || true
    wait "$SUBMIT_PID" 2>/dev/null || true
  fi
  "$STANDALONE_HOME/stop-all.sh" --work-dir "$WORK" > /dev/null 2>&1 || true
  if (( passed && !keep )); then
    rm -rf "$WORK"
  else
    log "logs and outputs kept in $WORK"
    if (( !passed )); then
      for f in "$WORK"/logs/*.log; do
        [[ -f "$f" ]] || continue
        echo "---- tail of $f"
        tail -n 25 "$f"
      done
    fi
  fi
  exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

committed() {
  find "$WORK/out-cluster/results" -name '*.parquet' 2>/dev/null | wc -l
}

# 0. The build: ./grok builds when sources changed; the job jar is what the executors load.
log "work dir $WORK"
"$GROK_HOME/grok" --version > /dev/null
JOB_JAR="$(job_jar)"
log "job jar $(basename "$JOB_JAR") ($(( $(stat -c %s "$JOB_JAR") / 1048576 )) MiB)"

# 1. The cluster: one master, two one-core workers.
MASTER="$("$STANDALONE_HOME/start-master.sh" --host "$HOST" --port 0 --webui-port 0 \
  --work-dir "$WORK")" || fail "the master did not start"
log "master $MASTER"
for name in a b; do
  "$STANDALONE_HOME/start-worker.sh" --master "$MASTER" --name "$name" --host "$HOST" \
    --cores 1 --memory 1536m --work-dir "$WORK" > /dev/null || fail "worker $name did not start"
done
log "workers a and b registered"

# 2. The sweep, in the background, through ./grok and the job jar. Spark's event log records every
#    task attempt with how it ended: the evidence that lost tasks were run again elsewhere.
mkdir -p "$WORK/events"
"$STANDALONE_HOME/submit.sh" --master "$MASTER" --via grok --driver-host "$HOST" \
  --executor-memory 1g --executor-cores 1 --work-dir "$WORK" \
  -- --config "$CONFIG" --out "$WORK/out-cluster" --no-spark-ui \
  --spark-conf spark.eventLog.enabled=true --spark-conf spark.eventLog.dir="file://$WORK/events" \
  --spark-conf spark.eventLog.compress=false --spark-conf spark.eventLog.rolling.enabled=false \
  > "$WORK/logs/driver.log" 2>&1 &
SUBMIT_PID=$!
log "sweep submitted (driver pid $SUBMIT_PID)"

# 3. Kill a worker mid-sweep: after the first commit, while at least two runs are still to come.
deadline=$((SECONDS + SWEEP_TIMEOUT))
while (( $(committed) == 0 )); do
  kill -0 "$SUBMIT_PID" 2>/dev/null || fail "the sweep ended before any run was committed"
  (( SECONDS < deadline )) || fail "no run committed within ${SWEEP_TIMEOUT}s"
  sleep 0.2
done
done_before=$(committed)
(( done_before <= RUNS - 2 )) \
  || fail "$done_before of $RUNS runs already committed: too fast to kill a worker mid-sweep"
victim=""
for name in b a; do
  pid="$(live_pid "$WORK/pids/worker-$name.pid" org.apache.spark.deploy.worker.Worker)" || continue
  executors="$(children_of "$pid")"
  if [[ -n "$executors" ]]; then
    victim="$name"
    break
  fi
done
[[ -n "$victim" ]] || fail "no worker has an executor to lose"
echo "$executors" > "$WORK/pids/orphans"    # stop-all.sh reaps them should they outlive the worker
kill -KILL "$pid"
log "killed worker $victim (pid $pid, executor pid(s) $(echo $executors)) with SIGKILL;" \
  "$done_before of $RUNS runs committed"

# Its executor notices the lost worker and exits by itself; a real machine loss takes both.
for _ in $(seq 1 100); do
  alive=0
  for e in $executors; do
    runs_as "$e" CoarseGrainedExecutorBackend && alive=1
  done
  (( alive )) || break
  sleep 0.2
done
(( alive )) && log "executor(s) $(echo $executors) of the killed worker still alive after 20 s"

# 4. The sweep must complete anyway.
while kill -0 "$SUBMIT_PID" 2>/dev/null; do
  (( SECONDS < deadline )) || fail "the sweep did not finish within ${SWEEP_TIMEOUT}s"
  sleep 1
done
rc=0
wait "$SUBMIT_PID" || rc=$?
SUBMIT_PID=""
(( rc == 0 )) || fail "grok sweep on the cluster exited with $rc (see $WORK/logs/driver.log)"
grep -q 'Sweep finished' "$WORK/logs/driver.log" || fail "no sweep summary in the driver log"

# Tasks the killed executor was running end as ExecutorLostFailure in the event log (executor
# logs are no evidence: the worker copies them to disk, so it takes their last lines with it).
# Each such task must have succeeded in a later attempt.
EVENTS="$(find "$WORK/events" -type f | head -n 1)"
[[ -n "$EVENTS" ]] || fail "no Spark event log under $WORK/events"
task_ends() {  # task_ends REASON: "STAGE INDEX ATTEMPT" of every task that ended with REASON
  grep -F '"Event":"SparkListenerTaskEnd"' "$EVENTS" | grep -F "\"Task End Reason\":{\"Reason\":\"$1\"" \
    | sed -nE 's/.*"Stage ID":([0-9]+),.*"Task Info":\{"Task ID":[0-9]+,"Index":([0-9]+),"Attempt":([0-9]+),.*/\1 \2 \3/p' \
    || true
}
lost="$(task_ends ExecutorLostFailure)"
[[ -n "$lost" ]] || fail "no task was lost with the killed worker's executor: nothing to reschedule"
while read -r stage index attempt; do
  task_ends Success | awk -v s="$stage" -v i="$index" -v a="$attempt" \
    '$1 == s && $2 == i && $3 > a { found = 1 } END { exit !found }' \
    || fail "task $index of stage $stage, lost with the executor in attempt $attempt, never succeeded later"
  log "task $index (stage $stage) lost with the killed executor in attempt $attempt," \
    "succeeded in a later attempt on the other worker"
done <<< "$lost"
log "cluster sweep done: exit 0, lost task(s) rescheduled"
# Executors load the project from the job jar and start the trainer's warm-up as they start.
plugin='Initialized executor component for plugin io.grokking.sweep.spark.WarmUpPlugin'
warmed="$(grep -lF "$plugin" "$WORK"/worker-*/app-*/*/stderr 2>/dev/null | wc -l)"
(( warmed > 0 )) || fail "no executor initialized the trainer's warm-up plugin (see $WORK/worker-*)"
log "$warmed executor(s) started the trainer's warm-up plugin"

# 5. Every run exactly once.
DUCKDB_JAR="$(duckdb_jar)"
files="$(find "$WORK/out-cluster/results" -name '*.parquet' | wc -l)"
ids="$(find "$WORK/out-cluster/results" -name '*.parquet' -exec basename {} \; | sort -u | wc -l)"
(( files == RUNS && ids == RUNS )) \
  || fail "expected $RUNS result files with distinct run ids, found $files files, $ids ids"
if ! "$JAVA" -cp "$DUCKDB_JAR" "$STANDALONE_HOME/SweepCheck.java" once "$WORK/out-cluster" \
    "$RUNS" | sed 's/^/    /'; then
  fail "the cluster sweep did not commit every run exactly once"
fi

# 6. The same configuration in local mode gives the same runs.csv.
log "same sweep in local mode"
"$GROK_HOME/grok" sweep --master 'local[2,4]' --config "$CONFIG" --out "$WORK/out-local" \
  --no-spark-ui > "$WORK/logs/local.log" 2>&1 \
  || fail "grok sweep in local mode failed (see $WORK/logs/local.log)"
if ! "$JAVA" -cp "$DUCKDB_JAR" "$STANDALONE_HOME/SweepCheck.java" same "$WORK/out-cluster" \
    "$WORK/out-local" | sed 's/^/    /'; then
  fail "local mode and the cluster disagree on runs.csv"
fi

passed=1
log "PASS in $((SECONDS - STARTED))s: $RUNS runs exactly once on a 2-worker cluster with one" \
  "worker killed; same phases and milestones as local mode"
