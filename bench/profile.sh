#!/usr/bin/env bash
# Two measurements behind docs/performance.md that compare.sh does not take: the system calls a server
# makes per message, and the heap the gateway allocates per message. One server at a time, pinned to
# CPU 0, the load tool on CPU 1. Only ever connects to 127.0.0.1; every run is bounded in time.
set -euo pipefail

usage() {
	cat <<'USAGE'
usage: bench/profile.sh syscalls|cpu|allocations [options]
  syscalls          strace -c -f on the server for --seconds while the load runs: the count of each
                    system call beside the messages echoed meanwhile (from the server's read bytes in
                    /proc/PID/io, one 66-byte line per message); needs strace
  cpu               the server's CPU per message split into user time (the JVM: Java, JIT, GC)
                    and system time (the kernel: read, write, epoll), from /proc/PID/stat over
                    --seconds of load after a warmup; messages from the server's read bytes, as for
                    syscalls; --rounds runs, one server start each
  allocations       heap bytes the gateway allocates per echoed message: Micrometer's
                    jvm_gc_memory_allocated_bytes_total read from Actuator around a measured run,
                    after a full GC (jcmd GC.run) on each side; beside it, what the event loops
                    alone allocate per message (JFR's jdk.ThreadAllocationStatistics, recorded
                    around the same run): the first includes whatever the server does meanwhile
                    (timers, sweeps, metrics), which at a few thousand messages a second on a
                    busy machine is most of it;
                    --rounds runs, one server start each
  --server S        gateway (default) or netty (syscalls and cpu)
  --gateway-jar F   the gateway jar (default: target/tcp-gateway-0.1.0-SNAPSHOT-exec.jar, built if missing)
  --conns N         connections (default 256)
  --pipeline N      messages in flight per connection (default 1 for syscalls, 16 for allocations)
  --seconds S       traced or measured seconds (default 5 for syscalls, 6 for allocations)
  --rounds N        cpu and allocations: how many runs (default 3)
  --out DIR         where logs go (default bench/target/profile-<time>)
Environment: JAVA_HOME, SERVER_JVM_OPTS and LOAD_JVM_OPTS as for compare.sh.
USAGE
}

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh" profile
what="${1:-}"
[[ "$what" == syscalls || "$what" == cpu || "$what" == allocations ]] || { usage >&2; exit 2; }
shift
server=gateway
gateway_jar="${GATEWAY_JAR:-}"
conns=256
pipeline=""
seconds=""
rounds=3
out="$root/bench/target/profile-$(date +%Y%m%d-%H%M%S)"
while (($#)); do
	case "$1" in
		--server) server="$2" ;;
		--gateway-jar) gateway_jar="$2" ;;
		--conns) conns="$2" ;;
		--pipeline) pipeline="$2" ;;
		--seconds) seconds="$2" ;;
		--rounds) rounds="$2" ;;
		*) common_option "$@" ;;
	esac
	shift 2
done
if [[ "$what" == syscalls || "$what" == cpu ]]; then
	pipeline="${pipeline:-1}"
	seconds="${seconds:-5}"
	if [[ "$what" == syscalls ]]; then
		command -v strace >/dev/null || { echo "syscalls needs strace (apt-get install strace)" >&2; exit 2; }
	fi
else
	pipeline="${pipeline:-16}"
	seconds="${seconds:-6}"
	[[ "$server" == gateway ]] || { echo "allocations measures the gateway only" >&2; exit 2; }
fi
if [[ "$server" == gateway && -z "$gateway_jar" ]]; then
	gateway_jar="$root/target/tcp-gateway-0.1.0-SNAPSHOT-exec.jar"
	[[ -f "$gateway_jar" ]] || (cd "$root" && ./mvnw -q -B -DskipTests package)
fi
[[ -z "$gateway_jar" ]] || gateway_jar="$(absolute "$gateway_jar")"
# the jcmd beside the server's launcher, found as compare.sh finds it, and its jfr
jcmd="$(dirname "$(readlink -f "$(command -v "$server_java")")")/jcmd"
jfr="$(dirname "$jcmd")/jfr"
build_bench_jar
mkdir -p "$out"
raise_open_files

# start: a fresh server on new ports.
start() {
	pick_ports
	if [[ "$server" == netty ]]; then
		launch_server netty "$out/server.log" "$server_java" "${server_jvm_opts[@]}" -jar "$bench_jar" netty-echo --port "$tcp_port"
	else
		launch_server gateway "$out/server.log" "$server_java" "${server_jvm_opts[@]}" -jar "$gateway_jar" \
			--tcp-gateway.port="$tcp_port" --server.port="$http_port"
	fi
	log "$server listening on $tcp_port after $startup_ms ms"
}

