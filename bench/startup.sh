#!/usr/bin/env bash
# Startup to listening: each server started N times on one CPU (taskset -c 0), rounds interleaved, the
# time from exec to the TCP port accepting; min, median and max per server.
usage() {
	cat <<'USAGE'
Usage: bench/startup.sh [options]
  --runs N          starts of each server, interleaved (default 5)
  --servers LIST    what to start (default "jar17 jar25 aot25 aot25-refresh netty"):
                    jar17, jar25       the fat jar on the Java 17 / Java 25 JDK
                    aot25              the extracted jar on Java 25 from an AOT cache recorded by
                                       deploy/aot-train.sh (echo load and management requests), as the
                                       Dockerfile records it
                    aot25-refresh      the same from a cache recorded by a run that exits once the
                                       context is refreshed (-Dspring.context.exit=onRefresh)
                    cds17              the extracted jar on Java 17 with a class-data-sharing archive
                                       recorded by a run that exits once the context is refreshed, as
                                       docs/operating.md describes for Java 17
                    netty              the bench jar's Netty echo server on Java 17, for reference
  --java17 PATH     the Java 17 JDK (home or bin/java; default JAVA_HOME's, else java on PATH)
  --java25 PATH     the Java 25 JDK (default /usr/lib/jvm/temurin-25-jdk-amd64)
  --gateway-jar F   the gateway's exec jar instead of building one (or GATEWAY_JAR=F)
  --out DIR         where logs and results go (default bench/target/startup-<time>)
Environment: SERVER_JVM_OPTS (default "-Xms256m -Xmx1g -XX:+UseSerialGC") for every server and training
run. Each cache is recorded once per run (a few minutes on one CPU), then reused by every round.
USAGE
}

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh" startup
gateway_jar="${GATEWAY_JAR:-}"
runs=5
servers="jar17 jar25 aot25 aot25-refresh netty"
java17="$server_java"
java25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
out="$root/bench/target/startup-$(date +%Y%m%d-%H%M%S)"

while (($#)); do
	case "$1" in
		--runs) runs="$2" ;;
		--servers) servers="$2" ;;
		--java17) java17="$(java_binary "$2")" || exit 2 ;;
		--java25) java25="$(java_binary "$2")" || exit 2 ;;
		--gateway-jar) gateway_jar="$2" ;;
		*) common_option "$@" ;;
	esac
	shift 2
done

if [[ -z "$gateway_jar" ]]; then
	log "building the gateway jar"
	(cd "$root" && ./mvnw -q -B -DskipTests package)
	gateway_jar="$root/target/tcp-gateway-0.1.0-SNAPSHOT-exec.jar"
fi
gateway_jar="$(absolute "$gateway_jar")"
[[ " $servers " == *" netty "* ]] && build_bench_jar
prepare_out
log "output in $out; servers: $servers; $runs runs each; java17 $(java_version "$java17"), java25 $(java_version "$java25")"

# record_cache NAME: extract the jar into $out/NAME and record its AOT cache there, once per run; aot25
# with deploy/aot-train.sh, aot25-refresh with the context refresh alone.
record_cache() {
	local name="$1" dir="$out/$1"
	[[ -f "$dir/application.aot" ]] && return 0
	rm -rf "$dir"
	"$java25" -Djarmode=tools -jar "$gateway_jar" extract --destination "$dir" >"$out/$name-extract.log" 2>&1
	log "recording the AOT cache of $name"
	if [[ "$name" == aot25 ]]; then
		# the jar by the path the server starts it from: the cache records the class path
		(cd "$dir" && JAVA="$java25" timeout 600 "${server_cpu[@]}" bash "$root/deploy/aot-train.sh" application.aot \
			"$dir/$(basename "$gateway_jar")" "${server_jvm_opts[@]}") >"$out/$name-record.log" 2>&1
	else
		(cd "$dir" && timeout 600 "${server_cpu[@]}" "$java25" "${server_jvm_opts[@]}" -XX:AOTCacheOutput=application.aot \
			-Dspring.context.exit=onRefresh -jar "$dir/$(basename "$gateway_jar")" --tcp-gateway.port=0 --server.port=0) \
			>"$out/$name-record.log" 2>&1
	fi
	[[ -f "$dir/application.aot" ]] || { log "no AOT cache recorded; see $out/$name-record.log"; return 1; }
}

