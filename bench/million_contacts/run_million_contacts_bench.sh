#!/usr/bin/env bash
# A million satellites for a day, with laser links (bench/README.md): `umbra contacts` on
# platforms/million-satellites.yaml with each satellite given four laser terminals and each shell
# a +Grid topology (two links per satellite: the next in its plane, the same slot of the next
# plane), timed. The shipped file stays orbits only: `umbra validate` computes the first day's
# laser plan of a platform that has one, which for this one is the whole benchmark.
# Usage: bench/million_contacts/run_million_contacts_bench.sh BUILD_DIR
#   HORIZON=DUR (24h), SHELLS=N (10: only the first N shells of 100,000 satellites),
#   KEEP=DIR (keep the platform and the plan there instead of a temporary folder).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../support/work_folder.sh"
# The laser class of the published +Grid studies' order of magnitude: 100 Gbps to 5,000 km, the
# line of sight clear of the atmosphere's lowest 80 km, 10 s to point.
awk -v shells="${SHELLS:-10}" '
  /^gpu_models:/ { print; print "link_classes:";
    print "  - {name: laser-isl, kind: laser, rate: 100 Gbps, max_range: 5000 km,";
    print "     grazing_altitude: 80 km, acquisition_time: 10 s}"; next }
  /^  - name:/ { if (++shell > shells) exit }
  { print }
  /^    phasing:/ { print "    terminals: [{link_class: laser-isl, count: 4}]";
    print "    isl: {topology: plus-grid, link_class: laser-isl}" }
' "$here/../../platforms/million-satellites.yaml" > "$work/million-laser.yaml"
echo "platform: $(grep -c '^  - name:' "$work/million-laser.yaml") shells with +Grid laser links" \
  "($work/million-laser.yaml), horizon ${HORIZON:-24h}"
/usr/bin/time -v "$build/umbra" contacts "$work/million-laser.yaml" --horizon "${HORIZON:-24h}" \
  2> "$work/contacts.err" > "$work/plan.csv"
head -1 "$work/contacts.err"
grep -E 'Elapsed|User time|System time|Percent of CPU|Maximum resident' "$work/contacts.err"
echo "plan.csv: $(($(wc -l < "$work/plan.csv") - 1)) windows, $(du -m "$work/plan.csv" | cut -f1) MB"
