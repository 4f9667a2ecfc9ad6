#!/usr/bin/env bash
# Installs the template from artifacts/packages (scripts/pack.sh makes them), instantiates it once per option in a
# temporary folder, builds and tests each solution against the packages just built, starts its LocalHost and sends
# one command and one query. Nothing is fetched but third-party packages.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly packages=$(pwd)/artifacts/packages
readonly work=$(mktemp -d)
readonly hive=$work/hive
localhost_pid=""
cleanup() { [ -n "$localhost_pid" ] && kill "$localhost_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Packages of ours with this version may be cached from an earlier pack of other commits: restore them afresh.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/serverlesscqrs.*

dotnet new install "$(ls "$packages"/ServerlessCqrs.Templates.*.nupkg)" --debug:custom-hive "$hive" >/dev/null

instantiate_and_run() {
  local name=$1; shift
  local dir=$work/$name
  echo "== dotnet new serverless-cqrs -n $name $*"
  dotnet new serverless-cqrs -n "$name" -o "$dir" --packageSource "$packages" --debug:custom-hive "$hive" "$@" >/dev/null
  grep -q "$packages" "$dir/nuget.config" || { echo "$name: nuget.config does not name $packages" >&2; exit 1; }
  (cd "$dir" && dotnet build -c Release -nologo -v quiet && dotnet test -c Release --no-build -nologo -v quiet)

  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local api="http://127.0.0.1:$port/api"
  (cd "$dir" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet run -c Release --no-build --project "src/$name.LocalHost" >"$work/$name.log" 2>&1) &
  localhost_pid=$!
  for _ in $(seq 1 60); do curl -sf "$api/health" >/dev/null && break; sleep 0.5; done
  local created id customer
  created=$(curl -s -w '\n%{http_code}' -X POST "$api/commands/RegisterCustomer" -H 'Content-Type: application/json' -d '{"name":"Ada"}')
  [ "$(tail -1 <<<"$created")" = 201 ] || { echo "RegisterCustomer: $created" >&2; cat "$work/$name.log" >&2; exit 1; }
  id=$(head -1 <<<"$created" | sed 's/.*"customerId":"\([^"]*\)".*/\1/')
  customer=$(curl -s "$api/queries/GetCustomer?customerId=$id")
  grep -q "\"name\":\"Ada\"" <<<"$customer" || { echo "GetCustomer: $customer" >&2; exit 1; }
  kill "$localhost_pid"; wait "$localhost_pid" 2>/dev/null || true; localhost_pid=""
  echo "$name: built, tested, RegisterCustomer 201 and GetCustomer $customer"
}

instantiate_and_run Contoso.Billing --transport StorageQueue --redis false
instantiate_and_run Fabrikam.Shipping --transport ServiceBus --redis true
