#!/usr/bin/env bash
# Submits a sweep to a Spark standalone master with the job jar, in client mode: the driver runs
# here and writes DIR/sweep.conf and the report; executors train and commit each run under DIR,
# which every worker must see at the same path (a shared file system or hdfs://; not s3a://).
#
#   deploy/standalone/submit.sh --master URL [--via grok|spark-submit] [--driver-host ADDR]
#       [--executor-memory SIZE] [--executor-cores N] [--max-cores N] [--work-dir DIR]
#       -- SWEEP_OPTIONS...
#
#   --via grok          ./grok sweep --master URL: the driver runs on the checkout's full
#                       classpath and sends the job jar to the executors (spark.jars). Default.
#   --via spark-submit  org.apache.spark.deploy.SparkSubmit, run from the Spark jars with the job
#                       jar as application jar, as `spark-submit` of a Spark distribution does:
#                       the driver itself then runs from the job jar too.
#   --driver-host ADDR  address executors reach the driver at (default: $SPARK_LOCAL_IP, else
#                       Spark's guess)
#   --executor-memory   heap of each executor, e.g. 2g (default 1g)
#   --executor-cores N  runs one executor trains at once (default 1)
#   --max-cores N       cores the sweep may take from the cluster (default: all it offers)
#   --work-dir DIR      where the Spark jars of the cluster were laid out (as for start-master.sh)
#   SWEEP_OPTIONS       options of `grok sweep` (--config, --out, --set, --no-spark-ui, ...);
#                       --master is added
#
# Environment: GROK_EXECUTOR_JAVA_OPTS, more executor JVM flags (e.g.
# -Dorg.bytedeco.javacpp.maxbytes=2G -Dorg.bytedeco.javacpp.maxphysicalbytes=4G). Exits with the
# exit code of `grok sweep` (0 all runs done, 1 a run failed, 2 usage error).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

master=""
via=grok
driver_host="${SPARK_LOCAL_IP:-}"
executor_memory=1g
executor_cores=1
max_cores=""
work="$DEFAULT_WORK_DIR"
while (( $# )); do
  case "$1" in
    --master) master="${2:?--master needs a value}"; shift 2 ;;
    --via) via="${2:?--via needs a value}"; shift 2 ;;
    --driver-host) driver_host="${2:?--driver-host needs a value}"; shift 2 ;;
    --executor-memory) executor_memory="${2:?--executor-memory needs a value}"; shift 2 ;;
    --executor-cores) executor_cores="${2:?--executor-cores needs a value}"; shift 2 ;;
    --max-cores) max_cores="${2:?--max-cores needs a value}"; shift 2 ;;
    --work-dir) work="${2:?--work-dir needs a value}"; shift 2 ;;
    --) shift; break ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1; sweep options go after -- (try --help)" ;;
  esac
done
[[ "$master" == spark://* ]] || die "--master must be a spark://HOST:PORT URL, found '$master'"
[[ "$via" == grok || "$via" == spark-submit ]] \
  || die "--via must be grok or spark-submit, found '$via'"
[[ "$executor_cores" =~ ^[1-9][0-9]*$ ]] \
  || die "--executor-cores must be 1 or more, found $executor_cores"
[[ -z "$max_cores" || "$max_cores" =~ ^[1-9][0-9]*$ ]] \
  || die "--max-cores must be 1 or more, found $max_cores"

# The settings that matter on a cluster; see deploy/README.md for why each is there.
conf=(
  "spark.executor.memory=$executor_memory"
  "spark.executor.cores=$executor_cores"
  # Spark adds its own --add-opens to executors too; the project's list is the one it is tested with.
  "spark.executor.extraJavaOptions=$(java_opens) ${GROK_EXECUTOR_JAVA_OPTS:-}"
  # A lost executor costs each run it was training one attempt; Spark's default of 4 leaves 3
  # more, and a run that fails on its last attempt is recorded as failed, not retried forever.
  "spark.task.maxFailures=4"
)
[[ -z "$max_cores" ]] || conf+=("spark.cores.max=$max_cores")
[[ -z "$driver_host" ]] || conf+=("spark.driver.host=$driver_host" "spark.driver.bindAddress=$driver_host")

if [[ "$via" == grok ]]; then
  args=()
  for c in "${conf[@]}"; do args+=(--spark-conf "$c"); done
  # ./grok puts the job jar into spark.jars itself when --master is spark://...
  exec "$GROK_HOME/grok" sweep --master "$master" "${args[@]}" "$@"
fi

[[ -d "$work/spark-home/jars" ]] || spark_home "$work" > /dev/null
args=()
for c in "${conf[@]}"; do args+=(--conf "$c"); done
# SparkSubmit adds the application jar to spark.jars, so executors fetch it from the driver.
# grok.home only locates the default config and the git revision for provenance.
# shellcheck disable=SC2046 # java_opens is a list of JVM flags
exec "$JAVA" $(java_opens) ${GROK_DRIVER_JAVA_OPTS:-} \
  -Dgrok.home="$GROK_HOME" \
  -Dlog4j2.configurationFile="$GROK_HOME/conf/log4j2.properties" \
  -cp "$work/spark-home/jars/*" \
  org.apache.spark.deploy.SparkSubmit \
  --master "$master" --deploy-mode client --class io.grokking.sweep.cli.GrokCli \
  "${args[@]}" "$(job_jar)" \
  sweep --master "$master" "$@"
