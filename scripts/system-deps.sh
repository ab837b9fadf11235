#!/usr/bin/env bash
# Install the Debian packages the test-suite needs, if missing, and make sure PostgreSQL runs.
# Non-root users without the packages get the browser and PostGIS tests skipped with a reason.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if command -v pg_config >/dev/null 2>&1 || ls /usr/lib/postgresql >/dev/null 2>&1; then
  for v in $(ls /usr/lib/postgresql 2>/dev/null); do
    [ -e "/usr/share/postgresql/$v/extension/postgis.control" ] || need+=("postgresql-$v-postgis-3")
  done
fi

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "system-deps: missing ${need[*]} (not root or no apt): those tests will skip" >&2
  fi
fi

# Start the local PostgreSQL cluster if it is installed but stopped.
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 2>/dev/null; then
  for v in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$v" main start || true
  done
fi