# record_cds: extract the jar into $out/cds17 and record its Java 17 class-data-sharing archive there,
# once per run, from a start that exits once the context is refreshed.
record_cds() {
	local dir="$out/cds17"
	[[ -f "$dir/application.jsa" ]] && return 0
	rm -rf "$dir"
	"$java17" -Djarmode=tools -jar "$gateway_jar" extract --destination "$dir" >"$out/cds17-extract.log" 2>&1
	log "recording the class-data-sharing archive of cds17"
	(cd "$dir" && timeout 600 "${server_cpu[@]}" "$java17" "${server_jvm_opts[@]}" -XX:ArchiveClassesAtExit=application.jsa \
		-Dspring.context.exit=onRefresh -jar "$dir/$(basename "$gateway_jar")" --tcp-gateway.port=0 --server.port=0) \
		>"$out/cds17-record.log" 2>&1
	[[ -f "$dir/application.jsa" ]] || { log "no archive recorded; see $out/cds17-record.log"; return 1; }
}

# start_once NAME RUN: start NAME on CPU 0, wait (bounded) until its TCP port accepts, record, stop.
start_once() {
	local name="$1" run="$2" command
	pick_ports
	local ports=("--tcp-gateway.port=$tcp_port" "--server.port=$http_port")
	case "$name" in
		jar17) command=("$java17" "${server_jvm_opts[@]}" -jar "$gateway_jar" "${ports[@]}") ;;
		jar25) command=("$java25" "${server_jvm_opts[@]}" -jar "$gateway_jar" "${ports[@]}") ;;
		aot25 | aot25-refresh)
			record_cache "$name" || return 1
			command=("$java25" "${server_jvm_opts[@]}" -XX:AOTCache="$out/$name/application.aot"
				-jar "$out/$name/$(basename "$gateway_jar")" "${ports[@]}") ;;
		cds17)
			record_cds || return 1
			command=("$java17" "${server_jvm_opts[@]}" -XX:SharedArchiveFile="$out/cds17/application.jsa"
				-jar "$out/cds17/$(basename "$gateway_jar")" "${ports[@]}") ;;
		netty) command=("$java17" "${server_jvm_opts[@]}" -jar "$bench_jar" netty-echo --port "$tcp_port") ;;
		*) echo "unknown server $name" >&2; exit 2 ;;
	esac
	launch_server "$name" "$out/$name-$run.log" "${command[@]}" || { stop_server; return 1; }
	log "$name run $run: listening after $startup_ms ms"
	record "{\"server\":\"$name\",\"run\":$run,\"listeningMs\":$startup_ms,\"rssKb\":$(proc_field "$server_pid" VmRSS)}"
	stop_server
}

for ((run = 1; run <= runs; run++)); do
	for name in $servers; do
		start_once "$name" "$run" || log "$name run $run failed"
	done
done

# min / median / max per server, in the order given
echo
printf '| %s | %s | %s | %s | %s |\n| --- | --- | --- | --- | --- |\n' server runs "min ms" "median ms" "max ms"
for name in $servers; do
	sed -n "s/.*\"server\":\"$name\",\"run\":[0-9]*,\"listeningMs\":\([0-9]*\).*/\1/p" "$results" | sort -n |
		awk -v name="$name" '{ v[NR] = $1 } END {
			if (NR == 0) { printf "| %s | 0 | | | |\n", name; exit }
			median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "| %s | %d | %d | %d | %d |\n", name, NR, v[1], median, v[NR] }'
done
