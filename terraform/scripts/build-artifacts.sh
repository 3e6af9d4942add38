#!/usr/bin/env bash
# Builds exactly what Terraform deploys for one version:
#   terraform/build/functions-<version>.zip          -> gs://<project>-function-source/ (functions module)
#   terraform/build/realtime/realtime-service-<version>.jar + Dockerfile
#                                                     -> <region>-docker.pkg.dev/<project>/utalk/realtime-service:<version>
#
#   terraform/scripts/build-artifacts.sh [1.4.0]
#
# The version is the root pom's (what /health and the logs report); a version given here must be
# that one: set it in the root pom first (mvn versions:set -DnewVersion=1.4.0, committed and tagged).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pom_version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml")"
version="${1:-$pom_version}"
if [[ "$version" != "$pom_version" ]]; then
  echo "build-artifacts.sh: asked for $version but the root pom.xml is at $pom_version; the build reports the pom's version, so set it there first" >&2
  exit 2
fi
out="$root/terraform/build"
mvn_args=(-B -q)
[[ -n "${MAVEN_OFFLINE:-}" ]] && mvn_args+=(-o)

# The gates ran in CI on this commit; this build only makes the artifacts.
(cd "$root" && mvn "${mvn_args[@]}" install -DskipTests -Dspotbugs.skip=true -Dmdep.analyze.skip=true)
mvn "${mvn_args[@]}" -f "$root/terraform/artifacts/functions/pom.xml" package -Dapp.version="$version"
mvn "${mvn_args[@]}" -f "$root/terraform/artifacts/realtime/pom.xml" package -Dapp.version="$version"

rm -rf "$out" && mkdir -p "$out/realtime"
# Cloud Functions' Java runtime deploys a zip that holds one fat jar.
(cd "$root/terraform/artifacts/functions/target" && zip -q "$out/functions-$version.zip" "functions-$version.jar")
cp "$root/terraform/artifacts/realtime/target/realtime-service-$version.jar" "$root/terraform/artifacts/realtime/Dockerfile" "$out/realtime/"
echo "built $out/functions-$version.zip and $out/realtime/ (docker build --build-arg VERSION=$version)"
