#!/usr/bin/env bash
# Builds everything and runs every test with coverage, then checks the kernel's line coverage.
# Needs only the .NET SDK: the tests start what they use (the LocalHost on a free loopback port).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly results=artifacts/test-results
readonly coverage=artifacts/coverage
readonly kernel_minimum=90

rm -rf "$results" "$coverage"
dotnet tool restore
dotnet build ServerlessCqrs.sln -c Release
dotnet test ServerlessCqrs.sln -c Release --no-build \
  --results-directory "$results" --settings coverlet.runsettings --collect "XPlat Code Coverage"

dotnet reportgenerator -reports:"$results/**/coverage.cobertura.xml" -targetdir:"$coverage" \
  -reporttypes:"TextSummary;Cobertura" -verbosity:Warning
echo
grep -E '^ *Line coverage|^ServerlessCqrs\.' "$coverage/Summary.txt"

kernel=$(awk '$1 == "ServerlessCqrs.Core" { sub("%", "", $2); print $2 }' "$coverage/Summary.txt")
if ! awk -v actual="$kernel" -v minimum="$kernel_minimum" 'BEGIN { exit !(actual >= minimum) }'; then
  echo "Kernel line coverage is ${kernel}%; it must be at least ${kernel_minimum}%." >&2
  exit 1
fi
echo "Kernel line coverage ${kernel}% (minimum ${kernel_minimum}%)."
