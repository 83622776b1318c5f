#!/usr/bin/env bash
# Search at scale with the real binary (what `benches/search.rs` cannot see
# from inside one process): a full `gwr index` build (wall time, peak
# resident memory, index size against the text) and the cold start of
# `gwr search` on the built index (wall time of whole processes, p50 and
# max, and their peak resident memory). The load average is printed with
# every measurement: the machine is shared.
#
#   benches/scale.sh [REPORTS] [RUNS]      # default 30000 reports, 20 runs
#
# The corpus is the one `cargo bench --bench search` generates
# (target/gwr-bench/corpus-N-seed42, written by gwr-gen when missing); the
# index goes to a fresh target/gwr-bench/scale-cache-N, removed at the end
# unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-30000}
runs=${2:-20}
corpus=target/gwr-bench/corpus-$n-seed42
cache=$PWD/target/gwr-bench/scale-cache-$n
gwr=target/release/gwr

load() { cut -d' ' -f1-3 /proc/loadavg; }

cargo build --release --quiet --bin gwr --bin gwr-gen
if [ ! -e "$corpus/.complete" ]; then
    rm -rf "$corpus"
    target/release/gwr-gen "$n" "$corpus" --seed 42
    touch "$corpus/.complete"
fi
text_bytes=$(find -L "$corpus" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')

# Peak anonymous memory (the heap) next to the peak resident set, which
# also counts the pages of mapped index files the kernel keeps cached.
peak_anon() {
    local pid=$1 peak=0 kb
    while kill -0 "$pid" 2>/dev/null; do
        kb=$(awk '/^RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ "${kb:-0}" -gt "$peak" ] && peak=$kb
        sleep 0.1
    done
    echo "$peak"
}

rm -rf "$cache"
echo "[$n reports] corpus $((text_bytes / 1000000)) MB; load before build: $(load)"
start=$(date +%s%N)
GWR_CACHE_DIR=$cache /usr/bin/time -f '%M' -o /tmp/gwr-scale-time.$$ \
    "$gwr" index "$corpus" >/dev/null &
timer=$!
sleep 0.2
anon=$(peak_anon "$(pgrep -P $timer -x gwr || echo $timer)")
wait $timer
end=$(date +%s%N)
index_bytes=$(du -sb "$cache" | cut -f1)
echo "[$n reports] gwr index: $(((end - start) / 1000000)) ms; peak RSS $(($(cat /tmp/gwr-scale-time.$$) / 1024)) MB (anonymous $((anon / 1024)) MB); index $((index_bytes / 1000000)) MB = $(awk "BEGIN {printf \"%.2f\", $index_bytes / $text_bytes}") x text; load after: $(load)"

queries=(生态环境 污水处理 口袋公园 "乡村振兴 year:2020..2023" 新质生产力 "营商环境 -疫情" 城市更新 就业)
times=()
rss=0
echo "[$n reports] gwr search cold start, $runs runs; load before: $(load)"
for ((i = 0; i < runs; i++)); do
    q=${queries[i % ${#queries[@]}]}
    start=$(date +%s%N)
    GWR_CACHE_DIR=$cache /usr/bin/time -f '%M' -o /tmp/gwr-scale-time.$$ \
        "$gwr" search "$q" "$corpus" --limit 20 >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
    kb=$(cat /tmp/gwr-scale-time.$$)
    [ "$kb" -gt "$rss" ] && rss=$kb
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "[$n reports] gwr search: min ${sorted[0]} ms, p50 ${sorted[$((runs / 2))]} ms, max ${sorted[$((runs - 1))]} ms; peak RSS $((rss / 1024)) MB; load after: $(load)"
rm -f /tmp/gwr-scale-time.$$
[ "${KEEP:-0}" = 1 ] || rm -rf "$cache"
