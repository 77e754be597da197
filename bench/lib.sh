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

table_header() {
	printf '| %-34s | %8s | %9s | %9s |\n' "what" "seconds" "MiB/s" "peak RSS MiB"
	printf '|%s|%s|%s|%s|\n' "------------------------------------" "----------" "-----------" "-----------"
}
