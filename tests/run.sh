#!/usr/bin/env bash
# The test command: installs what is missing (Debian's chromium for the browser tests), then runs
# the whole suite: Core tests, component/HTTP tests and the Playwright E2E tests.
# Usage: tests/run.sh [extra dotnet test arguments, e.g. --filter "Category!=E2E"]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Debian chromium for the E2E tests"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
/usr/bin/chromium --version

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "==> Restoring tools and packages"
dotnet tool restore
dotnet restore FoccoCrm.sln

echo "==> Building"
dotnet build FoccoCrm.sln --no-restore -c Debug

echo "==> Testing"
# One test project at a time (-m:1): the browser tests should not share the 2 cores with the other suites.
dotnet test FoccoCrm.sln --no-build -c Debug -m:1 --logger "console;verbosity=minimal" "$@"
