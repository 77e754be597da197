#!/usr/bin/env bash
# Issue 4 benchmark: download a stored file re-wrapped for a registered client, against nginx
# serving the same number of bytes as a static file, in the same run; server heap sampled.
#
#   bench/server-download.sh [SIZE_MIB] [ROUNDS]     (defaults 1024 and 5)
# After one warm-up download each, the two alternate ROUNDS times; the medians are compared.
# Needs: java, curl, nginx (Debian nginx-light), jstat, bc, python3. Build first:
#   mvn -B -q -Dmaven.test.skip=true package
source "$(dirname "$0")/lib.sh"
need java curl nginx jstat bc python3

size_mib=${1:-1024}
rounds=${2:-5}
work=$BENCH_OUT/server-download
rm -rf "$work"
mkdir -p "$work"
cli() { java -Xmx64m -jar "$BENCH_ROOT/client/target/sealdrop.jar" "$@"; }

start_server_and_nginx "$work"
auth=(-u "admin:$BENCH_ADMIN_PASSWORD")

curl -fs "$url/api/v1/server-key.pem" >"$work/server.pub.pem"
make_input "$work/big.bin" "$size_mib"
cli encrypt --quiet -r "$work/server.pub.pem" -o "$work/big.zip" "$work/big.bin"
id=$(curl -fsS "${auth[@]}" -H 'Content-Type: application/zip' -X POST -T "$work/big.zip" "$url/api/v1/files" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
cli keygen --quiet -o "$work/client.pem" >/dev/null
client=$(python3 -c 'import json,sys; print(json.dumps({"name":"bench","publicKey":open(sys.argv[1]).read()}))' "$work/client.pub.pem" |
	curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -d @- "$url/api/v1/clients" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["clientId"])')

# An API token, as the CLI uses: HTTP Basic would add a password hash to every timed request.
token=$(curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$url/api/v1/tokens" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
bearer=(-H "Authorization: Bearer $token")
archive_url="$url/api/v1/files/$id/archive?client=$client"
curl -fsS "${bearer[@]}" -o "$work/download.zip" "$archive_url"
bytes=$(stat -c %s "$work/download.zip")
cp "$work/download.zip" "$work/nginx/static/same.zip"
get_server() { curl -fsS "${bearer[@]}" -o /dev/null "$archive_url"; }
get_nginx() { curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/static/same.zip"; }

heap_file=$work/heap.peak
echo 0 >"$heap_file"
sample_heap "$SERVER_PID" "$heap_file" &
sampler=$!
get_server
get_nginx
server_times=()
nginx_times=()
for _ in $(seq 1 "$rounds"); do
	timed t get_server
	server_times+=("$t")
	timed t get_nginx
	nginx_times+=("$t")
done
t_server=$(median "${server_times[@]}")
t_nginx=$(median "${nginx_times[@]}")
kill "$sampler" 2>/dev/null || true

cli decrypt --quiet -i "$work/client.pem" -o "$work/check.bin" "$work/download.zip"
cmp -s "$work/big.bin" "$work/check.bin" || { echo "bench: downloaded archive does not decrypt to the input" >&2; exit 1; }

mib() { echo "scale=1; $1 / 1048576 / $2" | bc -l; }
echo "Server: -Xmx256m; stored file ${size_mib} MiB; archive ${bytes} bytes; $(java -version 2>&1 | head -1); $(nproc) cores"
echo
echo "| download (median of $rounds) | sealdrop s | sealdrop MiB/s | nginx s | nginx MiB/s | ratio |"
echo "|---|---|---|---|---|---|"
printf '| 1 x %s MiB | %.2f | %s | %.2f | %s | %.2f |\n' "$size_mib" "$t_server" "$(mib "$bytes" "$t_server")" \
	"$t_nginx" "$(mib "$bytes" "$t_nginx")" "$(echo "$t_nginx / $t_server" | bc -l)"
echo
echo "Every round (s): sealdrop ${server_times[*]}; nginx ${nginx_times[*]}"
echo
echo "Server peak heap used: $(cat "$heap_file") MiB (jstat, every 0.2 s); peak RSS: $(peak_rss_mib "$SERVER_PID") MiB"
