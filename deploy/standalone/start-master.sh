#!/usr/bin/env bash
# Starts a Spark standalone master on this machine from the project's own jars (no Spark download)
# and prints its URL, spark://HOST:PORT, on stdout once it accepts workers.
#
#   deploy/standalone/start-master.sh [--host ADDR] [--port N] [--webui-port N] [--work-dir DIR]
#
#   --host ADDR       address to bind and advertise (default: 127.0.0.1; use the machine's
#                     cluster-facing address when workers run elsewhere)
#   --port N          RPC port workers and drivers connect to (default 7077; 0 = any free port)
#   --webui-port N    web UI port (default 8080; 0 = any free port)
#   --work-dir DIR    pid file, log and spark-home (default: $GROK_STANDALONE_DIR or
#                     /tmp/grok-standalone)
#
# Environment: JAVA_HOME, GROK_DAEMON_MEMORY (heap of the master JVM, default 512m),
# GROK_MVN_ARGS (flags for the one-time resolution of the Spark jars, e.g. -o).
# Stop it with deploy/standalone/stop-all.sh --work-dir DIR. Exit codes: 0 started, 1 the master
# did not come up (see DIR/logs/master.log), 2 usage error or already running.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

host=127.0.0.1
port=7077
webui_port=8080
work="$DEFAULT_WORK_DIR"
while (( $# )); do
  case "$1" in
    --host) host="${2:?--host needs a value}"; shift 2 ;;
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --webui-port) webui_port="${2:?--webui-port needs a value}"; shift 2 ;;
    --work-dir) work="${2:?--work-dir needs a value}"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done
[[ "$port" =~ ^[0-9]+$ ]] || die "--port must be a number, found $port"
[[ "$webui_port" =~ ^[0-9]+$ ]] || die "--webui-port must be a number, found $webui_port"

mkdir -p "$work"
work="$(cd "$work" && pwd)"
spark_home "$work" > /dev/null
export_spark_env "$work" "$host"

start_daemon "$work" master org.apache.spark.deploy.master.Master \
  --host "$host" --port "$port" --webui-port "$webui_port"
pid="$(cat "$work/pids/master.pid")"
# With --port 0 the log is the only place that says which port the master got.
line="$(wait_for_log "$work/logs/master.log" 'Starting Spark master at spark://' "$pid" 60)" \
  || exit 1
url="$(grep -oE 'spark://[^ ]+' <<< "$line")"
wait_for_log "$work/logs/master.log" 'I have been elected leader' "$pid" 30 > /dev/null || exit 1
echo "$url" > "$work/master.url"
echo "$url"
