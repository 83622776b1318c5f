#!/usr/bin/env bash
# Peak memory of the table commands with the real binary (what criterion
# cannot see from inside one process): peak resident set and wall time of
# `gwr list`, `outline`, `figures` and `sections`
#   - on one small file (what the program itself costs),
#   - on one 5 MB file of short heading-like lines (`一、…`, `（一）…`,
#     `1.…增长3%`, `（1）…`: the model's per-line costs at their worst),
#   - and `list` and `figures` over a generated corpus of REPORTS reports
#     (default 18,000 ≈ 1 GB), which must not grow with the corpus.
# The load average is printed with every measurement: the machine is shared.
#
#   benches/memory.sh [REPORTS]
#
# The corpus is target/gwr-bench/corpus-N-seed42 (written by gwr-gen when
# missing, as benches/scale.sh does), removed at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-18000}
target=${CARGO_TARGET_DIR:-target}
gwr=$target/release/gwr
work=$target/gwr-bench
corpus=$work/corpus-$n-seed42
mkdir -p "$work"

load() { cut -d' ' -f1-3 /proc/loadavg; }

cargo build --release --quiet --bin gwr --bin gwr-gen

# 5 MB of heading-like lines, the same bytes every run.
headings=$work/headings-5mb.txt
if [ ! -s "$headings" ]; then
    LC_ALL=C awk 'BEGIN {
        split("一 二 三 四 五 六 七 八 九 十", cn, " ");
        split("加快发展 推进改革 优化营商环境 扩大内需 稳定就业 保障民生 生态环境 乡村振兴", w, " ");
        for (i = 0; bytes < 5000000; i++) {
            k = i % 4; word = w[i % 8 + 1]; c = cn[i % 10 + 1];
            if (k == 0) line = c "、" word;
            else if (k == 1) line = "（" c "）" word;
            else if (k == 2) line = (i % 9 + 1) "." word "增长" (i % 7 + 1) "%";
            else line = "（" (i % 9 + 1) "）" word;
            print line; bytes += length(line) + 1;
        }
    }' >"$headings"
fi
small=assets/corpus/samples/000_c2261995aa5722eb.txt

measure() { # label, command...
    local label=$1
    shift
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o /tmp/gwr-memory-time.$$ "$gwr" "$@" >/dev/null
    end=$(date +%s%N)
    printf '%-36s peak RSS %5d MB  %6d ms  (load %s)\n' "$label" \
        $(($(cat /tmp/gwr-memory-time.$$) / 1024)) $(((end - start) / 1000000)) "$(load)"
}

for cmd in list outline figures sections; do
    measure "$cmd, one 40 KB report" "$cmd" "$small"
done
for cmd in list outline figures sections; do
    measure "$cmd, 5 MB of heading lines" "$cmd" "$headings"
done

if [ ! -e "$corpus/.complete" ]; then
    rm -rf "$corpus"
    "$target/release/gwr-gen" "$n" "$corpus" --seed 42 >/dev/null
    touch "$corpus/.complete"
fi
mb=$(($(find -L "$corpus" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}') / 1000000))
measure "list, $n reports ($mb MB)" list "$corpus"
measure "figures, $n reports ($mb MB)" figures "$corpus"
rm -f /tmp/gwr-memory-time.$$
[ "${KEEP:-0}" = 1 ] || rm -rf "$corpus"
