#!/usr/bin/env bash
# Compares the gateway (io-mode nio and net, variants of its settings, and other builds of it) with a
# minimal Netty echo server on this machine, one server at a time: the server pinned to CPU 0, the load
# tool to CPU 1. Prints markdown tables with the ratio gateway/Netty of every figure, and of every
# variant to nio. TLS servers (names with -tls) are compared with Netty serving TLS with the same
# provider: the JDK's engine, or OpenSSL.
# Only ever connects to 127.0.0.1.
set -euo pipefail

usage() {
	cat <<'USAGE'
usage: bench/compare.sh [options]
  --warmup S        seconds of warmup before each measurement (default 2)
  --duration S      measured seconds per point (default 8)
  --points LIST     conns x pipeline points (default "1x1 16x1 256x1 1000x1 256x16"), and churnN:
                    N connections at a time, each opened, echoing one message and closed, over and
                    over (load --churn --conns N): connections per second, against a TLS server
                    new TLS connections per second, each a full handshake (the handshake rate)
  --idle N          idle connections to hold (default 10000; 0 skips the idle test)
  --hold S          seconds to hold the idle connections (default 10)
  --servers LIST    servers to run (default "nio net netty"); built in: nio, net, netty,
                    nio-1loop, nio-2loops (1 or 2 event loops), nio-nometrics (tcp.gateway meters off),
                    nio-cds (defaults, run from the extracted jar with a class-data-sharing
                    archive recorded once per run, as docs/operating.md describes),
                    nio-aot (defaults, from a Java 25 AOT cache recorded once per run on the
                    servers' JDK by the Dockerfile's training run, deploy/aot-train.sh; needs
                    --java on JDK 25+),
                    net-vt (io-mode net on virtual threads: spring.threads.virtual.enabled, JDK 21+);
                    TLS 1.3 (TLS_AES_128_GCM_SHA256, ECDHE P-256, a certificate made once per run):
                    netty-tls (Netty, the JDK's engine), netty-tls-openssl (Netty, OpenSSL),
                    nio-tls (the gateway, tcp-gateway.ssl.bundle with the JDK's engine),
                    nio-tls-openssl (the same with tcp-gateway.ssl.provider=openssl); the load tool
                    speaks TLS (load --tls; --load-tls-engine) to every server whose name has -tls,
                    --variant ones too, which get the TLS bundle as nio-tls does
  --variant N=ARGS  define gateway server N as the gateway with these arguments, for example
                    --variant 'nio-4loops=--tcp-gateway.selector.event-loops=4' (repeatable)
  --variant-jar N=F define gateway server N as gateway jar F with the default arguments (or those
                    of --variant N=ARGS), for example --variant-jar old=/tmp/old.jar with
                    --servers "old nio" to compare two builds: old against nio (repeatable)
  --rounds N        run the load points N times, servers interleaved; tables show medians (default 1)
  --idle-servers L  servers that also get the idle test (default: those of nio, net, netty run)
  --gateway-jar F   the jar of the other gateway servers instead of building one (or GATEWAY_JAR=F)
  --load-tls-engine E  the load tool's TLS engine against -tls servers: openssl (default) or jdk
  --java PATH       the JDK (its home, or its bin/java) every server runs on, Netty included
                    (default: JAVA_HOME's, else the java on PATH)
  --load-java PATH  the JDK the load tool runs on (default: that of the servers)
  --out DIR         where logs and results go (default bench/target/compare-<time>)
The open-file soft limit is raised to the hard one for the servers and the load tool; 18,000 idle
connections need a hard limit of about 20,000. With --idle above 10,000 the gateway's idle servers
get --tcp-gateway.max-connections=N (its default admits 10,000). The idle test also samples RSS before the connections
open and the heap after a full GC while they are held (jcmd of the servers' JDK).
Environment: JAVA_HOME (the JDK of servers and load tool unless --java/--load-java say otherwise),
SERVER_JVM_OPTS (default "-Xms256m -Xmx1g -XX:+UseSerialGC") for every server,
The TLS certificate and key (EC P-256, CN=localhost, IP 127.0.0.1) are made with openssl in OUT/tls.
LOAD_JVM_OPTS (default "-Xmx1g -XX:+UseSerialGC") for the load tool.
USAGE
}

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh" compare

# is_netty NAME: the Netty echo server, in the clear or serving TLS.
is_netty() {
	[[ "$1" == netty || "$1" == netty-tls || "$1" == netty-tls-openssl ]]
}

# is_tls NAME: a server the load tool speaks TLS to.
is_tls() {
	[[ "$1" == *-tls* ]]
}
gateway_jar="${GATEWAY_JAR:-}"
warmup=2
duration=8
points="1x1 16x1 256x1 1000x1 256x16"
idle=10000
hold=10
servers="nio net netty"
rounds=1
idle_servers=""
declare -A gateway_args=(
	[nio]="--tcp-gateway.io-mode=nio"
	[net]="--tcp-gateway.io-mode=net"
	[nio-1loop]="--tcp-gateway.selector.event-loops=1"
	[nio-2loops]="--tcp-gateway.selector.event-loops=2"
	[nio-nometrics]="--management.metrics.enable.tcp.gateway=false"
	[nio-cds]=""
	[nio-aot]=""
	[net-vt]="--tcp-gateway.io-mode=net --spring.threads.virtual.enabled=true"
	[nio-tls]="--tcp-gateway.io-mode=nio"
	[nio-tls-openssl]="--tcp-gateway.io-mode=nio --tcp-gateway.ssl.provider=openssl"
)
load_tls_engine=openssl
load_java_set=""
# Gateway servers that run from a jar of their own instead of the gateway jar.
declare -A gateway_jars=()
out="$root/bench/target/compare-$(date +%Y%m%d-%H%M%S)"

while (($#)); do
	case "$1" in
		--warmup) warmup="$2" ;;
		--duration) duration="$2" ;;
		--points) points="$2" ;;
		--idle) idle="$2" ;;
		--hold) hold="$2" ;;
		--servers) servers="$2" ;;
		--variant) [[ "$2" == *=* ]] || { echo "--variant needs NAME=ARGS" >&2; exit 2; }
			gateway_args["${2%%=*}"]="${2#*=}" ;;
		--variant-jar) [[ "$2" == *=?* ]] || { echo "--variant-jar needs NAME=FILE" >&2; exit 2; }
			gateway_jars["${2%%=*}"]="${2#*=}" ;;
		--rounds) rounds="$2" ;;
		--idle-servers) idle_servers="$2" ;;
		--load-tls-engine) load_tls_engine="$2" ;;
		--gateway-jar) gateway_jar="$2" ;;
		--java) server_java="$(java_binary "$2")" || exit 2 ;;
		--load-java) load_java="$(java_binary "$2")" || exit 2; load_java_set=1 ;;
		*) common_option "$@" ;;
	esac
	shift 2
