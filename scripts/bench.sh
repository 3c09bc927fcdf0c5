#!/usr/bin/env bash
# Times whole CLI commands on the large demo portfolio (docs/quality.md "Speed targets") and
# records the figures in docs/performance.md, between the "bench:start" and "bench:end" markers
# (the hand-written sections around them stay). Each command: one warm-up run, then five timed
# runs; the median wall time and the largest peak resident memory (/usr/bin/time -v) are reported.
#   make bench            (or: scripts/bench.sh [--no-record])
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
record=1
[ "${1:-}" = "--no-record" ] && record=0

cargo build --release -p transferdesk-cli
bin=$PWD/target/release/transferdesk
work=$PWD/target/bench-data/cli
rm -rf "$work"
mkdir -p "$work"
runs=5
year=$(( $(date +%Y) - 1 ))
results=()

# measure NAME TARGET PREP COMMAND... — PREP (a shell snippet, may be ":") runs before each run
# and is not timed.
measure() {
	local name=$1 target=$2 prep=$3
	shift 3
	local times=() peak=0
	for i in $(seq 0 "$runs"); do
		eval "$prep"
		/usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || {
			echo "failed: $*" >&2
			cat "$work/err.txt" >&2
			exit 1
		}
		[ "$i" -eq 0 ] && continue # the warm-up
		local wall rss
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s}' "$work/time.txt")
		rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
		times+=("$wall")
		[ "$rss" -gt "$peak" ] && peak=$rss
	done
	local median
	median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
	local mb=$((peak / 1024))
	printf '%-44s median %7.3f s  peak %5d MB  (target %s)\n' "$name" "$median" "$mb" "$target"
	results+=("| \`$name\` | $(printf '%.3f' "$median") s | $mb MB | $target | $(printf '%s ' "${times[@]}")|")
}

db=$work/large.db
measure "demo --scale large --seed 1" "≤ 30 s" "rm -f $work/demo.db $work/demo.db-wal $work/demo.db-shm" \
	"$bin" --db "$work/demo.db" demo --scale large --seed 1
cp "$work/demo.db" "$db"

measure "report annual --year $year --json" "≤ 0.5 s" ":" "$bin" --db "$db" --json report annual --year "$year"
measure "report annual --year $year --out DIR" "≤ 3 s" "rm -rf $work/report" "$bin" --db "$db" report annual --year "$year" --out "$work/report"
measure "verify --json" "≤ 10 s" ":" "$bin" --db "$db" --json verify
measure "fees due --within 90 --json" "≤ 0.2 s" ":" "$bin" --db "$db" --json fees due --within 90
# A license with several receipts and no distribution yet (the same one the criterion bench plans).
contract=$(sqlite3 "$db" "SELECT c.contract_no FROM contract c WHERE c.kind = 'license' AND NOT EXISTS (SELECT 1 FROM distribution d WHERE d.contract_id = c.id) AND (SELECT count(*) FROM receipt r WHERE r.contract_id = c.id) >= 3 ORDER BY c.contract_no LIMIT 1")
measure "rewards plan --contract $contract --json" "≤ 0.05 s (core)" ":" "$bin" --db "$db" --json rewards plan --contract "$contract"

# Import: the large demo's 50,000 achievements exported to the template, imported into a file
# that already has its people and organizations.
"$bin" --db "$db" export achievements "$work/achievements.xlsx" >/dev/null
"$bin" --db "$db" export people "$work/people.xlsx" --reveal-ids >/dev/null
"$bin" --db "$db" export organizations "$work/organizations.xlsx" >/dev/null
"$bin" --db "$work/base.db" init --institution 西川理工大学 --province 四川省 >/dev/null
"$bin" --db "$work/base.db" import people "$work/people.xlsx" >/dev/null
"$bin" --db "$work/base.db" import organizations "$work/organizations.xlsx" >/dev/null
measure "import achievements (50,000 rows .xlsx)" "≤ 10 s, ≤ 500 MB" \
	"rm -f $work/imp.db-wal $work/imp.db-shm; cp $work/base.db $work/imp.db" \
	"$bin" --db "$work/imp.db" import achievements "$work/achievements.xlsx"

[ "$record" -eq 1 ] || exit 0
cpu=$(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')
cores=$(nproc)
ram=$(free -g | awk '/Mem:/ {print $2}')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
{
	echo "<!-- bench:start (written by scripts/bench.sh; do not edit by hand) -->"
	echo "Measured $(date '+%Y-%m-%d %H:%M %Z') on ${cpu:-unknown CPU}, ${cores} cores, ${ram} GB RAM, commit ${commit}, release build;"
	echo "\`scripts/bench.sh\` (\`make bench\`): one warm-up run, then the median of ${runs} runs; peak = largest maximum resident set size."
	echo
	echo "| command | median | peak memory | target | the ${runs} runs (s) |"
	echo "|---|---|---|---|---|"
	printf '%s\n' "${results[@]}"
	echo "<!-- bench:end -->"
} >"$work/table.md"
doc=docs/performance.md
python3 - "$doc" "$work/table.md" <<'PY'
import re, sys
doc, table = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().strip()
text = open(doc, encoding="utf-8").read()
new, n = re.subn(r"<!-- bench:start.*?<!-- bench:end -->", lambda _: table, text, flags=re.S)
if n == 0:
    new = text.rstrip() + "\n\n" + table + "\n"
open(doc, "w", encoding="utf-8").write(new)
PY
echo "recorded in $doc"
