#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the tests and print its URL on stdout.
#
#   export GEODASH_TEST_PG_URL="$(scripts/postgres_for_tests.sh)"     # locally
#   echo "GEODASH_TEST_PG_URL=$(scripts/postgres_for_tests.sh)" >> "$GITHUB_ENV"   # CI
#   scripts/postgres_for_tests.sh stop DIR                            # DIR is printed on stderr
#
# Installs the Debian/Ubuntu package when no server is there, creates a cluster
# in a temporary folder (trust authentication, listening on 127.0.0.1 only, a
# free port), creates the database geodash_test. Runs the server as the postgres
# user when started as root (initdb refuses root), else as the current user.
set -euo pipefail

log() { echo "postgres_for_tests: $*" >&2; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ "${1:-}" = stop ]; then
  dir=${2:?usage: $0 stop DIR}
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast stop >&2
  rm -rf "$dir"
  exit 0
fi

if [ -z "$(pg_bin)" ]; then
  log "installing postgresql"
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq postgresql >&2
fi
bin=$(pg_bin)

dir=$(mktemp -d "${TMPDIR:-/tmp}/geodash-pg.XXXXXX")
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=geodash

as_owner "$bin/initdb" -D "$dir/data" --auth=trust --username="$user" --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" start >/dev/null
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" geodash_test
log "server in $dir (stop with: $0 stop $dir)"
echo "postgresql://$user@127.0.0.1:$port/geodash_test"
