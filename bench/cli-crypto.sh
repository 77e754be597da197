#!/usr/bin/env bash
# Issue 2 benchmark: encrypt and decrypt one file with the sealdrop CLI under a small heap, next to
# age on the same file in the same run: through the launcher (as users run it), then with plain
# `java -jar` for comparison. Prints a Markdown table for docs/BENCHMARKS.md.
#
#   bench/cli-crypto.sh [SIZE_MIB] [ROUNDS]   (defaults 1024 and 3; needs: java, age, age-keygen, GNU time)
#
# Build first: mvn -B -q -Dmaven.test.skip=true package
source "$(dirname "$0")/lib.sh"
need java age age-keygen cmp

size_mib=${1:-1024}
rounds=${2:-3}
heap=${SEALDROP_BENCH_HEAP:--Xmx64m}
jar=$BENCH_ROOT/client/target/sealdrop.jar
[ -f "$jar" ] || { echo "bench: build the CLI first (mvn -B -q -Dmaven.test.skip=true package)" >&2; exit 2; }

work=$BENCH_OUT/cli-crypto
mkdir -p "$work"
input=$work/input.bin
make_input "$input" "$size_mib"
bytes=$((size_mib * 1048576))
rm -f "$work"/*.zip "$work"/*.age "$work"/*.out "$work"/key*

# The launcher, as a user runs it: SerialGC and its class-data sharing archive, trained on its first
# run (timed below, once per build) in a cache of this benchmark's own.
launcher=(env SEALDROP_JAVA_OPTS="$heap" XDG_CACHE_HOME="$work/cache" "$BENCH_ROOT/sealdrop")
rm -rf "$work/cache"
training_start=$(date +%s.%N)
"${launcher[@]}" keygen --quiet -o "$work/key.pem" >/dev/null
training=$(echo "$(date +%s.%N) - $training_start" | bc -l)
ls "$work"/cache/sealdrop/classes-*.jsa >/dev/null 2>&1 || { echo "bench: the launcher wrote no class archive" >&2; exit 1; }
age-keygen -o "$work/key.age" 2>/dev/null
age_recipient=$(age-keygen -y "$work/key.age")

echo "Input: ${size_mib} MiB of random data; sealdrop JVM: $heap; $(java -version 2>&1 | head -1)"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
printf 'Launcher: first run (class-data training, once per build) took %.1f s\n' "$training"
echo
for _ in $(seq 1 "$rounds"); do
	rm -f "$work/sd.zip" "$work/a.age" "$work/jar.zip"
	rounds_add enc "${launcher[@]}" encrypt --quiet -r "$work/key.pub.pem" -o "$work/sd.zip" "$input"
	rounds_add age-enc age -r "$age_recipient" -o "$work/a.age" "$input"
	rounds_add jar-enc java "$heap" -jar "$jar" encrypt --quiet -r "$work/key.pub.pem" -o "$work/jar.zip" "$input"
	rm -f "$work/sd.out" "$work/a.out" "$work/jar.out"
	rounds_add dec "${launcher[@]}" decrypt --quiet -i "$work/key.pem" -o "$work/sd.out" "$work/sd.zip"
	rounds_add age-dec age -d -i "$work/key.age" -o "$work/a.out" "$work/a.age"
	rounds_add jar-dec java "$heap" -jar "$jar" decrypt --quiet -i "$work/key.pem" -o "$work/jar.out" "$work/sd.zip"
	for out in sd.out a.out jar.out; do
		cmp -s "$input" "$work/$out" || { echo "bench: round trip through $out differs" >&2; exit 1; }
	done
done
rounds_header "$rounds"
rounds_row "sealdrop encrypt" enc "$bytes"
rounds_row "age -r (encrypt)" age-enc "$bytes"
rounds_row "sealdrop decrypt" dec "$bytes"
rounds_row "age -d (decrypt)" age-dec "$bytes"
rounds_row "java -jar sealdrop.jar encrypt" jar-enc "$bytes"
rounds_row "java -jar sealdrop.jar decrypt" jar-dec "$bytes"
echo
echo "sealdrop vs age (above 1: sealdrop faster): encrypt $(ratio enc age-enc), decrypt $(ratio dec age-dec)"
echo
echo "Archive overhead: sealdrop $(( $(stat -c %s "$work/sd.zip") - bytes )) bytes, age $(( $(stat -c %s "$work/a.age") - bytes )) bytes"
rm -f "$work"/*.out "$work/jar.zip"
