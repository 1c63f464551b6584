#!/usr/bin/env bash
# Runs the load tool against any echo server: bench/load.sh --port 9000 --conns 256 --duration 10s
# Modes: echo (the default), idle (--idle N --hold T), churn (--churn: connections opened, echoed on once
# and closed, per second: bench/load.sh --port 9000 --churn --conns 16 --duration 5s); --help lists them.
# The same jar also serves: netty-echo --port P (the Netty CR LF echo), http-echo --port P [--threads N]
# (answers each POST with its body) and http-load --url http://127.0.0.1:P/ --conns N (POSTs in a closed
# loop, each response verified): java -jar bench/target/tcp-gateway-bench.jar http-load --help.
# TLS 1.3: --tls --tls-trust cert.pem (echo and churn modes; with --churn, new TLS connections per second),
# against netty-echo --port P --tls-cert cert.pem --tls-key key.pem [--tls-provider jdk|openssl].
# Builds the bench jar first when it is missing. LOAD_JVM_OPTS overrides the tool's JVM flags.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/bench/target/tcp-gateway-bench.jar"
if [[ ! -f "$jar" ]]; then
	(cd "$root" && ./mvnw -q -B -f bench/pom.xml -DskipTests package)
fi
# shellcheck disable=SC2086 # the options are a list of flags
exec java ${LOAD_JVM_OPTS:--Xmx1g -XX:+UseSerialGC} -jar "$jar" load "$@"