done

[[ -n "$load_java_set" ]] || load_java="$server_java"
server_java_version="$(java_version "$server_java")"
# The jcmd beside the servers' launcher; a bare "java" is resolved on the PATH first (its dirname
# would be ".", and the heap after GC would silently be missing).
jcmd="$(dirname "$(readlink -f "$(command -v "$server_java")")")/jcmd"

if [[ -z "$idle_servers" ]]; then
	for name in $servers; do
		if [[ "$name" == nio || "$name" == net || "$name" == netty ]]; then
			idle_servers+="$name "
		fi
	done
fi
for name in "${!gateway_jars[@]}"; do
	if is_netty "$name"; then
		echo "--variant-jar: $name is not a gateway server" >&2
		exit 2
	fi
	if [[ ! -f "${gateway_jars[$name]}" ]]; then
		echo "--variant-jar $name: no such file ${gateway_jars[$name]}" >&2
		exit 2
	fi
	gateway_jars[$name]="$(absolute "${gateway_jars[$name]}")"
	# Without --variant NAME=ARGS, the gateway's defaults.
	[[ -n "${gateway_args[$name]+set}" ]] || gateway_args[$name]=""
done
for name in $idle_servers; do
	if is_tls "$name"; then
		echo "--idle-servers: $name serves TLS; the idle test holds connections in the clear only" >&2
		exit 2
	fi