allocated() {
	curl -sf "http://127.0.0.1:$http_port/actuator/prometheus" | awk '/^jvm_gc_memory_allocated_bytes_total/ { print $2 }'
}

if [[ "$what" == syscalls ]]; then
	start
	start_load "$out/load" $((seconds + 60)) --conns "$conns" --pipeline "$pipeline" --warmup 4s \
		--duration "$((seconds + 6))s"
	# the trace starts after the load's warmup and ends before its measured time does
	sleep 5
	read_before="$(awk '/^rchar/ { print $2 }' "/proc/$server_pid/io")"
	timeout -s INT "$seconds" strace -c -f -p "$server_pid" -o "$out/strace.txt" 2>/dev/null || true
	read_after="$(awk '/^rchar/ { print $2 }' "/proc/$server_pid/io")"
	wait_load "$out/load"
	echo "$server, ${conns}x$pipeline, ${seconds} s traced: about $(((read_after - read_before) / 66)) messages"
	head -20 "$out/strace.txt"
	exit 0
fi

# user_system_read PID: the process's user and system clock ticks and the bytes it has read so far
user_system_read() {
	echo "$(awk '{ print $14, $15 }' "/proc/$1/stat") $(awk '/^rchar/ { print $2 }' "/proc/$1/io")"
}

if [[ "$what" == cpu ]]; then
	for round in $(seq "$rounds"); do
		start
		start_load "$out/load-$round" $((seconds + 60)) --conns "$conns" --pipeline "$pipeline" --warmup 4s \
			--duration "$((seconds + 6))s"
		# the window starts after the load's warmup and ends before its measured time does
		sleep 5
		read -r user0 system0 read0 <<<"$(user_system_read "$server_pid")"
		sleep "$seconds"
		read -r user1 system1 read1 <<<"$(user_system_read "$server_pid")"
		wait_load "$out/load-$round"
		stop_server
		python3 - "$server" "$conns" "$pipeline" "$round" "$ticks_per_second" \
			"$((user1 - user0))" "$((system1 - system0))" "$((read1 - read0))" <<'PY'
import sys
server, conns, pipeline, round_, hz = sys.argv[1:6]
user, system, read = (int(value) for value in sys.argv[6:9])
messages = read / 66  # one 64-byte line and its CRLF per message
per_message = lambda ticks: ticks / int(hz) * 1e6 / messages
print(f"{server} {conns}x{pipeline} round {round_}: {messages:,.0f} messages, CPU per message "
      f"{per_message(user + system):.2f} us = user {per_message(user):.2f} + system {per_message(system):.2f}")
PY
	done
	exit 0
fi

# a recording of nothing but each thread's allocated bytes, at its start and at its end
loop_settings="$out/thread-allocations.jfc"
cat >"$loop_settings" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event>
</configuration>
JFC

for round in $(seq "$rounds"); do
	start
	start_load "$out/warmup-$round" 60 --conns "$conns" --pipeline "$pipeline" --warmup 3s --duration 3s
	wait_load "$out/warmup-$round"
	# the recording starts before and stops after the heap figures: what it allocates
	# itself is not counted
	"$jcmd" "$server_pid" JFR.start name=loops settings="$loop_settings" >/dev/null
	"$jcmd" "$server_pid" GC.run >/dev/null
	before="$(allocated)"
	start_load "$out/load-$round" $((seconds + 60)) --conns "$conns" --pipeline "$pipeline" --warmup 0s \
		--duration "${seconds}s"
	wait_load "$out/load-$round"
	"$jcmd" "$server_pid" GC.run >/dev/null
	after="$(allocated)"
	"$jcmd" "$server_pid" JFR.stop name=loops filename="$out/loops-$round.jfr" >/dev/null
	stop_server
	"$jfr" print --json --events jdk.ThreadAllocationStatistics "$out/loops-$round.jfr" >"$out/loops-$round.json"
	python3 - "$before" "$after" "$load_result" "$round" "$out/loops-$round.json" <<'PY'
import json, sys
before, after, result, round_ = float(sys.argv[1]), float(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
# each loop thread's allocated bytes at the recording's start and end
loops = {}
for event in json.load(open(sys.argv[5]))["recording"]["events"]:
    thread = event["values"]["thread"]
    if thread and (thread["javaName"] or "").startswith("tcp-gateway-loop"):
        loops.setdefault(thread["javaName"], []).append(event["values"]["allocated"])
loop_bytes = sum(max(values) - min(values) for values in loops.values())
print(f"round {round_}: {(after - before) / result['messages']:.0f} B/msg allocated, "
      f"{loop_bytes / result['messages']:.0f} B/msg by the event loops, "
      f"{result['messages']:,} messages, {result['msgsPerSec']:,.0f} msgs/s, {result['errors']} errors")
PY
done
