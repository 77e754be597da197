#!/usr/bin/env bash
# Issue 3 benchmark: upload archives to the sealdrop server with curl, against the same bytes sent
# with curl to nginx, in the same run: once to a location that reads and discards the body, once
# as a WebDAV PUT that keeps it as a file on the same disk (as an upload service must).
#   1. one archive of SIZE_MIB (default 1024): time, server peak heap and peak RSS (server -Xmx256m)
#   2. CONCURRENT (default 8) concurrent uploads of PAR_MIB (default 256) each
#
#   bench/server-upload.sh [SIZE_MIB] [PAR_MIB] [CONCURRENT]
# Needs: java, curl, nginx (Debian nginx-light), jstat, bc, python3. Build first:
#   mvn -B -q -Dmaven.test.skip=true package
source "$(dirname "$0")/lib.sh"
need java curl nginx jstat bc python3

size_mib=${1:-1024}
par_mib=${2:-256}
concurrent=${3:-8}
work=$BENCH_OUT/server-upload
rm -rf "$work"
mkdir -p "$work"
cli() { java -Xmx64m -jar "$BENCH_ROOT/client/target/sealdrop.jar" "$@"; }

# one account sends all uploads, so lift its concurrency limit (default 2) to the number sent at once
SERVER_ARGS="--sealdrop.upload.max-concurrent-per-user=$concurrent" start_server_and_nginx "$work"
auth=(-u "admin:$BENCH_ADMIN_PASSWORD")

curl -fs "$url/api/v1/server-key.pem" >"$work/server.pub.pem"
make_input "$work/big.bin" "$size_mib"
make_input "$work/par.bin" "$par_mib"
cli encrypt --quiet -r "$work/server.pub.pem" -o "$work/big.zip" "$work/big.bin"
cli encrypt --quiet -r "$work/server.pub.pem" -o "$work/par.zip" "$work/par.bin"
big_bytes=$(stat -c %s "$work/big.zip")
par_bytes=$(stat -c %s "$work/par.zip")

post_server() { curl -fsS -o /dev/null "${auth[@]}" -H 'Content-Type: application/zip' -X POST -T "$1" "$url/api/v1/files"; }
post_nginx() { curl -fsS -o /dev/null -H 'Content-Type: application/zip' -X POST -T "$1" "http://127.0.0.1:$nginx_port/discard"; }
# nginx keeping the body as a file on the same disk (WebDAV PUT, no fsync), as an upload service must
put_nginx() { curl -fsS -o /dev/null -T "$1" "http://127.0.0.1:$nginx_port/store/$(basename "$1").$RANDOM$RANDOM"; }
parallel() {
	local fn=$1 file=$2 pids=()
	for _ in $(seq 1 "$concurrent"); do "$fn" "$file" & pids+=($!); done
	for p in "${pids[@]}"; do wait "$p"; done
}

# Warm up both (JIT, page cache), then measure.
post_server "$work/par.zip"
post_nginx "$work/par.zip"
heap_file=$work/heap.peak
echo 0 >"$heap_file"
sample_heap "$SERVER_PID" "$heap_file" &
sampler=$!

timed t_server post_server "$work/big.zip"
timed t_nginx post_nginx "$work/big.zip"
timed t_store put_nginx "$work/big.zip"
timed t_server_par parallel post_server "$work/par.zip"
timed t_nginx_par parallel post_nginx "$work/par.zip"
timed t_store_par parallel put_nginx "$work/par.zip"
kill "$sampler" 2>/dev/null || true

mib() { echo "scale=1; $1 / 1048576 / $2" | bc -l; }
echo "Server: -Xmx256m, sealdrop.upload.max-concurrent-per-user=$concurrent; archive ${size_mib} MiB plaintext (${big_bytes} bytes); $(java -version 2>&1 | head -1); $(nproc) cores"
echo
echo "| upload | sealdrop s | sealdrop MiB/s | nginx discard MiB/s | ratio | nginx PUT (stores) MiB/s | ratio |"
echo "|---|---|---|---|---|---|---|"
row() { # label bytes t_server t_discard t_store
	printf '| %s | %.2f | %s | %s | %.2f | %s | %.2f |\n' "$1" "$3" "$(mib "$2" "$3")" "$(mib "$2" "$4")" \
		"$(echo "$4 / $3" | bc -l)" "$(mib "$2" "$5")" "$(echo "$5 / $3" | bc -l)"
}
row "1 x $size_mib MiB" "$big_bytes" "$t_server" "$t_nginx" "$t_store"
row "$concurrent x $par_mib MiB concurrent" $((par_bytes * concurrent)) "$t_server_par" "$t_nginx_par" "$t_store_par"
echo
echo "Server peak heap used: $(cat "$heap_file") MiB (sampled every 0.2 s with jstat); peak RSS: $(peak_rss_mib "$SERVER_PID") MiB"
