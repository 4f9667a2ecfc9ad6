#!/bin/sh
# azd's postprovision hook: provisions OpenObserve's streams, alerts and dashboards with the project's own
# CLI when the azd environment names an OpenObserve (azd env set OPENOBSERVE_URL ...), and says it skipped
# otherwise. azd passes the environment's values (OPENOBSERVE_URL, OPENOBSERVE_ORGANIZATION,
# OPENOBSERVE_TOKEN, OPENOBSERVE_ALERT_WEBHOOK_URL) to the hook as environment variables.
set -eu

if [ -z "${OPENOBSERVE_URL:-}" ]; then
  echo "OpenObserve provisioning skipped: OPENOBSERVE_URL is not set in the azd environment (azd env set OPENOBSERVE_URL https://...)."
  exit 0
fi

cd "$(dirname "$0")/../.."
exec dotnet run --project src/ServerlessCqrs.Ops -c Release -- openobserve provision
