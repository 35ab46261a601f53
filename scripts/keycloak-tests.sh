#!/usr/bin/env bash
# Runs the web console's sign-in at a real Keycloak (KeycloakSignInBrowserIT), as docker-compose configures it but
# without Docker: Keycloak's server distribution from Maven Central (org.keycloak:keycloak-quarkus-dist, 159 MB,
# downloaded once into ~/.m2 and unpacked into local-stack/target/keycloak) with docker/keycloak/cellpath-realm.json,
# the three services and the console as processes, headless Chromium on Keycloak's login page.
#
# ./mvnw verify runs it too; this runs it alone, and fails where it would skip. Needs Java 21 or later for Keycloak
# beside the build's JDK (JAVA21_HOME or JAVA25_HOME, else the newest JDK under /usr/lib/jvm), and Debian's chromium
# and chromium-driver. Takes about 2 minutes on 2 cores after a build.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -ntp -Pkeycloak-tests verify "$@"

# Without Java 21 or the distribution the test skips, and Maven calls that a success: say so.
report=local-stack/target/failsafe-reports/TEST-org.cellpath.browser.KeycloakSignInBrowserIT.xml
if [[ ! -f "$report" ]] || grep -q '<skipped' "$report"; then
  echo "KeycloakSignInBrowserIT did not run:" >&2
  grep -o 'Assumption failed: .*' "$report" 2>/dev/null | sed 's/^/  /' >&2 || true
  exit 1
fi