done
for point in $points; do
	if [[ ! "$point" =~ ^([0-9]+x[0-9]+|churn[0-9]+)$ ]]; then
		echo "--points: $point is neither CONNSxPIPELINE nor churnN" >&2
		exit 2
	fi
done
for name in $servers $idle_servers; do
	if ! is_netty "$name" && [[ -z "${gateway_args[$name]+set}" ]]; then
		echo "unknown server $name (define it with --variant $name=ARGS or --variant-jar $name=FILE)" >&2
		exit 2
	fi
done

# Build what is missing.
if [[ -z "$gateway_jar" ]]; then
	log "building the gateway jar"
	(cd "$root" && ./mvnw -q -B -DskipTests package)
	gateway_jar="$root/target/tcp-gateway-0.1.0-SNAPSHOT-exec.jar"
fi
build_bench_jar
gateway_jar="$(absolute "$gateway_jar")"
prepare_out
raise_open_files
tls_dir="$out/tls"
for name in $servers; do
	if is_tls "$name"; then
		prepare_tls "$tls_dir" || exit 1
		break
	fi
done

# prepare_cds JAR: extract JAR and record its class-data-sharing archive, once per run (nio-cds is the
# one server that uses it, from its own jar if --variant-jar gives it one).
prepare_cds() {
	local jar="$1" dir="$out/cds"
	[[ -f "$dir/application.jsa" ]] && return 0
	rm -rf "$dir"
	"$server_java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >"$out/cds-extract.log" 2>&1
	log "recording the class-data-sharing archive of $jar (the gateway starts and stops once)"
	(cd "$out" && timeout 300 "${server_cpu[@]}" "$server_java" "${server_jvm_opts[@]}" -XX:ArchiveClassesAtExit="$dir/application.jsa" \
		-Dspring.context.exit=onRefresh -jar "$dir/$(basename "$jar")" --tcp-gateway.port=0 --server.port=0) \
		>"$out/cds-record.log" 2>&1
	[[ -f "$dir/application.jsa" ]] || { log "no archive recorded; see $out/cds-record.log"; return 1; }
}

# prepare_aot JAR: extract JAR and record its AOT cache (JDK 25+) once per run, with the Dockerfile's
# training run (deploy/aot-train.sh: an echo load and management requests, then SIGTERM).
prepare_aot() {
	local jar="$1" dir="$out/aot"
	[[ -f "$dir/application.aot" ]] && return 0
	rm -rf "$dir"
	"$server_java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >"$out/aot-extract.log" 2>&1
	log "recording the AOT cache of $jar on $server_java_version (the gateway starts, echoes and stops once)"
	# the jar by the path the server starts it from: the cache records the class path
	(cd "$dir" && JAVA="$server_java" timeout 600 "${server_cpu[@]}" bash "$root/deploy/aot-train.sh" application.aot \
		"$dir/$(basename "$jar")" "${server_jvm_opts[@]}") >"$out/aot-record.log" 2>&1
	[[ -f "$dir/application.aot" ]] || { log "no AOT cache recorded (JDK 25+ only: --java); see $out/aot-record.log"; return 1; }
}

