# shellcheck shell=bash
# Shared by the standalone scripts (sourced, never run): where things are, and how a Spark
# "distribution" is assembled from the local Maven repository instead of a Spark download.
#
# A work directory (--work-dir, default $GROK_STANDALONE_DIR or /tmp/grok-standalone) holds
# everything a cluster started from this machine leaves behind:
#   spark-home/jars/        links to the jars of Spark 4 and its dependencies (never this project)
#   spark-home/conf/        log4j2.properties of the daemons and executors
#   pids/NAME.pid           one per daemon started here (master, worker-NAME)
#   logs/NAME.log           the daemon's stdout and stderr
#   worker-NAME/            the worker's work dir: one directory per application and executor,
#                           holding the executor's stdout and stderr

GROK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STANDALONE_HOME="$GROK_HOME/deploy/standalone"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
DEFAULT_WORK_DIR="${GROK_STANDALONE_DIR:-${TMPDIR:-/tmp}/grok-standalone}"
# Resolved once per checkout; target/ is ignored by git.
SPARK_DIST_POM="$STANDALONE_HOME/spark-dist/pom.xml"
SPARK_DIST_CLASSPATH_FILE="$STANDALONE_HOME/spark-dist/target/classpath.txt"

die() {
  echo "${0##*/}: $*" >&2
  exit 2
}

# The --add-opens list Spark 4 needs on Java 17; its one home is the java.opens property of pom.xml.
java_opens() {
  local opens
  opens="$(sed -n 's:.*<java.opens>\(.*\)</java.opens>.*:\1:p' "$GROK_HOME/pom.xml")"
  [[ -n "$opens" ]] || die "no <java.opens> in $GROK_HOME/pom.xml"
  echo "$opens"
}

# The job jar the shade plugin attaches to sweep-driver (mvn install builds it).
job_jar() {
  local jar
  for jar in "$GROK_HOME"/sweep-driver/target/grok-sweep-driver-*-job.jar; do
    [[ -f "$jar" ]] && { echo "$jar"; return 0; }
  done
  die "no job jar under $GROK_HOME/sweep-driver/target; build with: mvn install -DskipTests"
}

# The Spark distribution's classpath, one line of ':'-separated jars from the local Maven
# repository; resolved with Maven when missing or older than its pom.
spark_dist_classpath() {
  if [[ ! -s "$SPARK_DIST_CLASSPATH_FILE" || "$SPARK_DIST_POM" -nt "$SPARK_DIST_CLASSPATH_FILE" \
      || "$GROK_HOME/pom.xml" -nt "$SPARK_DIST_CLASSPATH_FILE" ]]; then
    echo "${0##*/}: resolving the Spark jars (once) ..." >&2
    local log="${SPARK_DIST_CLASSPATH_FILE%/*}/resolve.log"
    mkdir -p "${log%/*}"
    # shellcheck disable=SC2086 # GROK_MVN_ARGS is a list of flags
    if ! mvn -B -q ${GROK_MVN_ARGS:-} -f "$SPARK_DIST_POM" dependency:build-classpath \
        -Dmdep.includeScope=runtime -Dmdep.outputFile="$SPARK_DIST_CLASSPATH_FILE" > "$log" 2>&1; then
      cat "$log" >&2
      die "could not resolve the Spark jars with $SPARK_DIST_POM"
    fi
  fi
  cat "$SPARK_DIST_CLASSPATH_FILE"
}

