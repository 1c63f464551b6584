# shellcheck shell=bash disable=SC2034,SC2154 # the sourcing script sets out and uses the rest
# Shared by compare.sh and selector-compare.sh, sourced with the name their log lines carry:
#   source "$(dirname "$0")/lib.sh" compare
# One server and one load run at a time: the server pinned to CPU 0, the load tool to CPU 1, both
# sampled from /proc, both stopped on exit. Only ever connects to 127.0.0.1.

log_name="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_jar="$root/bench/target/tcp-gateway-bench.jar"
# Lists of flags, split once here so that no unquoted expansion is needed where they are used.
read -ra server_jvm_opts <<<"${SERVER_JVM_OPTS:--Xms256m -Xmx1g -XX:+UseSerialGC}"
read -ra load_jvm_opts <<<"${LOAD_JVM_OPTS:--Xmx1g -XX:+UseSerialGC}"
ticks_per_second="$(getconf CLK_TCK)"
# The JVMs: JAVA_HOME's when set, else the java on PATH; compare.sh's --java and --load-java change them.
server_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
load_java="$server_java"
server_pid=""
load_pid=""
tcp_port=""
http_port=""
startup_ms=""
load_result=""
# Actuator's user for the gateways a run starts (health details and tcpconnections need one): a
# password of this run's own, given on the gateway's command line and to curl -u.
admin_user=bench
admin_password="bench-$$-$RANDOM$RANDOM"
admin_args=("--spring.security.user.name=$admin_user" "--spring.security.user.password=$admin_password"
	"--spring.security.user.roles=TCP_GATEWAY_ADMIN")

if (($(nproc) >= 2)); then
	server_cpu=(taskset -c 0)
	load_cpu=(taskset -c 1)
else
	server_cpu=()
	load_cpu=()
fi

log() { echo "[$log_name $(date +%H:%M:%S)] $*" >&2; }

# common_option OPTION [VALUE]: the options both scripts take (--out, --help); any other is an error.
common_option() {
	case "$1" in
		--out) out="$2" ;;
		-h | --help) usage; exit 0 ;;
		*) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
}

# java_binary PATH: the java launcher of a JDK home, or PATH itself when it is a launcher.
java_binary() {
	if [[ -x "$1/bin/java" ]]; then
		echo "$1/bin/java"
	elif [[ -x "$1" && ! -d "$1" ]]; then
		echo "$1"
	else
		echo "no java launcher at $1 (give a JDK home or its bin/java)" >&2
		return 2
	fi
}

# java_version JAVA: the version a launcher reports, such as 25.0.1.
java_version() {
	"$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ { print $2 }'
}

# absolute FILE: the servers start from the output directory, where a relative path points elsewhere.
absolute() {
	echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}

build_bench_jar() {
	if [[ ! -f "$bench_jar" ]]; then
		log "building the bench jar"
		(cd "$root" && ./mvnw -q -B -f bench/pom.xml -DskipTests package)
	fi
}

# prepare_out: create $out and an empty $out/results.jsonl for record.
prepare_out() {
	mkdir -p "$out"
	results="$out/results.jsonl"
	: >"$results"
}

record() {
	echo "$1" >>"$results"
}

# raise_open_files: the soft open-file limit raised to the hard one, for this shell and the servers and
# load tools it starts (10,000 idle connections need 10,000 descriptors on each side).
raise_open_files() {
	ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
	log "open-file limit $(ulimit -n) (hard $(ulimit -Hn))"
}

# stop_pid PID: TERM, then KILL if it has not exited within 15 s.
stop_pid() {
	local pid="$1"
	if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 150); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
}

stop_load() {
	stop_pid "$load_pid"
	load_pid=""
}

stop_server() {
	stop_pid "$server_pid"
	server_pid=""
}

cleanup() {
	stop_load
	stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pick_ports: a free tcp_port and http_port for the next server.
pick_ports() {
	tcp_port="$(free_port)"
	http_port="$(free_port)"
}

port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

proc_field() {
	[[ -r "/proc/$1/status" ]] || { echo null; return 0; }
	awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

# cpu_ticks PID: CPU time (user + system) of a process so far, in clock ticks; 0 once it has gone.
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# launch_server WHAT LOG COMMAND...: start a server on the server CPU and wait (bounded) until $tcp_port
# accepts; sets server_pid and startup_ms (start to listening).
launch_server() {
	local what="$1" log_file="$2" start_ns
	shift 2
	start_ns="$(date +%s%N)"
	# Started from the output directory, so that no ./application.yml changes the built-in defaults.
	(cd "$out" && exec "${server_cpu[@]}" "$@") >"$log_file" 2>&1 &
	server_pid=$!
	local deadline=$((start_ns + 60 * 1000000000))
	until port_open "$tcp_port"; do
		if ! kill -0 "$server_pid" 2>/dev/null || (($(date +%s%N) > deadline)); then
			log "$what did not start listening within 60 s; see $log_file"
			return 1
		fi
		sleep 0.02
	done
	startup_ms=$((($(date +%s%N) - start_ns) / 1000000))
}

# prepare_tls DIR: a self-signed EC P-256 certificate for CN=localhost and IP 127.0.0.1, valid two days, in
# DIR/cert.pem with its unencrypted PKCS#8 key in DIR/key.pem, for the TLS servers of one run.
prepare_tls() {
	local dir="$1"
	[[ -f "$dir/cert.pem" && -f "$dir/key.pem" ]] && return 0
	command -v openssl >/dev/null || { log "TLS servers need openssl to make their certificate"; return 1; }
	mkdir -p "$dir"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" \
		-days 2 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 >"$dir/openssl.log" 2>&1 ||
		{ log "openssl could not make the certificate; see $dir/openssl.log"; return 1; }
	log "TLS certificate $dir/cert.pem (EC P-256, CN=localhost, IP 127.0.0.1)"
}

# start_load FILE SECONDS ARGS...: the load tool against $tcp_port on the load CPU, in the background, for
# at most SECONDS; output in FILE.out and FILE.err. wait_load FILE waits for it and sets load_result.
start_load() {
	local file="$1" seconds="$2"
	shift 2
	"${load_cpu[@]}" timeout "$seconds" "$load_java" "${load_jvm_opts[@]}" -jar "$bench_jar" load --port "$tcp_port" "$@" \
		>"$file.out" 2>"$file.err" &
	load_pid=$!
}

wait_load() {
	wait "$load_pid" || true
	load_pid=""
	load_result="$(sed -n 's/^RESULT //p' "$1.out")"
}