# start_server NAME LABEL: start a server, wait (bounded) until its TCP port accepts, record startup time.
start_server() {
	local name="$1" label="$2" jar="${gateway_jars[$1]:-$gateway_jar}" command args
	pick_ports
	# The variant's arguments are a list of flags.
	read -ra args <<<"${gateway_args[$name]:-}"
	# The gateway admits 10,000 connections by default; an idle test past that raises its limit first
	# (the variant's own --tcp-gateway.max-connections, later on the command line, still wins).
	if [[ "$label" == idle ]] && ((idle > 10000)); then
		args=("--tcp-gateway.max-connections=$idle" "${args[@]}")
	fi
	if is_tls "$name" && ! is_netty "$name"; then
		# The run's certificate as a PEM SSL bundle, TLS 1.3 only. The bundle names TLS 1.3's three
		# suites, as the gateway requires with OpenSSL (which cannot restrict them); the load tool
		# offers TLS_AES_128_GCM_SHA256 alone, so that is the suite every connection uses.
		args=("--tcp-gateway.ssl.bundle=bench" "--spring.ssl.bundle.pem.bench.keystore.certificate=file:$tls_dir/cert.pem"
			"--spring.ssl.bundle.pem.bench.keystore.private-key=file:$tls_dir/key.pem"
			"--spring.ssl.bundle.pem.bench.options.enabled-protocols=TLSv1.3"
			"--spring.ssl.bundle.pem.bench.options.ciphers=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256"
			"${args[@]}")
	fi
	if is_netty "$name"; then
		jar="$bench_jar"
		command=("$server_java" "${server_jvm_opts[@]}" -jar "$bench_jar" netty-echo --port "$tcp_port")
		if is_tls "$name"; then
			command+=(--tls-cert "$tls_dir/cert.pem" --tls-key "$tls_dir/key.pem"
				--tls-provider "$([[ "$name" == *-openssl ]] && echo openssl || echo jdk)")
		fi
	elif [[ "$name" == nio-aot ]]; then
		prepare_aot "$jar" || return 1
		command=("$server_java" "${server_jvm_opts[@]}" -XX:AOTCache="$out/aot/application.aot"
			-jar "$out/aot/$(basename "$jar")" "--tcp-gateway.port=$tcp_port" "--server.port=$http_port" "${args[@]}")
	elif [[ "$name" == nio-cds ]]; then
		prepare_cds "$jar" || return 1
		command=("$server_java" "${server_jvm_opts[@]}" -XX:SharedArchiveFile="$out/cds/application.jsa"
			-jar "$out/cds/$(basename "$jar")" "--tcp-gateway.port=$tcp_port" "--server.port=$http_port" "${args[@]}")
	else
		command=("$server_java" "${server_jvm_opts[@]}" -jar "$jar" "--tcp-gateway.port=$tcp_port"
			"--server.port=$http_port" "${args[@]}")
	fi
	launch_server "$name" "$out/$name-$label.log" "${command[@]}" || return 1
	local health=""
	if ! is_netty "$name"; then
		health="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$http_port/actuator/health" || true)"
	fi
	log "$name listening on $tcp_port after $startup_ms ms (pid $server_pid${health:+, health HTTP $health})"
	sleep 1
	record "{\"server\":\"$name\",\"kind\":\"startup\",\"label\":\"$label\",\"java\":\"$server_java_version\",\"jar\":\"$jar\",\"listeningMs\":$startup_ms,\"health\":\"$health\",\"rssKb\":$(proc_field "$server_pid" VmRSS),\"threads\":$(proc_field "$server_pid" Threads)}"
}

