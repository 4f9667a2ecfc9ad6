#!/usr/bin/env bash
# Packs the libraries a team references, and the dotnet new template, into artifacts/packages; checks what each
# library package carries:
# its README, the MIT license, the repository and commit, its symbols package, and its dependencies on the
# other ServerlessCqrs packages at the same version.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly packages=artifacts/packages
readonly expected=(Core Http Azure Redis Observability Hosting AzureFunctions Testing)

rm -rf "$packages"
dotnet pack ServerlessCqrs.sln -c Release -o "$packages"

failed=0
for name in "${expected[@]}"; do
  id="ServerlessCqrs.$name"
  nupkg=$(ls "$packages/$id".[0-9]*.nupkg 2>/dev/null | head -1)
  if [ -z "$nupkg" ]; then echo "missing package: $id" >&2; failed=1; continue; fi
  [ -f "${nupkg%.nupkg}.snupkg" ] || { echo "$id: no symbols package" >&2; failed=1; }
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  for element in '<readme>README.md</readme>' '<license type="expression">MIT</license>' '<repository type="git"' '<description>'; do
    grep -qF "$element" <<<"$nuspec" || { echo "$id: its nuspec lacks $element" >&2; failed=1; }
  done
  files=$(unzip -Z1 "$nupkg")
  grep -qx 'README.md' <<<"$files" || { echo "$id: README.md is not in the package" >&2; failed=1; }
done
ls "$packages"/ServerlessCqrs.Templates.[0-9]*.nupkg >/dev/null 2>&1 || { echo "missing package: ServerlessCqrs.Templates" >&2; failed=1; }
[ "$failed" = 0 ] || exit 1
echo "Packed and checked: $(ls "$packages"/*.nupkg | wc -l) packages in $packages."
