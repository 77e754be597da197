# Shared helpers for the benchmark scripts. Sourced, not run.
# Each measurement runs a command under GNU time and prints: label, seconds, MB/s, peak RSS.

set -euo pipefail

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT=${BENCH_OUT:-$BENCH_ROOT/bench/out}
mkdir -p "$BENCH_OUT"

need() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || {
			echo "bench: '$tool' is required (Debian: apt-get install $tool)" >&2
			exit 2
		}
	done
}

# make_input FILE MIB: random (incompressible) input of MIB mebibytes, reused across runs.
make_input() {
	local file=$1 mib=$2
	if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -ne $((mib * 1048576)) ]; then
		head -c $((mib * 1048576)) /dev/urandom >"$file"
	fi
}

# measure LABEL BYTES CMD...: runs CMD once, prints one result row.
measure() {
	local label=$1 bytes=$2
	shift 2
	local stats
	stats=$(mktemp)
	sync
	/usr/bin/time -f '%e %M' -o "$stats" "$@"
	read -r secs rss_kib <"$stats"
	rm -f "$stats"
	awk -v l="$label" -v s="$secs" -v b="$bytes" -v r="$rss_kib" \
		'BEGIN { printf "| %-34s | %8.2f | %9.1f | %9.1f |\n", l, s, (b / 1048576) / (s > 0 ? s : 0.001), r / 1024 }'
}

# Rounds: noisy machines need several runs, alternating the contenders so that a slow minute hurts
# both, and medians. rounds_add NAME CMD...: runs CMD once under GNU time and records its seconds and
# peak RSS under NAME; rounds_row LABEL NAME BYTES prints the median row for NAME.
declare -A ROUND_SECS=() ROUND_RSS=()
rounds_add() {
	local name=$1
	shift
	local stats secs rss
	stats=$(mktemp)
	sync
	/usr/bin/time -f '%e %M' -o "$stats" "$@"
	read -r secs rss <"$stats"
	rm -f "$stats"
	ROUND_SECS[$name]="${ROUND_SECS[$name]:-} $secs"
	if [ "$rss" -gt "${ROUND_RSS[$name]:-0}" ]; then ROUND_RSS[$name]=$rss; fi
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# rounds_median NAME: the median seconds recorded for NAME.
rounds_median() {
	# shellcheck disable=SC2086
	median ${ROUND_SECS[$1]}
}

rounds_row() {
	local label=$1 name=$2 bytes=$3 secs
	secs=$(rounds_median "$name")
	awk -v l="$label" -v s="$secs" -v b="$bytes" -v r="${ROUND_RSS[$name]}" -v all="${ROUND_SECS[$name]# }" \
		'BEGIN { printf "| %-34s | %8.2f | %9.1f | %9.1f | %s |\n", l, s, (b / 1048576) / (s > 0 ? s : 0.001), r / 1024, all }'
}

rounds_header() {
	printf '| %-34s | %8s | %9s | %9s | %s |\n' "what (median of $1 rounds)" "seconds" "MiB/s" "peak RSS MiB" "every round (s)"
	printf '|%s|%s|%s|%s|%s|\n' "------------------------------------" "----------" "-----------" "-----------" "---"
}

# ratio NAME REFERENCE: how many times faster NAME's median is than REFERENCE's (above 1: NAME is faster).
# ratio NAME REF: REF's median time over NAME's, rounded to two decimals (above 1: NAME is faster)
ratio() { LC_ALL=C printf '%.2f' "$(echo "$(rounds_median "$2") / $(rounds_median "$1")" | bc -l)"; }

table_header() {
	printf '| %-34s | %8s | %9s | %9s |\n' "what" "seconds" "MiB/s" "peak RSS MiB"
	printf '|%s|%s|%s|%s|\n' "------------------------------------" "----------" "-----------" "-----------"
}

# --- server helpers -------------------------------------------------------------------------

BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-bench-admin-password-1}

# free_port: an unused TCP port on loopback.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_server DATA_DIR PORT JVM_OPTS...: starts the sealdrop server in the background, sets SERVER_PID.
start_server() {
	local data=$1 port=$2
	shift 2
	mkdir -p "$data"
	SEALDROP_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD java "$@" -jar "$BENCH_ROOT/server/target/sealdrop-server.jar" \
		--server.port="$port" --sealdrop.data-dir="$data" ${SERVER_ARGS:-} >"$data/server.log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 120); do
		curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || { cat "$data/server.log" >&2; return 1; }
		sleep 0.5
	done
	echo "bench: server did not start" >&2
	return 1
}

# start_nginx DIR PORT: nginx on loopback with /discard (reads and drops a body), /static (files in
# DIR/static) and /store/ (WebDAV PUT: keeps the body as a file in DIR/store, on the same disk).
start_nginx() {
	local dir=$1 port=$2
	mkdir -p "$dir/static" "$dir/store" "$dir/tmp"
	# started as root, nginx's workers would run as nobody and could not write DIR/store
	local user_line=""
	[ "$(id -u)" = 0 ] && user_line="user root;"
	cat >"$dir/nginx.conf" <<NGINX
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $dir/tmp;
	proxy_temp_path $dir/tmp;
	fastcgi_temp_path $dir/tmp;
	uwsgi_temp_path $dir/tmp;
	scgi_temp_path $dir/tmp;
	sendfile on;
	server {
		listen 127.0.0.1:$port;
		client_max_body_size 0;
		location /discard { return 204; }
		location /static/ { alias $dir/static/; }
		location /store/ { alias $dir/store/; dav_methods PUT; dav_access user:rw; }
	}
}
NGINX
	nginx -c "$dir/nginx.conf" -p "$dir"
}

stop_nginx() { [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null || true; }

# peak_rss_mib PID: the process's resident-set high-water mark so far.
peak_rss_mib() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# sample_heap PID OUTFILE: records the peak used Java heap (MiB) of PID into OUTFILE until PID's sampler is killed.
sample_heap() {
	local pid=$1 out=$2 peak=0
	while kill -0 "$pid" 2>/dev/null; do
		used=$(jstat -gc "$pid" 2>/dev/null | awk 'NR==2 { printf "%d", ($3+$4+$6+$8)/1024 }')
		[ -n "$used" ] && [ "$used" -gt "$peak" ] && peak=$used && echo "$peak" >"$out"
		sleep 0.2
	done
}

# timed SECONDS_VAR CMD...: runs CMD, stores wall seconds (fractional) in the named variable.
timed() {
	local __var=$1
	shift
	local t0 t1
	t0=$(date +%s.%N)
	"$@"
	t1=$(date +%s.%N)
	printf -v "$__var" '%s' "$(echo "$t1 - $t0" | bc -l)"
}

# start_server_and_nginx WORK: the server (-Xmx256m, data in WORK/data, extra SERVER_ARGS) and nginx
# (WORK/nginx) on free loopback ports, both stopped when the script exits. Sets url, nginx_port, SERVER_PID.
start_server_and_nginx() {
	local work=$1
	local port
	port=$(free_port)
	nginx_port=$(free_port)
	start_server "$work/data" "$port" -Xmx256m ${SERVER_JAVA_OPTS:-}
	start_nginx "$work/nginx" "$nginx_port"
	trap "kill $SERVER_PID 2>/dev/null; stop_nginx '$work/nginx'" EXIT
	url=http://127.0.0.1:$port
}
