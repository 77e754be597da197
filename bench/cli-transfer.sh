#!/usr/bin/env bash
# Issue 5 benchmark: `sealdrop upload` and `sealdrop download` of one file against a local server,
# next to what a user would do instead with standard tools, in the same run:
#   upload:   age -r KEY FILE | curl -T - http://nginx/store/... (nginx keeps the file, WebDAV PUT)
#   download: curl http://nginx/static/FILE.age | age -d -i KEY > FILE
# Client peak RSS from GNU time. (The server side is in server-upload.sh / server-download.sh.)
#
#   bench/cli-transfer.sh [SIZE_MIB] [ROUNDS]   (defaults 1024 and 3; the contenders alternate, medians compared)
# Needs: java, curl, nginx (Debian nginx-light), age, GNU time, python3. Build first:
#   mvn -B -q -Dmaven.test.skip=true package
source "$(dirname "$0")/lib.sh"
need java curl nginx age age-keygen python3 cmp

size_mib=${1:-1024}
rounds=${2:-3}
heap=${SEALDROP_BENCH_HEAP:--Xmx64m}
work=$BENCH_OUT/cli-transfer
rm -rf "$work"
mkdir -p "$work/config"
[ -f "$BENCH_ROOT/client/target/sealdrop.jar" ] || { echo "bench: build the CLI first (mvn -B -q -Dmaven.test.skip=true package)" >&2; exit 2; }
export XDG_CONFIG_HOME=$work/config   # keep the benchmark's login and pins out of the user's config

start_server_and_nginx "$work"

input=$work/input.bin
make_input "$input" "$size_mib"
bytes=$((size_mib * 1048576))
# The launcher, as a user runs it (SerialGC, class-data sharing archive trained on its first run, here
# the login below, in a cache of this benchmark's own).
export XDG_CACHE_HOME=$work/cache SEALDROP_JAVA_OPTS=$heap
sealdrop() { "$BENCH_ROOT/sealdrop" "$@"; }
SEALDROP_PASSWORD=$BENCH_ADMIN_PASSWORD sealdrop login --quiet --server "$url" --user admin >/dev/null
sealdrop register --quiet --name bench >/dev/null
age-keygen -o "$work/key.age" 2>/dev/null
age_recipient=$(age-keygen -y "$work/key.age")
age -r "$age_recipient" -o "$work/nginx/static/input.age" "$input"

# Warm-up, not measured: a running server has served transfers before, so its JIT compiler has done
# its work; a fresh one would spend a few CPU-seconds of the measured upload compiling.
head -c $((64 * 1048576)) "$input" >"$work/warmup.bin"
sealdrop upload --quiet --json "$work/warmup.bin" >"$work/warmup.json"
warmup_id=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[0])["id"])' "$work/warmup.json")
sealdrop download --quiet -o "$work/warmup.out" "$warmup_id"
sealdrop rm --quiet "$warmup_id" >/dev/null 2>&1
rm -f "$work/warmup.bin" "$work/warmup.out"

# The server side of the pipeline keeps what it receives, as sealdrop does: nginx stores the PUT body
# as a file on the same disk (no fsync; sealdrop's server syncs before it answers).
upload_pipeline() { age -r "$age_recipient" "$input" | curl -fsS -o /dev/null -T - "http://127.0.0.1:$nginx_port/store/input.age"; }
download_pipeline() { curl -fsS "http://127.0.0.1:$nginx_port/static/input.age" | age -d -i "$work/key.age" >"$work/age.out"; }

echo "Input: ${size_mib} MiB of random data; client JVM: $heap; $(java -version 2>&1 | head -1); $(nproc) cores"
echo
first_id() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[0])["id"])' "$1"; }
for _ in $(seq 1 "$rounds"); do
	rm -f "$work/sealdrop.out" "$work/age.out"
	rounds_add up bash -c 'exec "$1" upload --quiet --json "$2" >"$3"' _ "$BENCH_ROOT/sealdrop" "$input" "$work/upload.json"
	rounds_add age-up bash -c "$(declare -f upload_pipeline); age_recipient=$age_recipient input=$input nginx_port=$nginx_port upload_pipeline"
	id=$(first_id "$work/upload.json")
	rounds_add down "$BENCH_ROOT/sealdrop" download --quiet -o "$work/sealdrop.out" "$id"
	rounds_add age-down bash -c "$(declare -f download_pipeline); work=$work nginx_port=$nginx_port download_pipeline"
	cmp -s "$input" "$work/sealdrop.out" || { echo "bench: sealdrop round trip differs" >&2; exit 1; }
	cmp -s "$input" "$work/age.out" || { echo "bench: age round trip differs" >&2; exit 1; }
	sealdrop rm --quiet "$id" >/dev/null 2>&1
done
rounds_header "$rounds"
rounds_row "sealdrop upload" up "$bytes"
rounds_row "age -r | curl -T - (nginx PUT)" age-up "$bytes"
rounds_row "sealdrop download" down "$bytes"
rounds_row "curl (nginx) | age -d" age-down "$bytes"
echo
echo "sealdrop vs the pipeline (above 1: sealdrop faster): upload $(ratio up age-up), download $(ratio down age-down)"
echo "(peak RSS of a pipeline row is GNU time's figure for its bash; the age and curl processes are its children)"
