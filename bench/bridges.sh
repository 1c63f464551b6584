#!/usr/bin/env bash
# Measures the gateway's two bridges next to their backends measured directly, in one run: the load
# tool against the Netty echo server directly and through the gateway's TCP bridge (per-connection and
# shared; one upstream, and three), the HTTP load tool against the HTTP echo server directly and the load tool through the
# gateway's HTTP bridge to it, and the gateway's own echo as the reference. The gateway is pinned to
# CPU 0; the load tool and the backend share CPU 1. Only ever connects to 127.0.0.1.
set -euo pipefail

usage() {
	cat <<'USAGE'
usage: bench/bridges.sh --gateway-jar F [options]
  --gateway-jar F   the gateway jar (with both bridges) to run (or GATEWAY_JAR=F)
  --configs LIST    configurations, in this order each round (default
                    "netty gw-echo gw-tcp gw-tcp-shared http gw-http"; add gw-tcp-3 and
                    gw-tcp-shared-3 to compare one upstream with three):
                    netty          load tool -> Netty echo (the TCP backend alone)
                    gw-echo        load tool -> gateway echo (no bridge)
                    gw-tcp         load tool -> gateway, forward.tcp per-connection -> Netty echo
                    gw-tcp-shared  load tool -> gateway, forward.tcp shared, pool 4 -> Netty echo
                    gw-tcp-3       load tool -> gateway, forward.tcp per-connection, round-robin
                                   -> three Netty echoes
                    gw-tcp-shared-3 load tool -> gateway, forward.tcp shared, pool 4 each -> three
                                   Netty echoes
                    http           http-load -> HTTP echo (the HTTP backend alone)
                    gw-http        load tool -> gateway, forward.http -> HTTP echo
  --points LIST     conns x pipeline points (default "16x1 256x1"; http runs conns only)
  --rounds N        rounds, configurations interleaved (default 3)
  --warmup S        seconds of warmup (default 2)
  --duration S      measured seconds (default 5)
  --pool-size N     forward.tcp.pool-size of gw-tcp-shared (default 4)
  --build-wait S    longest wait for a running Maven build before each configuration (default 600)
  --out DIR         where logs and results go (default bench/target/bridges-<time>)
Every server (backend and gateway) starts fresh for each configuration of each round and serves both
points. Before each configuration the script waits (see --build-wait) while a Maven build runs.
Environment: SERVER_JVM_OPTS (default "-Xms256m -Xmx1g -XX:+UseSerialGC") for the gateway and the
backends, LOAD_JVM_OPTS (default "-Xmx1g -XX:+UseSerialGC") for the load tools.
USAGE
}

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh" bridges
gateway_jar="${GATEWAY_JAR:-}"
configs="netty gw-echo gw-tcp gw-tcp-shared http gw-http"
points="16x1 256x1"
rounds=3
warmup=2
duration=5
pool_size=4
build_wait=600
out="$root/bench/target/bridges-$(date +%Y%m%d-%H%M%S)"

while (($#)); do
	case "$1" in
		--gateway-jar) gateway_jar="$2" ;;
		--configs) configs="$2" ;;
		--points) points="$2" ;;
		--rounds) rounds="$2" ;;
		--warmup) warmup="$2" ;;
		--duration) duration="$2" ;;
		--pool-size) pool_size="$2" ;;
		--build-wait) build_wait="$2" ;;
		*) common_option "$@" ;;
	esac
	shift 2
done
if [[ ! -f "$gateway_jar" ]]; then
	echo "--gateway-jar is required (a built tcp-gateway jar with the forward bridges)" >&2
	exit 2
fi
gateway_jar="$(absolute "$gateway_jar")"
build_bench_jar
prepare_out
raise_open_files 20000

backend_pids=()
backend_port=""
target_port=""

stop_backend() {
	local pid
	for pid in "${backend_pids[@]}"; do
		stop_pid "$pid"
	done
	backend_pids=()
}

