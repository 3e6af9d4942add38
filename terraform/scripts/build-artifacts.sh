#!/usr/bin/env bash
# Builds exactly what Terraform deploys for one version:
#   terraform/build/functions-<version>.zip          -> gs://<project>-function-source/ (functions module)
#   terraform/build/realtime/realtime-service-<version>.jar + Dockerfile
#                                                     -> <region>-docker.pkg.dev/<project>/utalk/realtime-service:<version>
#
#   terraform/scripts/build-artifacts.sh 1.4.0
set -euo pipefail
version="${1:?usage: build-artifacts.sh <version>   (e.g. the git tag, 1.4.0)}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/terraform/build"
mvn_args=(-B -q)
[[ -n "${MAVEN_OFFLINE:-}" ]] && mvn_args+=(-o)

(cd "$root" && mvn "${mvn_args[@]}" install -DskipTests)
mvn "${mvn_args[@]}" -f "$root/terraform/artifacts/functions/pom.xml" package -Dapp.version="$version"
mvn "${mvn_args[@]}" -f "$root/terraform/artifacts/realtime/pom.xml" package -Dapp.version="$version"

rm -rf "$out" && mkdir -p "$out/realtime"
# Cloud Functions' Java runtime deploys a zip that holds one fat jar.
(cd "$root/terraform/artifacts/functions/target" && zip -q "$out/functions-$version.zip" "functions-$version.jar")
cp "$root/terraform/artifacts/realtime/target/realtime-service-$version.jar" "$root/terraform/artifacts/realtime/Dockerfile" "$out/realtime/"
echo "built $out/functions-$version.zip and $out/realtime/ (docker build --build-arg VERSION=$version)"
