#!/usr/bin/env bash
# Builds everything and runs every test with coverage, then checks the kernel's line coverage.
# Needs the .NET SDK and Node.js; installs the servers the tests start on free loopback ports
# (redis-server, Azurite) when they are missing. The tests start and stop them themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null; then
  echo "Installing redis-server for the cache integration tests..."
  sudo_if_needed=""
  if [ "$(id -u)" -ne 0 ]; then sudo_if_needed="sudo"; fi
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq redis-server >/dev/null
fi
# The package starts a system-wide instance on 6379; the tests never use it.

# Azurite (tables and queues for the Azure adapter tests), pinned in tools/azurite; needs Node.js and npm.
if [ ! -x tools/azurite/node_modules/.bin/azurite ]; then
  echo "Installing Azurite for the Table Storage and Storage Queue tests..."
  npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
fi

# The OpenAPI tools (Redocly, swagger-parser, openapi-typescript, openapi-fetch, TypeScript), pinned in tools/openapi.
if [ ! -x tools/openapi/node_modules/.bin/redocly ]; then
  echo "Installing the OpenAPI tools for the API description tests..."
  npm ci --prefix tools/openapi --no-audit --no-fund --loglevel=error
fi

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

# The NuGet packages a team references, and what each carries. Last: packing rebuilds the libraries with
# deterministic source paths, which coverage could not map back to the files.
bash scripts/pack.sh
# The template from those packages: each option instantiated, built, tested, run and called.
bash scripts/check-template.sh
