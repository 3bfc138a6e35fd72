#!/usr/bin/env bash
# The whole-process benchmark: greylint on N 350-line greyhound configs,
# side by side with actionlint on N GitHub workflows of the same size and
# with the bare yaml.v3 parse of the configs, on this machine's cores. Each
# is run RUNS times, taking turns; the best wall time counts (the others
# are noise from the machine). Prints files per second for each. Both
# linters run without shellcheck (and actionlint without pyflakes): each
# runs it on the scripts when it is on PATH, which measures shellcheck.
#
#   make bench-cli            (N=1000 RUNS=5 by default)
#   N=200 RUNS=3 scripts/bench-cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-1000}
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/greylint" ./cmd/greylint
go build -o "$tmp/yamlparse" ./internal/corpus/yamlparse
GOBIN="$tmp" go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
go run ./internal/corpus/gen -n "$n" -out "$tmp/data"

# ms CMD...: the wall time of one run, in milliseconds.
ms() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1 || [ $? -le 1 ] # exit 1 is "findings"
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
report() { awk -v name="$1" -v ms="$2" -v n="$n" 'BEGIN { printf "%-12s %6d ms  %7.0f files/s\n", name, ms, n * 1000 / ms }'; }

echo "$n files of each kind, best of $runs runs, $(nproc) cores"
# The three take turns, round after round, so that a busy moment of the
# machine falls on all of them alike; the best of each counts.
y="" g="" a=""
for _ in $(seq "$runs"); do
  t=$(ms "$tmp/yamlparse" "$tmp/data/greyhound"); if [ -z "$y" ] || [ "$t" -lt "$y" ]; then y=$t; fi
  t=$(ms "$tmp/greylint" --shellcheck=off "$tmp/data/greyhound"); if [ -z "$g" ] || [ "$t" -lt "$g" ]; then g=$t; fi
  t=$(cd "$tmp/data/workflows" && ms "$tmp/actionlint" -shellcheck= -pyflakes= ./*.yaml); if [ -z "$a" ] || [ "$t" -lt "$a" ]; then a=$t; fi
done
report yamlparse "$y"
report greylint "$g"
report actionlint "$a"
awk -v g="$g" -v a="$a" -v y="$y" 'BEGIN { printf "greylint: %.2fx actionlint'"'"'s files/s, %.2fx the bare parse time\n", a / g, g / y }'
