# Sourced by the benchmark scripts: sets `work`, the folder of their scenario and outputs: KEEP
# when given (kept), else a temporary folder removed when the script exits.
if [[ -n ${KEEP:-} ]]; then
  work=$KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
