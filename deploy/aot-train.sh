#!/usr/bin/env bash
# Records the gateway's AOT cache (Java 25+, JEP 483/514/515: classes loaded and linked ahead of time,
# method profiles) from a training run that does what a started gateway does, not only its context
# refresh: it starts the gateway, waits until the TCP port accepts, echoes a few hundred lines over a
# few connections, asks the management port for health and metrics, then stops it with SIGTERM; the JVM
# writes the cache as it exits.
#
#   deploy/aot-train.sh CACHE JAR [JVM_OPTION...]
#
# CACHE is the file to write (application.aot), JAR the runnable jar, extracted (java -Djarmode=tools
# -jar ... extract): a cache fits only the jar and JDK it was recorded with. JVM_OPTION: the flags the
# gateway will be started with. Environment: JAVA (the launcher; default java), TRAIN_TCP_PORT and
# TRAIN_HTTP_PORT (default 0: any free port, read from the gateway's log).
# Needs only bash and a JRE (the Dockerfile's build stage has nothing else): connections through
# bash's /dev/tcp, only to 127.0.0.1.
set -euo pipefail

if (($# < 2)); then
	sed -n '8p' "$0" >&2
	exit 2
fi
cache="$1" jar="$2"
shift 2
java="${JAVA:-java}"
connections=4
lines_per_batch=25
batches=4

log="$(mktemp)"
"$java" "$@" -XX:AOTCacheOutput="$cache" -jar "$jar" "--tcp-gateway.port=${TRAIN_TCP_PORT:-0}" \
	"--server.port=${TRAIN_HTTP_PORT:-0}" >"$log" 2>&1 &
pid=$!
trap 'kill -KILL "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
trap 'exit 143' TERM INT

fail() {
	echo "aot-train: $*; the gateway's log:" >&2
	cat "$log" >&2
	exit 1
}

# The ports, from the gateway's and Tomcat's own lines, once the TCP port accepts (bounded: 180 s).
tcp_port="" http_port=""
for _ in $(seq 1800); do
	kill -0 "$pid" 2>/dev/null || fail "the gateway exited before listening"
	tcp_port="$(sed -n 's/.*TCP gateway listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -1)"
	[[ -n "$tcp_port" ]] && (exec 3<>"/dev/tcp/127.0.0.1/$tcp_port") 2>/dev/null && break
	tcp_port=""
	sleep 0.1
done
[[ -n "$tcp_port" ]] || fail "not listening within 180 s"
http_port="$(sed -n 's/.*Tomcat started on port \([0-9][0-9]*\).*/\1/p' "$log" | head -1)"
[[ -n "$http_port" ]] || fail "no management port in the log"

# The echo load: all connections open at once, each sending batches of pipelined lines and reading
# every reply back, in order.
fds=()
for ((c = 0; c < connections; c++)); do
	exec {fd}<>"/dev/tcp/127.0.0.1/$tcp_port"
	fds+=("$fd")
done
for ((b = 0; b < batches; b++)); do
	for ((c = 0; c < connections; c++)); do
		for ((i = 0; i < lines_per_batch; i++)); do
			printf 'training line %d of batch %d on connection %d\r\n' "$i" "$b" "$c"
		done >&"${fds[c]}"
	done
	for ((c = 0; c < connections; c++)); do
		for ((i = 0; i < lines_per_batch; i++)); do
			IFS= read -r -t 30 reply <&"${fds[c]}" || fail "no reply to line $i of batch $b on connection $c"
			[[ "${reply%$'\r'}" == "training line $i of batch $b on connection $c" ]] ||
				fail "unexpected reply: ${reply%$'\r'}"
		done
	done
done
for fd in "${fds[@]}"; do
	exec {fd}>&-
done

# The management port, as a probe and a scrape use it.
for path in /actuator/health /actuator/health/readiness /actuator/prometheus; do
	exec {http}<>"/dev/tcp/127.0.0.1/$http_port"
	printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&"$http"
	IFS= read -r -t 30 status <&"$http" || fail "no answer to GET $path"
	[[ "$status" == "HTTP/1.1 200"* ]] || fail "GET $path answered ${status%$'\r'}"
	cat <&"$http" >/dev/null
	exec {http}>&-
done

# SIGTERM: the gateway drains and exits 0, and the JVM writes the cache on its way out.
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
((status == 0)) || fail "the gateway exited with status $status"
[[ -s "$cache" ]] || fail "no AOT cache written to $cache"
echo "aot-train: $cache recorded (echoed $((connections * batches * lines_per_batch)) lines on port $tcp_port)"
