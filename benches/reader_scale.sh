#!/usr/bin/env bash
# The reader at scale: peak resident memory and start-to-list time of the
# release `gwr` on synthetic corpora of N reports.
#
#   benches/reader_scale.sh [N...]        (default: 1000 10000)
#
# For each N: generates target/gwr-bench/corpus-N with gwr-gen (reused when
# it exists), builds the search index once (the reader opens it; building it
# is `gwr index`'s cost, measured by benches/search.rs), then starts gwr in a
# pseudo-terminal twice — a first start that catalogues the corpus, and a
# second that reuses the saved catalogue — each time opening a few reports
# from the list and waiting (`--exit-when-idle`) until the corpus is loaded
# and the topics are classified. Peak RSS is the kernel's high-water mark
# (VmHWM, polled from /proc/PID/status: the reader's own; and ru_maxrss at
# exit, which also covers a child `gwr index` that built the index).
# NO_INDEX=1: no index beforehand, so the first start builds it (in a child
# `gwr index` for a corpus of 200 files or more).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bench="$root/target/gwr-bench"
gwr="$root/target/release/gwr"
gen="$root/target/release/gwr-gen"
if [[ ! -x $gwr || ! -x $gen ]]; then
    nice cargo build --release --bin gwr --bin gwr-gen
fi
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000)
mkdir -p "$bench"

for n in "${sizes[@]}"; do
    corpus="$bench/corpus-$n"
    if [[ ! -f $corpus/.complete ]]; then
        rm -rf "$corpus"
        nice "$gen" "$n" "$corpus" >/dev/null
        touch "$corpus/.complete"
    fi
    home="$bench/home-$n"
    rm -rf "$home"
    mkdir -p "$home/cache" "$home/state" "$home/config"
    export GWR_CACHE_DIR="$home/cache" GWR_STATE_DIR="$home/state" XDG_CONFIG_HOME="$home/config"
    [[ -n ${NO_INDEX:-} ]] || nice "$gwr" index "$corpus" >/dev/null 2>&1
    text=$(du -smL --exclude=.complete "$corpus" | cut -f1)
    for run in first again; do
        echo "reports=$n text=${text}MB run=$run load=$(cut -d' ' -f1-3 /proc/loadavg) $(
            nice python3 - "$gwr" "$corpus" "$n" <<'EOF'
import codecs, fcntl, os, pty, select, struct, sys, termios, time, unicodedata

gwr, corpus, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ROWS, COLS = 48, 160
start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    # The size is set before gwr starts, so its first frame has it.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    os.environ["TERM"] = "xterm-256color"
    os.execv(gwr, [gwr, "--exit-when-idle", corpus])
decoder = codecs.getincrementaldecoder("utf-8")("replace")


class Screen:
    """Just enough of a terminal to read what gwr draws: cursor moves,
    clears, wide characters; colours and modes are skipped."""

    def __init__(self):
        self.cells = [[" "] * COLS for _ in range(ROWS)]
        self.row = self.col = 0
        self.pending = ""

    def feed(self, text):
        s = self.pending + text
        self.pending = ""
        i = 0
        while i < len(s):
            c = s[i]
            if c == "\x1b":
                if i + 1 >= len(s):
                    self.pending = s[i:]
                    return
                kind = s[i + 1]
                if kind == "[":
                    j = i + 2
                    while j < len(s) and not ("@" <= s[j] <= "~"):
                        j += 1
                    if j >= len(s):
                        self.pending = s[i:]
                        return
                    self.csi(s[i + 2 : j], s[j])
                    i = j + 1
                elif kind == "]":
                    end = min((k for k in (s.find("\x07", i), s.find("\x1b\\", i)) if k >= 0), default=-1)
                    if end < 0:
                        self.pending = s[i:]
                        return
                    i = end + (1 if s[end] == "\x07" else 2)
                else:
                    i += 2
                continue
            if c == "\r":
                self.col = 0
            elif c == "\n":
                self.row = min(self.row + 1, ROWS - 1)
            elif c >= " ":
                w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
                if self.col + w <= COLS:
                    self.cells[self.row][self.col] = c
                    if w == 2:
                        self.cells[self.row][self.col + 1] = ""
                self.col += w
            i += 1

    def csi(self, params, final):
        if final == "H":
            parts = (params.split(";") + ["", ""])[:2]
            self.row = min(int(parts[0] or 1), ROWS) - 1
            self.col = min(int(parts[1] or 1), COLS) - 1
        elif final == "J" and params in ("2", "3"):
            self.cells = [[" "] * COLS for _ in range(ROWS)]

    def text(self):
        return "\n".join("".join(r) for r in self.cells)


screen = Screen()
title = f"Reports ({n})"
listed = None
hwm = 0
sent = False

def vm_hwm():
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

while True:
    hwm = max(hwm, vm_hwm())
    r, _, _ = select.select([fd], [], [], 0.02)
    if r:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        screen.feed(decoder.decode(chunk))
        if listed is None and title in screen.text():
            listed = time.monotonic() - start
    if listed is not None and not sent:
        # Open a few reports from the list: the next ones, one further
        # down, the last. `h` twice reaches the list whatever pane has
        # the focus; Enter opens and goes to the text.
        for keys in ["hhj\r", "hhjjjj\r", "hhG\r", "hhgj\r"]:
            os.write(fd, keys.encode())
            time.sleep(0.3)
        sent = True
_, status, usage = os.wait4(pid, 0)
total = time.monotonic() - start
peak = max(hwm, usage.ru_maxrss)
if listed is None:
    print(f"list_never_shown status={status}")
    sys.exit(1)
# VmHWM is the reader's own peak; ru_maxrss also covers a child
# `gwr index` that built the index meanwhile.
print(f"list_s={listed:.2f} idle_s={total:.2f} peak_rss_MB={hwm / 1024:.0f} "
      f"with_children_MB={peak / 1024:.0f} exit={status}")
EOF
        )"
    done
done