# Clock ticks CPU 0, where the server runs, spent busy, and the server's own CPU ticks: their difference
# is what something else (another build, interrupts) took from the server's CPU during a measurement.
cpu0_busy_ticks() {
	awk '$1 == "cpu0" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# run_point NAME CONNS PIPELINE ROUND [churn]: one closed-loop measurement, or with churn one of
# connections opened, used once and closed by CONNS slots. The server's CPU time is sampled inside the
# measured window (from a second after the warmup to a second before the end).
run_point() {
	local name="$1" conns="$2" pipeline="$3" round="$4" mode="${5:-}" point="$2x$3" kind=echo
	local -a mode_args=(--pipeline "$pipeline")
	if [[ "$mode" == churn ]]; then
		point="churn$conns" kind=churn mode_args=(--churn)
	fi
	if is_tls "$name"; then
		mode_args+=(--tls --tls-trust "$tls_dir/cert.pem" --tls-engine "$load_tls_engine")
	fi
	local file="$out/$name-$point-r$round"
	log "$name $point: ${warmup}s warmup, ${duration}s measured"
	start_load "$file" $((warmup + duration + 120)) --conns "$conns" "${mode_args[@]}" --size 64 --framing crlf \
		--warmup "${warmup}s" --duration "${duration}s"
	local window=$((duration > 3 ? duration - 2 : 1))
	sleep $((warmup + 1))
	local server_start cpu0_start wall_start
	server_start="$(cpu_ticks "$server_pid")"
	cpu0_start="$(cpu0_busy_ticks)"
	wall_start="$(date +%s%N)"
	sleep "$window"
	local cpu="{\"millis\":$((($(date +%s%N) - wall_start) / 1000000)),\"serverTicks\":$(($(cpu_ticks "$server_pid") - server_start)),\"cpu0BusyTicks\":$(($(cpu0_busy_ticks) - cpu0_start)),\"ticksPerSecond\":$ticks_per_second}"
	wait_load "$file"
	record "{\"server\":\"$name\",\"kind\":\"$kind\",\"point\":\"$point\",\"round\":$round,\"alive\":$(kill -0 "$server_pid" 2>/dev/null && echo true || echo false),\"threads\":$(proc_field "$server_pid" Threads),\"cpu\":$cpu,\"result\":${load_result:-null}}"
	grep -E '^(throughput|latency|errors|stalled|connections/s|connect fails)' "$file.out" | sed "s/^/  /" >&2 || log "no result; see $file.err"
}

# heap_after_gc PID: kB of heap in use right after a full GC (jcmd GC.run, then GC.heap_info's used
# figures summed over the generations); null when jcmd cannot attach.
heap_after_gc() {
	"$jcmd" "$1" GC.run >/dev/null 2>&1 || { echo null; return 0; }
	"$jcmd" "$1" GC.heap_info 2>/dev/null | awk '
		/total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); sum += v; found = 1 } }
		END { if (found) print sum; else print "null" }'
}

# run_idle NAME: hold many connections; sample the server's RSS and threads while they are held.
run_idle() {
	local name="$1" file="$out/$1-idle"
	log "$name: $idle idle connections held for ${hold}s"
	local rss_before heap_before
	rss_before="$(proc_field "$server_pid" VmRSS)"
	heap_before="$(heap_after_gc "$server_pid")"
	start_load "$file" $((hold + 300)) --idle "$idle" --hold "${hold}s" --connect-batch 500
	local rss=null threads=null heap=null
	for _ in $(seq 3000); do
		if grep -q 'holding' "$file.err"; then
			# Let the server settle after the last verification before sampling it.
			sleep 2
			rss="$(proc_field "$server_pid" VmRSS)"
			threads="$(proc_field "$server_pid" Threads)"
			heap="$(heap_after_gc "$server_pid")"
			break
		fi
		kill -0 "$load_pid" 2>/dev/null || break
		sleep 0.1
	done
	wait_load "$file"
	record "{\"server\":\"$name\",\"kind\":\"idle\",\"java\":\"$server_java_version\",\"rssKbBefore\":$rss_before,\"heapKbBefore\":$heap_before,\"heapKb\":$heap,\"rssKb\":$rss,\"threads\":$threads,\"result\":${load_result:-null}}"
	log "  RSS ${rss} kB (before connecting ${rss_before} kB), heap after GC ${heap} kB, ${threads} threads; $(grep -E '^(verified|errors)' "$file.out" | tr '\n' ';')"
}

log "servers on $server_java ($server_java_version), load tool on $load_java"
log "output in $out; servers: $servers; rounds: $rounds; points: $points; idle: $idle ($idle_servers)"
log "gateway jar $gateway_jar$(for name in "${!gateway_jars[@]}"; do echo -n "; $name runs ${gateway_jars[$name]}"; done)"
for round in $(seq "$rounds"); do
	for name in $servers; do
		if start_server "$name" "load-r$round"; then
			for point in $points; do
				if [[ "$point" == churn* ]]; then
					run_point "$name" "${point#churn}" 1 "$round" churn
				else
					run_point "$name" "${point%x*}" "${point#*x}" "$round"
				fi
			done
		fi
		stop_server
	done
done
for name in $idle_servers; do
	if ((idle > 0)); then
		# A fresh server, so that the idle footprint is not the heap left over from the load runs.
		if start_server "$name" idle; then
			run_idle "$name"
		fi
		stop_server
	fi
done

python3 "$root/bench/compare-table.py" "$results" | tee "$out/table.md"
