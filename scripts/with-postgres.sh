#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a temporary folder, listening
# on 127.0.0.1 only at a free port, stopped and removed when the command ends (also when it fails or
# is interrupted). The command gets the superuser's URL in REFER_TEST_PG. The superuser `postgres`
# is trusted; every other role logs in with its password (scram-sha-256), as a rep would.
#
#   bash scripts/with-postgres.sh npx vitest run test/team
#
# With REFER_TEST_PG already set, the command runs against that server instead.
set -euo pipefail

if [ -n "${REFER_TEST_PG:-}" ]; then exec "$@"; fi

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then bindir=$(pg_config --bindir); fi
if [ -z "$bindir" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ]; then bindir=$d; break; fi
  done
fi
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then bindir=$(dirname "$(command -v initdb)"); fi
if [ -z "$bindir" ]; then
  echo "with-postgres: no PostgreSQL server found (initdb); install it, e.g. apt-get install -y postgresql" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/refer-pg.XXXXXX")
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

stop() {
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
cat >"$dir/data/pg_hba.conf" <<HBA
local all postgres trust
host  all postgres 127.0.0.1/32 trust
host  all all      127.0.0.1/32 scram-sha-256
HBA
# in the configuration, so that a test can stop the server and start it again as it was
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
CONF
"${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export REFER_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
# what a test needs to stop and start this server: `$REFER_TEST_PG_CTL stop|start` (as the right user)
printf '#!/bin/sh\nexec %s "%s" -D "%s" -l "%s" -w -t 60 -m fast "$@" >/dev/null\n' \
  "${as[*]}" "$bindir/pg_ctl" "$dir/data" "$dir/server.log" >"$dir/pg_ctl"
chmod +x "$dir/pg_ctl"
export REFER_TEST_PG_CTL="$dir/pg_ctl"
set +e
"$@"
code=$?
set -e
exit $code
