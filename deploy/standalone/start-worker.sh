#!/usr/bin/env bash
# Starts a Spark standalone worker on this machine from the project's own jars and waits until it
# has registered with the master. Run it on every worker machine (the grok checkout, built, at the
# same path, and the same ~/.m2), e.g. over ssh:
#   ssh HOST /path/to/grok/deploy/standalone/start-worker.sh --master spark://MASTER:7077 --host HOST
#
#   deploy/standalone/start-worker.sh --master URL [--name NAME] [--host ADDR] [--port N]
#       [--webui-port N] [--cores N] [--memory SIZE] [--work-dir DIR]
#
#   --master URL      the master, spark://HOST:PORT (start-master.sh prints it)
#   --name NAME       names the pid file, log and work dir of this worker (default: 1)
#   --host ADDR       address to bind and advertise (default: 127.0.0.1)
#   --port N          RPC port (default 0: any free port)
#   --webui-port N    web UI port (default 0: any free port)
#   --cores N         cores this worker offers; one run trains per core (default: all cores)
#   --memory SIZE     memory it offers to executors, e.g. 4g; at least spark.executor.memory
#                     plus spark.executor.memoryOverhead of the executors it should host
#                     (default: total RAM minus 1 GiB, as Spark's)
#   --work-dir DIR    as for start-master.sh
#
# Environment: as for start-master.sh. Exit codes: 0 registered, 1 the worker did not come up
# (see DIR/logs/worker-NAME.log), 2 usage error or already running.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

master=""
name=1
host=127.0.0.1
port=0
webui_port=0
cores=""
memory=""
work="$DEFAULT_WORK_DIR"
while (( $# )); do
  case "$1" in
    --master) master="${2:?--master needs a value}"; shift 2 ;;
    --name) name="${2:?--name needs a value}"; shift 2 ;;
    --host) host="${2:?--host needs a value}"; shift 2 ;;
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --webui-port) webui_port="${2:?--webui-port needs a value}"; shift 2 ;;
    --cores) cores="${2:?--cores needs a value}"; shift 2 ;;
    --memory) memory="${2:?--memory needs a value}"; shift 2 ;;
    --work-dir) work="${2:?--work-dir needs a value}"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done
[[ "$master" == spark://* ]] || die "--master must be a spark://HOST:PORT URL, found '$master'"
[[ "$name" =~ ^[A-Za-z0-9_.-]+$ ]] || die "--name must be letters, digits, . _ or -, found '$name'"
[[ -z "$cores" || "$cores" =~ ^[1-9][0-9]*$ ]] || die "--cores must be 1 or more, found $cores"
[[ -z "$memory" || "$memory" =~ ^[1-9][0-9]*[mMgG]$ ]] \
  || die "--memory must look like 512m or 4g, found $memory"

mkdir -p "$work"
work="$(cd "$work" && pwd)"
[[ -d "$work/spark-home/jars" ]] || spark_home "$work" > /dev/null
export_spark_env "$work" "$host"

args=(--host "$host" --port "$port" --webui-port "$webui_port" --work-dir "$work/worker-$name")
[[ -z "$cores" ]] || args+=(--cores "$cores")
[[ -z "$memory" ]] || args+=(--memory "$memory")
start_daemon "$work" "worker-$name" org.apache.spark.deploy.worker.Worker "${args[@]}" "$master"
pid="$(cat "$work/pids/worker-$name.pid")"
wait_for_log "$work/logs/worker-$name.log" 'Successfully registered with master' "$pid" 60 \
  > /dev/null || exit 1
echo "worker $name (pid $pid) registered with $master"