# backend_ticks: clock ticks every backend has spent so far.
backend_ticks() {
	local pid sum=0
	for pid in "${backend_pids[@]}"; do
		sum=$((sum + $(cpu_ticks "$pid")))
	done
	echo "$sum"
}

cleanup() {
	stop_load
	stop_server
	stop_backend
}

# wait_for_quiet: no Maven build running (it would share the CPUs), for at most --build-wait seconds.
wait_for_quiet() {
	local waited=0
	while pgrep -f plexus-classworlds >/dev/null; do
		((waited == 0)) && log "a Maven build is running; waiting"
		((waited >= build_wait)) && { log "a Maven build is running after ${waited}s; measuring anyway"; return 0; }
		sleep 5
		waited=$((waited + 5))
	done
	return 0
}

# start_backend KIND LABEL: the Netty echo (netty) or the HTTP echo (http) on the load tool's CPU, fresh;
# one more backend each call, on backend_port.
start_backend() {
	local kind="$1" label="$2" log_file="$out/backend-$1-$2-${#backend_pids[@]}.log" deadline backend_pid
	backend_port="$(free_port)"
	local command=(java "${server_jvm_opts[@]}" -jar "$bench_jar")
	if [[ "$kind" == netty ]]; then
		command+=(netty-echo --port "$backend_port")
	else
		command+=(http-echo --port "$backend_port")
	fi
	(cd "$out" && exec "${load_cpu[@]}" "${command[@]}") >"$log_file" 2>&1 &
	backend_pid=$!
	backend_pids+=("$backend_pid")
	deadline=$(($(date +%s) + 60))
	until port_open "$backend_port"; do
		if ! kill -0 "$backend_pid" 2>/dev/null || (($(date +%s) > deadline)); then
			log "$kind backend did not start listening within 60 s; see $log_file"
			return 1
		fi
		sleep 0.02
	done
	log "$kind backend listening on $backend_port (pid $backend_pid)"
}

# start_gateway LABEL ARGS...: the gateway on the server CPU, fresh, with these extra arguments.
start_gateway() {
	local label="$1"
	shift
	pick_ports
	launch_server gateway "$out/gateway-$label.log" java "${server_jvm_opts[@]}" -jar "$gateway_jar" \
		"--tcp-gateway.port=$tcp_port" "--server.port=$http_port" "${admin_args[@]}" "$@" || return 1
	local health
	health="$(curl -s --max-time 5 -u "$admin_user:$admin_password" "http://127.0.0.1:$http_port/actuator/health" \
		|| true)"
	log "gateway listening on $tcp_port after $startup_ms ms (pid $server_pid); health ${health:0:200}"
}

# start_config NAME LABEL: the servers of a configuration; sets target_port (where the load goes).
start_config() {
	local name="$1" label="$2-$1"
	case "$name" in
		netty)
			start_backend netty "$label" || return 1
			target_port="$backend_port" ;;
		http)
			start_backend http "$label" || return 1
			target_port="$backend_port" ;;
		gw-echo)
			start_gateway "$label" || return 1
			target_port="$tcp_port" ;;
		gw-tcp | gw-tcp-shared)
			start_backend netty "$label" || return 1
			local args=("--tcp-gateway.forward.tcp.host=127.0.0.1" "--tcp-gateway.forward.tcp.port=$backend_port")
			[[ "$name" == gw-tcp-shared ]] && args+=("--tcp-gateway.forward.tcp.mode=shared"
				"--tcp-gateway.forward.tcp.pool-size=$pool_size")
			start_gateway "$label" "${args[@]}" || return 1
			target_port="$tcp_port" ;;
		gw-tcp-3 | gw-tcp-shared-3)
			local upstreams=() i
			for i in 1 2 3; do
				start_backend netty "$label" || return 1
				upstreams+=("127.0.0.1:$backend_port")
			done
			local args=("--tcp-gateway.forward.tcp.upstreams=$(IFS=,; echo "${upstreams[*]}")")
			[[ "$name" == gw-tcp-shared-3 ]] && args+=("--tcp-gateway.forward.tcp.mode=shared"
				"--tcp-gateway.forward.tcp.pool-size=$pool_size")
			start_gateway "$label" "${args[@]}" || return 1
			target_port="$tcp_port" ;;
		gw-http)
			start_backend http "$label" || return 1
			start_gateway "$label" "--tcp-gateway.forward.http.url=http://127.0.0.1:$backend_port/" || return 1
			target_port="$tcp_port" ;;
		*) log "unknown configuration $name"; return 1 ;;
	esac
	sleep 1
}