# Lays out WORK/spark-home like an unpacked Spark distribution (jars/ and conf/) and prints its
# path. Workers export it as SPARK_HOME: the command they build for an executor puts
# SPARK_HOME/conf and SPARK_HOME/jars/* on its classpath, exactly as with a real distribution.
spark_home() {
  local work="$1" home="$1/spark-home" entry classpath
  classpath="$(spark_dist_classpath)"
  mkdir -p "$home/jars" "$home/conf"
  rm -f "$home/jars"/*.jar
  while IFS= read -r entry; do
    [[ -n "$entry" ]] || continue
    [[ -f "$entry" ]] || die "missing Spark jar $entry; remove $SPARK_DIST_CLASSPATH_FILE and retry"
    ln -s "$entry" "$home/jars/"
  done < <(tr ':' '\n' <<< "$classpath")
  cp "$STANDALONE_HOME/log4j2.properties" "$home/conf/log4j2.properties"
  echo "$home"
}

# The environment every JVM of the cluster starts with.
export_spark_env() {
  local work="$1" host="$2"
  export SPARK_HOME="$work/spark-home"
  export SPARK_CONF_DIR="$SPARK_HOME/conf"
  # The launcher code that builds executor commands asks for it when it cannot guess.
  export SPARK_SCALA_VERSION=2.13
  # Every socket of the daemon, and of the executors it launches, binds to this address, the
  # web UIs included (without it they bind to 0.0.0.0).
  export SPARK_LOCAL_IP="$host"
  # Trainers are single-threaded; Spark runs one per core (spark.executorEnv overrides per app).
  export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
}

# True if process $1 is alive and runs main class $2 (a pid file may outlive its process, and the
# pid be reused).
runs_as() {
  local pid="$1" main="$2"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$main"
}

# Prints the pid in pid file $1 if that process is alive and runs main class $2.
live_pid() {
  local file="$1" main="$2" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  runs_as "$pid" "$main" || return 1
  echo "$pid"
}

# The pids of the direct children of process $1 (a worker's executors).
children_of() {
  local parent="$1" status
  for status in /proc/[0-9]*/status; do
    awk -v p="$parent" '/^PPid:/ { if ($2 == p) found = 1 } END { exit !found }' "$status" \
      2>/dev/null && basename "$(dirname "$status")"
  done
  return 0
}

# Starts a daemon JVM in the background: start_daemon WORK NAME MAIN_CLASS ARGS...
# The daemon's classpath is the Spark distribution, as with Spark's own sbin scripts.
start_daemon() {
  local work="$1" name="$2" main="$3" pid
  shift 3
  mkdir -p "$work/pids" "$work/logs"
  if pid="$(live_pid "$work/pids/$name.pid" "$main")"; then
    die "$name is already running as pid $pid (stop it with stop-all.sh --work-dir $work)"
  fi
  # shellcheck disable=SC2046 # java_opens is a list of JVM flags
  nohup "$JAVA" $(java_opens) -Xmx"${GROK_DAEMON_MEMORY:-512m}" \
    -cp "$SPARK_CONF_DIR:$SPARK_HOME/jars/*" "$main" "$@" \
    > "$work/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$work/pids/$name.pid"
}

# Waits until log $1 has a line matching $2 (prints it), the process $3 exits, or $4 seconds pass.
wait_for_log() {
  local log="$1" pattern="$2" pid="$3" timeout="$4" waited=0 line
  while (( waited < timeout * 5 )); do
    if line="$(grep -m1 -E -- "$pattern" "$log" 2>/dev/null)"; then
      echo "$line"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "${0##*/}: pid $pid exited; see $log" >&2; return 1; }
    sleep 0.2
    waited=$((waited + 1))
  done
  echo "${0##*/}: no '$pattern' in $log after ${timeout}s" >&2
  return 1
}

# DuckDB's JDBC jar (a test dependency of analysis, so in the local repository after a build with
# tests), for SweepCheck.java. The local repository is where classpath.txt's jars live.
duckdb_jar() {
  local classpath="$GROK_HOME/sweep-driver/target/classpath.txt" repo version jar
  [[ -f "$classpath" ]] || die "$classpath missing; build with: mvn install"
  repo="$(tr ':' '\n' < "$classpath" | grep -m1 '/org/slf4j/slf4j-api/' | sed 's:/org/slf4j/slf4j-api/.*::')"
  version="$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' "$GROK_HOME/pom.xml")"
  jar="$repo/org/duckdb/duckdb_jdbc/$version/duckdb_jdbc-$version.jar"
  if [[ ! -f "$jar" ]]; then
    # shellcheck disable=SC2086 # GROK_MVN_ARGS is a list of flags
    mvn -B -q ${GROK_MVN_ARGS:-} dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$version" \
      >&2 || die "could not fetch org.duckdb:duckdb_jdbc:$version"
  fi
  echo "$jar"
}
