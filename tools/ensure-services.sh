#!/usr/bin/env bash
# Makes sure the PostgreSQL and NATS (JetStream) that the integration tests talk to are up.
# Tests create their own databases and streams; this only starts servers that are down.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
nats_up() { (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null; }

if ! pg_up; then
  echo "PostgreSQL is down: starting it"
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
pg_up || { echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2; exit 1; }

if ! nats_up; then
  echo "NATS is down: starting it with JetStream"
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec "$(command -v nats-server)" -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  for _ in $(seq 1 30); do nats_up && break; sleep 1; done
fi
nats_up || { echo "NATS did not come up on 127.0.0.1:4222" >&2; exit 1; }
echo "PostgreSQL and NATS are up"
