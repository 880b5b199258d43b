#!/usr/bin/env bash
# Submits a grok sweep to Kubernetes in cluster mode: the driver and the executors are pods of the
# job image (deploy/kubernetes/Dockerfile); runs are written to the shared claim mounted at /data.
# Needs spark-submit of a Spark 4.0.1 distribution (SPARK_HOME), kubectl access to the namespace,
# and a service account allowed to create pods there:
#   kubectl create serviceaccount grok-spark
#   kubectl create rolebinding grok-spark --clusterrole=edit --serviceaccount=NAMESPACE:grok-spark
#
#   deploy/kubernetes/submit.sh SWEEP.conf OUT [SWEEP_OPTIONS...]
#
#   SWEEP.conf   a configuration inside the image: /opt/grok/sweeps/NAME.conf, or
#                /opt/grok/sweeps/custom/NAME.conf from the grok-sweeps ConfigMap
#   OUT          the output directory as the pods see it, e.g. /data/runs/demo (or hdfs://...)
#
# Environment (defaults in brackets):
#   K8S_MASTER        k8s://https://API_SERVER:PORT (required)
#   GROK_IMAGE        the job image, e.g. registry.example.com/grok-sweep:0.1.0 (required)
#   K8S_NAMESPACE     [default]           K8S_SERVICE_ACCOUNT   [grok-spark]
#   EXECUTORS         [4]                 EXECUTOR_CORES        [4]   runs trained at once per pod
#   EXECUTOR_MEMORY   [2g]  JVM heap      EXECUTOR_OVERHEAD     [2g]  off-heap: ND4J, natives, JVM
#   ND4J_MAXBYTES     [1G]  ND4J off-heap cap (JavaCPP maxbytes), see deploy/README.md
#   TRAIN_THREADS     [1]   train.threads, BLAS threads per run: each executor pod requests
#                           EXECUTOR_CORES x TRAIN_THREADS CPUs
set -euo pipefail

(( $# >= 2 )) || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
config="$1"
out="$2"
shift 2
: "${K8S_MASTER:?set K8S_MASTER=k8s://https://API_SERVER:PORT}"
: "${GROK_IMAGE:?set GROK_IMAGE to the job image built from deploy/kubernetes/Dockerfile}"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.0.1 distribution (for bin/spark-submit)}"
namespace="${K8S_NAMESPACE:-default}"
service_account="${K8S_SERVICE_ACCOUNT:-grok-spark}"
executors="${EXECUTORS:-4}"
cores="${EXECUTOR_CORES:-4}"
memory="${EXECUTOR_MEMORY:-2g}"
overhead="${EXECUTOR_OVERHEAD:-2g}"
maxbytes="${ND4J_MAXBYTES:-1G}"
threads="${TRAIN_THREADS:-1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The --add-opens list Spark 4 needs on Java 17 (Spark adds it too; this is the tested one).
opens="$(sed -n 's:.*<java.opens>\(.*\)</java.opens>.*:\1:p' "$here/../../pom.xml")"
# Executor heap + overhead is the pod's memory limit; JavaCPP's physical cap sits just below it,
# so a run that outgrows its share fails with a clear OutOfMemoryError, not an OOM-killed pod.
to_mib() { local v="${1,,}"; case "$v" in *g) echo $(( ${v%g} * 1024 )) ;; *m) echo "${v%m}" ;; *) echo "$v" ;; esac; }
physical="$(( $(to_mib "$memory") + $(to_mib "$overhead") - 256 ))M"
javacpp="-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp -Dorg.bytedeco.javacpp.maxbytes=$maxbytes"
javacpp+=" -Dorg.bytedeco.javacpp.maxphysicalbytes=$physical"

exec "$SPARK_HOME/bin/spark-submit" \
  --master "$K8S_MASTER" \
  --deploy-mode cluster \
  --name grok-sweep \
  --class io.grokking.sweep.cli.GrokCli \
  --conf spark.kubernetes.namespace="$namespace" \
  --conf spark.kubernetes.container.image="$GROK_IMAGE" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="$service_account" \
  --conf spark.kubernetes.driver.podTemplateFile="$here/pod-template.yaml" \
  --conf spark.kubernetes.executor.podTemplateFile="$here/pod-template.yaml" \
  --conf spark.executor.instances="$executors" \
  --conf spark.executor.cores="$cores" \
  --conf spark.kubernetes.executor.request.cores="$(( cores * threads ))" \
  --conf spark.executor.memory="$memory" \
  --conf spark.executor.memoryOverhead="$overhead" \
  --conf spark.task.cpus=1 \
  --conf spark.task.maxFailures=4 \
  --conf spark.executorEnv.OMP_NUM_THREADS="$threads" \
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS="$threads" \
  --conf spark.driver.memory=2g \
  --conf spark.driver.extraJavaOptions="$opens -Dgrok.home=/opt/grok -Dlog4j2.configurationFile=/opt/grok/conf/log4j2.properties -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp" \
  --conf spark.executor.extraJavaOptions="$opens $javacpp" \
  local:///opt/grok/grok-job.jar \
  sweep --master "$K8S_MASTER" --config "$config" --out "$out" \
    --set train.threads="$threads" "$@"
