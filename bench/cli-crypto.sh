#!/usr/bin/env bash
# Issue 2 benchmark: encrypt and decrypt one file with the sealdrop CLI under a small heap, next to
# age on the same file in the same run. Prints a Markdown table for docs/BENCHMARKS.md.
#
#   bench/cli-crypto.sh [SIZE_MIB]        (default 1024; needs: java, age, age-keygen, GNU time)
#
# Build first: mvn -B -q -Dmaven.test.skip=true package
source "$(dirname "$0")/lib.sh"
need java age age-keygen cmp

size_mib=${1:-1024}
heap=${SEALDROP_BENCH_HEAP:--Xmx64m}
jar=$BENCH_ROOT/client/target/sealdrop.jar
[ -f "$jar" ] || { echo "bench: build the CLI first (mvn -B -q -Dmaven.test.skip=true package)" >&2; exit 2; }

work=$BENCH_OUT/cli-crypto
mkdir -p "$work"
input=$work/input.bin
make_input "$input" "$size_mib"
bytes=$((size_mib * 1048576))
rm -f "$work"/*.zip "$work"/*.age "$work"/*.out "$work"/key*

sealdrop() { java "$heap" -jar "$jar" "$@"; }
sealdrop keygen --quiet -o "$work/key.pem" >/dev/null
age-keygen -o "$work/key.age" 2>/dev/null
age_recipient=$(age-keygen -y "$work/key.age")

echo "Input: ${size_mib} MiB of random data; sealdrop JVM: $heap; $(java -version 2>&1 | head -1)"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo
table_header
measure "sealdrop encrypt" "$bytes" java "$heap" -jar "$jar" encrypt --quiet -r "$work/key.pub.pem" -o "$work/sd.zip" "$input"
measure "age -r (encrypt)" "$bytes" age -r "$age_recipient" -o "$work/a.age" "$input"
measure "sealdrop decrypt" "$bytes" java "$heap" -jar "$jar" decrypt --quiet -i "$work/key.pem" -o "$work/sd.out" "$work/sd.zip"
measure "age -d (decrypt)" "$bytes" age -d -i "$work/key.age" -o "$work/a.out" "$work/a.age"
cmp -s "$input" "$work/sd.out" || { echo "bench: sealdrop round trip differs" >&2; exit 1; }
cmp -s "$input" "$work/a.out" || { echo "bench: age round trip differs" >&2; exit 1; }
echo
echo "Archive overhead: sealdrop $(( $(stat -c %s "$work/sd.zip") - bytes )) bytes, age $(( $(stat -c %s "$work/a.age") - bytes )) bytes"
rm -f "$work"/sd.out "$work"/a.out
