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
  --gateway-args A    extra gateway arguments, e.g. "--tcp-gateway.selector.worker-threads=2"
  --out DIR           where logs and results go (default bench/target/selector-<time>)
Environment: SERVER_JVM_OPTS (default "-Xms256m -Xmx1g -XX:+UseSerialGC"), LOAD_JVM_OPTS.
USAGE
}

root="$(cd "$(dirname "$0")/.." && pwd)"
bench_jar="$root/bench/target/tcp-gateway-bench.jar"
gateway_jar="${GATEWAY_JAR:-}"
idle_list="9990"
conns=10
pipeline=1
warmup=5
duration=10
rounds=2
gateway_args=""
out="$root/bench/target/selector-$(date +%Y%m%d-%H%M%S)"
server_jvm_opts="${SERVER_JVM_OPTS:--Xms256m -Xmx1g -XX:+UseSerialGC}"
load_jvm_opts="${LOAD_JVM_OPTS:--Xmx1g -XX:+UseSerialGC}"

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
		--out) out="$2" ;;
		-h | --help) usage; exit 0 ;;
		*) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
	shift 2
done
if [[ ! -f "$gateway_jar" ]]; then
	echo "--gateway-jar is required (a built tcp-gateway jar)" >&2
	exit 2
fi
if [[ ! -f "$bench_jar" ]]; then
	(cd "$root" && ./mvnw -q -B -f bench/pom.xml -DskipTests package)
fi
mkdir -p "$out"
results="$out/results.jsonl"
: >"$results"
ulimit -n 30000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if (($(nproc) >= 2)); then
	server_cpu=(taskset -c 0)
	load_cpu=(taskset -c 1)
else
	server_cpu=()
	load_cpu=()
fi
ticks_per_second="$(getconf CLK_TCK)"

log() { echo "[selector $(date +%H:%M:%S)] $*" >&2; }

server_pid=""
load_pid=""

stop_pid() {
	local pid="$1" signal="$2"
	if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
		kill "-$signal" "$pid" 2>/dev/null || true
		for _ in $(seq 150); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
}

cleanup() {
	stop_pid "$load_pid" TERM
	stop_pid "$server_pid" TERM
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# CPU time (user + system) of a process so far, in clock ticks.
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

status_field() {
	awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

# run_one SELECTOR IDLE ROUND
run_one() {
	local selector="$1" idle="$2" round="$3" name="$1-idle$2-r$3" provider_opts=()
	if [[ "$selector" == poll ]]; then
		provider_opts=(-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.PollSelectorProvider)
	fi
	local tcp_port http_port
	tcp_port="$(free_port)"
	http_port="$(free_port)"
	# shellcheck disable=SC2086 # JVM options and gateway arguments are lists of flags
	(cd "$out" && exec "${server_cpu[@]}" java $server_jvm_opts "${provider_opts[@]}" -jar "$gateway_jar" \
		"--tcp-gateway.port=$tcp_port" "--server.port=$http_port" $gateway_args) >"$out/$name-server.log" 2>&1 &
	server_pid=$!
	local deadline=$(($(date +%s) + 60))
	until port_open "$tcp_port"; do
		if ! kill -0 "$server_pid" 2>/dev/null || (($(date +%s) > deadline)); then
			log "the gateway did not start listening within 60 s; see $out/$name-server.log"
			stop_pid "$server_pid" TERM
			return 0
		fi
		sleep 0.05
	done
	sleep 1
	log "$name: $conns active (pipeline $pipeline) and $idle idle connections, ${warmup}s warmup, ${duration}s measured"
	local idle_opts=()
	if ((idle > 0)); then
		idle_opts=(--idle-extra "$idle" --connect-batch 500)
	fi
	# shellcheck disable=SC2086 # JVM options are a list of flags
	"${load_cpu[@]}" timeout $((warmup + duration + 300)) java $load_jvm_opts -jar "$bench_jar" load \
		--port "$tcp_port" --conns "$conns" --pipeline "$pipeline" --size 64 --framing crlf \
		--warmup "${warmup}s" --duration "${duration}s" "${idle_opts[@]}" >"$out/$name.out" 2>"$out/$name.err" &
	load_pid=$!
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
	rss="$(status_field "$server_pid" VmRSS)"
	threads="$(status_field "$server_pid" Threads)"
	wait "$load_pid" || true
	load_pid=""
	stop_pid "$server_pid" TERM
	server_pid=""
	local result
	result="$(sed -n 's/^RESULT //p' "$out/$name.out")"
	local cpu_seconds wall_seconds
	cpu_seconds="$(python3 -c "print(($cpu_end - $cpu_start) / $ticks_per_second)")"
	wall_seconds="$(python3 -c "print(($wall_end - $wall_start) / 1e9)")"
	echo "{\"selector\":\"$selector\",\"idle\":$idle,\"round\":$round,\"cpuSeconds\":$cpu_seconds,\"wallSeconds\":$wall_seconds,\"rssKb\":${rss:-null},\"threads\":${threads:-null},\"result\":${result:-null}}" >>"$results"
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