stop_config() {
	stop_server
	stop_backend
}

# busy_ticks CPU: clock ticks that CPU has spent busy so far.
busy_ticks() {
	awk -v cpu="cpu$1" '$1 == cpu { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# run_point NAME CONNS PIPELINE ROUND: one closed-loop measurement against $target_port, with the CPU
# time of the gateway, the backend and each CPU sampled inside the measured window.
run_point() {
	local name="$1" conns="$2" pipeline="$3" round="$4" file="$out/$1-$2x$3-r$4" seconds
	seconds=$((warmup + duration + 60))
	log "$name ${conns}x$pipeline round $round: ${warmup}s warmup, ${duration}s measured"
	if [[ "$name" == http ]]; then
		"${load_cpu[@]}" timeout "$seconds" java "${load_jvm_opts[@]}" -jar "$bench_jar" http-load \
			--url "http://127.0.0.1:$target_port/" --conns "$conns" --size 64 --warmup "${warmup}s" \
			--duration "${duration}s" >"$file.out" 2>"$file.err" &
	else
		"${load_cpu[@]}" timeout "$seconds" java "${load_jvm_opts[@]}" -jar "$bench_jar" load --port "$target_port" \
			--conns "$conns" --pipeline "$pipeline" --size 64 --framing crlf --warmup "${warmup}s" \
			--duration "${duration}s" >"$file.out" 2>"$file.err" &
	fi
	load_pid=$!
	local window=$((duration > 3 ? duration - 2 : 1))
	sleep $((warmup + 1))
	local gw0 be0 c00 c10 w0
	gw0="$( [[ -n "$server_pid" ]] && cpu_ticks "$server_pid" || echo 0)"
	be0="$(backend_ticks)"
	c00="$(busy_ticks 0)"
	c10="$(busy_ticks 1)"
	w0="$(date +%s%N)"
	sleep "$window"
	local gw1 be1
	gw1="$( [[ -n "$server_pid" ]] && cpu_ticks "$server_pid" || echo 0)"
	be1="$(backend_ticks)"
	local cpu="{\"millis\":$((($(date +%s%N) - w0) / 1000000)),\"gatewayTicks\":$((gw1 - gw0)),\"backendTicks\":$((be1 - be0)),\"cpu0BusyTicks\":$(($(busy_ticks 0) - c00)),\"cpu1BusyTicks\":$(($(busy_ticks 1) - c10)),\"ticksPerSecond\":$ticks_per_second}"
	wait "$load_pid" || true
	load_pid=""
	load_result="$(sed -n 's/^RESULT //p' "$file.out")"
	record "{\"config\":\"$name\",\"point\":\"${conns}x$pipeline\",\"round\":$round,\"cpu\":$cpu,\"result\":${load_result:-null}}"
	grep -E '^(throughput|latency|errors|stalled)' "$file.out" | sed "s/^/  /" >&2 || log "no result; see $file.err"
}

log "output in $out; configs: $configs; rounds: $rounds; points: $points; gateway jar $gateway_jar"
for round in $(seq "$rounds"); do
	for name in $configs; do
		wait_for_quiet
		if start_config "$name" "r$round"; then
			for point in $points; do
				run_point "$name" "${point%x*}" "${point#*x}" "$round"
			done
		fi
		stop_config
	done
done

python3 "$root/bench/bridges-table.py" "$results" | tee "$out/table.md"
