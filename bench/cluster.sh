#!/usr/bin/env bash
# Measures what the cluster directory costs: the gateway with tcp-gateway.cluster.enabled=false and =true
# (one redis-server of its own, started for the run, no persistence), interleaved in one run: the connect
# rate (the load tool's churn mode: open, echo once, close) and closed-loop echo points. The gateway is
# pinned to CPU 0, the load tool to CPU 1, Redis to CPU 1 too (it is the other gateways' shared service,
# not this one's). Only ever connects to 127.0.0.1.
set -euo pipefail

usage() {
	cat <<'USAGE'
usage: bench/cluster.sh --gateway-jar F [options]
  --gateway-jar F   the gateway jar to run (or GATEWAY_JAR=F)
  --configs LIST    configurations, in this order each round (default "off on")
  --points LIST     conns x pipeline echo points (default "256x1")
  --churn-conns N   concurrent connections of the churn measurement (default 16)
  --rounds N        rounds, configurations interleaved (default 3)
  --warmup S        seconds of warmup (default 2)
  --duration S      measured seconds of each measurement (default 5)
  --redis-port P    port of the run's redis-server (default 21379)
  --out DIR         where logs and results go (default bench/target/cluster-<time>)
Needs redis-server (Debian package redis-server). Every gateway starts fresh for each configuration of
each round; Redis is flushed between configurations.
Environment: SERVER_JVM_OPTS (default "-Xms256m -Xmx1g -XX:+UseSerialGC") for the gateway,
LOAD_JVM_OPTS (default "-Xmx1g -XX:+UseSerialGC") for the load tool.
USAGE
}

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh" cluster
gateway_jar="${GATEWAY_JAR:-}"
configs="off on"
points="256x1"
churn_conns=16
rounds=3
warmup=2
duration=5
redis_port=21379
out="$root/bench/target/cluster-$(date +%Y%m%d-%H%M%S)"

while (($#)); do
	case "$1" in
		--gateway-jar) gateway_jar="$2" ;;
		--configs) configs="$2" ;;
		--points) points="$2" ;;
		--churn-conns) churn_conns="$2" ;;
		--rounds) rounds="$2" ;;
		--warmup) warmup="$2" ;;
		--duration) duration="$2" ;;
		--redis-port) redis_port="$2" ;;
		*) common_option "$@" ;;
	esac
	shift 2
done
if [[ ! -f "$gateway_jar" ]]; then
	echo "--gateway-jar is required (a built tcp-gateway jar)" >&2
	exit 2
fi
command -v redis-server >/dev/null || { echo "redis-server is needed (apt-get install redis-server)" >&2; exit 2; }
gateway_jar="$(absolute "$gateway_jar")"
build_bench_jar
prepare_out
raise_open_files 20000

redis_pid=""
cleanup() {
	stop_load
	stop_server
	stop_pid "$redis_pid"
}

mkdir -p "$out/redis"
(cd "$out/redis" && exec "${load_cpu[@]}" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' \
	--appendonly no --dir "$out/redis") >"$out/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do
	[[ "$(redis-cli -p "$redis_port" PING 2>/dev/null)" == PONG ]] && break
	sleep 0.1
done
[[ "$(redis-cli -p "$redis_port" PING 2>/dev/null)" == PONG ]] || { log "redis-server did not start; see $out/redis.log"; exit 1; }
log "redis-server on $redis_port (pid $redis_pid)"

# start_gateway NAME LABEL: the gateway on the server CPU, fresh, with the cluster off or on.
start_gateway() {
	local name="$1" label="$2-$1" args=()
	if [[ "$name" == on ]]; then
		args=(--tcp-gateway.cluster.enabled=true --tcp-gateway.cluster.node-id=bench
			--spring.data.redis.host=127.0.0.1 "--spring.data.redis.port=$redis_port")
	fi
	pick_ports
	launch_server gateway "$out/gateway-$label.log" java "${server_jvm_opts[@]}" -jar "$gateway_jar" \
		"--tcp-gateway.port=$tcp_port" "--server.port=$http_port" "${admin_args[@]}" "${args[@]}" || return 1
	log "gateway ($name) listening on $tcp_port after $startup_ms ms (pid $server_pid)"
	sleep 1
}

# measure NAME WHAT ROUND ARGS...: one load run; its RESULT line recorded, its summary printed.
measure() {
	local name="$1" what="$2" round="$3" file="$out/$1-$2-r$3"
	shift 3
	log "$name $what round $round: ${warmup}s warmup, ${duration}s measured"
	start_load "$file" $((warmup + duration + 60)) "$@" --warmup "${warmup}s" --duration "${duration}s"
	wait_load "$file"
	record "{\"config\":\"$name\",\"point\":\"$what\",\"round\":$round,\"result\":${load_result:-null}}"
	grep -E '^(throughput|churn|latency|errors)' "$file.out" | sed "s/^/  /" >&2 || log "no result; see $file.err"
	echo "| $name | $what | $round | $(grep -E '^(throughput|churn)' "$file.out" | head -1) |" >>"$out/summary.md"
}

echo "| cluster | point | round | result |" >"$out/summary.md"
echo "|---|---|---|---|" >>"$out/summary.md"
log "output in $out; configs: $configs; rounds: $rounds; points: $points; gateway jar $gateway_jar"
for round in $(seq "$rounds"); do
	for name in $configs; do
		redis-cli -p "$redis_port" FLUSHALL >/dev/null
		if start_gateway "$name" "r$round"; then
			measure "$name" churn "$round" --churn --conns "$churn_conns" --size 64 --framing crlf
			for point in $points; do
				measure "$name" "$point" "$round" --conns "${point%x*}" --pipeline "${point#*x}" --size 64 \
					--framing crlf
			done
			if [[ "$name" == on ]]; then
				log "directory after the run: $(redis-cli -p "$redis_port" DBSIZE) keys; health: $(curl -s --max-time 5 \
					-u "$admin_user:$admin_password" "http://127.0.0.1:$http_port/actuator/health/tcpGatewayCluster" | head -c 300)"
			fi
		fi
		stop_server
	done
done
cat "$out/summary.md"
