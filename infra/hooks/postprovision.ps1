# azd's postprovision hook on Windows: the same as postprovision.sh.
$ErrorActionPreference = 'Stop'

if (-not $env:OPENOBSERVE_URL) {
    Write-Host 'OpenObserve provisioning skipped: OPENOBSERVE_URL is not set in the azd environment (azd env set OPENOBSERVE_URL https://...).'
    exit 0
}

Set-Location (Join-Path $PSScriptRoot '..' '..')
dotnet run --project src/ServerlessCqrs.Ops -c Release -- openobserve provision
exit $LASTEXITCODE
