#!/usr/bin/env bash
# Runs the gateway under the JDK's default selector (epoll on Linux) and under the poll selector, with many
# idle connections held while a few are active, and prints throughput, p99 latency and the server's CPU
# time side by side. The server is pinned to CPU 0, the load tool to CPU 1. Only connects to 127.0.0.1.
set -euo pipefail

usage() {
	cat <<'USAGE'
usage: bench/selector-compare.sh --gateway-jar F [options]
  --gateway-jar F     the gateway jar to run (or GATEWAY_JAR=F)
  --idle LIST         idle connections held during each run (default "9990": with the 10 active,
                      the gateway's default max-connections of 10,000)
  --conns N           active connections, closed-loop echo (default 10)
  --pipeline N        messages in flight per active connection (default 1)
  --warmup S          seconds before measuring (default 5)
  --duration S        measured seconds (default 10)
  --rounds N          epoll and poll alternate N times (default 2)
  --gateway-args A    extra gateway arguments, e.g. "--tcp-gateway.selector.event-loops=1"
  --out DIR           where logs and results go (default bench/target/selector-<time>)
Environment: SERVER_JVM_OPTS (default "-Xms256m -Xmx1g -XX:+UseSerialGC"), LOAD_JVM_OPTS.
USAGE
}

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh" selector
gateway_jar="${GATEWAY_JAR:-}"
idle_list="9990"
conns=10
pipeline=1
warmup=5
duration=10
rounds=2
gateway_args=""
out="$root/bench/target/selector-$(date +%Y%m%d-%H%M%S)"

while (($#)); do
	case "$1" in
		--gateway-jar) gateway_jar="$2" ;;
		--idle) idle_list="$2" ;;
		--conns) conns="$2" ;;
		--pipeline) pipeline="$2" ;;
		--warmup) warmup="$2" ;;
		--duration) duration="$2" ;;
		--rounds) rounds="$2" ;;
		--gateway-args) gateway_args="$2" ;;
		*) common_option "$@" ;;
	esac
	shift 2
done
if [[ ! -f "$gateway_jar" ]]; then
	echo "--gateway-jar is required (a built tcp-gateway jar)" >&2
	exit 2
fi
gateway_jar="$(absolute "$gateway_jar")"
build_bench_jar
prepare_out
raise_open_files 30000
# The gateway's arguments are a list of flags.
read -ra gateway_arg_list <<<"$gateway_args"

# run_one SELECTOR IDLE ROUND
run_one() {
	local selector="$1" idle="$2" round="$3" name="$1-idle$2-r$3" provider_opts=()
	if [[ "$selector" == poll ]]; then
		provider_opts=(-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.PollSelectorProvider)
	fi
	pick_ports
	if ! launch_server "the gateway" "$out/$name-server.log" java "${server_jvm_opts[@]}" "${provider_opts[@]}" \
		-jar "$gateway_jar" "--tcp-gateway.port=$tcp_port" "--server.port=$http_port" "${gateway_arg_list[@]}"; then
		stop_server
		return 0
	fi
	sleep 1
	log "$name: $conns active (pipeline $pipeline) and $idle idle connections, ${warmup}s warmup, ${duration}s measured"
	local idle_opts=()
	if ((idle > 0)); then
		idle_opts=(--idle-extra "$idle" --connect-batch 500)
	fi
	start_load "$out/$name" $((warmup + duration + 300)) --conns "$conns" --pipeline "$pipeline" --size 64 \
		--framing crlf --warmup "${warmup}s" --duration "${duration}s" "${idle_opts[@]}"
	# The measured window starts warmup seconds after the idle connections are held.
	if ((idle > 0)); then
		until grep -q 'holding them' "$out/$name.err" 2>/dev/null; do
			kill -0 "$load_pid" 2>/dev/null || break
			sleep 0.05
		done
	fi
	sleep "$warmup"
	local cpu_start wall_start cpu_end wall_end
	cpu_start="$(cpu_ticks "$server_pid")"
	wall_start="$(date +%s%N)"
	sleep "$duration"
	cpu_end="$(cpu_ticks "$server_pid")"
	wall_end="$(date +%s%N)"
	local rss threads
	rss="$(proc_field "$server_pid" VmRSS)"
	threads="$(proc_field "$server_pid" Threads)"
	wait_load "$out/$name"
	stop_server
	local cpu_seconds wall_seconds
	cpu_seconds="$(python3 -c "print(($cpu_end - $cpu_start) / $ticks_per_second)")"
	wall_seconds="$(python3 -c "print(($wall_end - $wall_start) / 1e9)")"
	record "{\"selector\":\"$selector\",\"idle\":$idle,\"round\":$round,\"cpuSeconds\":$cpu_seconds,\"wallSeconds\":$wall_seconds,\"rssKb\":${rss:-null},\"threads\":${threads:-null},\"result\":${load_result:-null}}"
	grep -E '^(throughput|latency|errors|stalled|idle extra)' "$out/$name.out" | sed "s/^/  /" >&2 || log "no result; see $out/$name.err"
	log "  server CPU ${cpu_seconds} s in ${wall_seconds} s"
}

log "output in $out; gateway $gateway_jar ${gateway_args}"
for round in $(seq "$rounds"); do
	for idle in $idle_list; do
		for selector in epoll poll; do
			run_one "$selector" "$idle" "$round"
		done
	done
done

python3 - "$results" <<'PY' | tee "$out/table.md"
import json
import statistics
import sys

records = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
groups = {}
for record in records:
    groups.setdefault((record["idle"], record["selector"]), []).append(record)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


rows = [["idle conns", "selector", "runs", "msgs/s", "p99 µs", "server CPU %", "CPU µs/msg", "RSS MB", "threads",
         "errors (active/idle)", "idle verified before/after"], ["---"] * 11]
for (idle, selector), group in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] != "epoll")):
    ok = [r for r in group if r["result"]]
    rate = median([r["result"]["msgsPerSec"] for r in ok])
    p99 = median([r["result"]["p99Us"] for r in ok])
    cpu = median([100 * r["cpuSeconds"] / r["wallSeconds"] for r in group])
    per_message = median([1e6 * r["cpuSeconds"] / (r["result"]["msgsPerSec"] * r["wallSeconds"])
                          for r in ok if r["result"]["msgsPerSec"]])
    rss = median([r["rssKb"] / 1024 if r["rssKb"] else None for r in group])
    threads = median([r["threads"] for r in group])
    errors = "/".join(str(sum(r["result"][k] for r in ok)) for k in ("errors", "idleErrors"))
    verified = ", ".join(f'{r["result"]["idleVerifiedBefore"]}/{r["result"]["idleVerifiedAfter"]}' for r in ok)
    fmt = lambda v, d=0: "-" if v is None else f"{v:,.{d}f}"
    rows.append([f"{idle:,}", selector, str(len(group)), fmt(rate), fmt(p99), fmt(cpu, 1), fmt(per_message, 1),
                 fmt(rss, 1), fmt(threads), errors, verified])
print("\n".join("| " + " | ".join(row) + " |" for row in rows))
PY
