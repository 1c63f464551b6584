#!/usr/bin/env bash
# Runs the JMH benchmarks in bench/src/jmh against the gateway's own classes and prints the ratios of the
# gateway's frame decoders to Spring Integration's deserializers. The gateway is compiled in a clone of
# this repository's committed HEAD under /tmp (or in --gateway-dir), never in the work tree.
set -euo pipefail

usage() {
	cat <<'USAGE'
usage: bench/jmh.sh [--gateway-dir DIR] [--out DIR] [JMH options]
  --gateway-dir DIR  a gateway checkout to compile and use (default: a fresh clone of HEAD in
                     ${TMPDIR:-/tmp}/tcp-gateway-jmh)
  --out DIR          where the classes and results go (default bench/target/jmh)
  JMH options        passed to JMH (default: -f 2 -wi 2 -w 1s -i 3 -r 1s, about 3 minutes)
USAGE
}

root="$(cd "$(dirname "$0")/.." && pwd)"
gateway_dir=""
out="$root/bench/target/jmh"
jmh_args=()
while (($#)); do
	case "$1" in
		--gateway-dir) gateway_dir="$2"; shift 2 ;;
		--out) out="$2"; shift 2 ;;
		-h | --help) usage; exit 0 ;;
		*) jmh_args+=("$1"); shift ;;
	esac
done
if ((${#jmh_args[@]} == 0)); then
	jmh_args=(-f 2 -wi 2 -w 1s -i 3 -r 1s)
fi

log() { echo "[jmh $(date +%H:%M:%S)] $*" >&2; }

if [[ -z "$gateway_dir" ]]; then
	gateway_dir="${TMPDIR:-/tmp}/tcp-gateway-jmh"
	log "cloning $(git -C "$root" rev-parse --short HEAD) into $gateway_dir"
	rm -rf "$gateway_dir"
	git clone -q "$root" "$gateway_dir"
fi
gateway_dir="$(cd "$gateway_dir" && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

log "compiling the gateway in $gateway_dir"
(cd "$gateway_dir" && ./mvnw -q -B -DskipTests compile \
	&& ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out/gateway.classpath")
(cd "$root" && ./mvnw -q -B -f bench/pom.xml -Pjmh dependency:build-classpath -Dmdep.includeScope=runtime \
	-Dmdep.outputFile="$out/jmh.classpath")
jmh_classpath="$(cat "$out/jmh.classpath")"
classpath="$out/classes:$gateway_dir/target/classes:$(cat "$out/gateway.classpath"):$jmh_classpath"

log "compiling the benchmarks"
rm -rf "$out/classes"
mkdir -p "$out/classes"
find "$root/bench/src/jmh/java" -name '*.java' >"$out/sources.txt"
javac -nowarn -d "$out/classes" -cp "$classpath" -processorpath "$jmh_classpath" @"$out/sources.txt"

log "gateway commit $(git -C "$gateway_dir" rev-parse --short HEAD); JMH ${jmh_args[*]}"
java -cp "$classpath" org.openjdk.jmh.Main "${jmh_args[@]}" -rf json -rff "$out/result.json" \
	'io\.tcpgateway\.bench\.jmh\..*' | tee "$out/jmh.txt"
python3 "$root/bench/jmh-table.py" "$out/result.json" | tee "$out/table.md"
