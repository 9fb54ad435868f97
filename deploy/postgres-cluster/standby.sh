#!/bin/sh
# The standby of docker-compose.cluster.yml: on first start a copy of the primary
# (pg_basebackup, WAL streamed along, `-R` writes standby.signal and primary_conninfo), then
# PostgreSQL streaming from it. Promote it when the primary is lost for good:
#   docker compose -f docker-compose.cluster.yml exec postgres-standby \
#     psql -U postgres -c 'select pg_promote()'
# and keep the old primary down (it would accept writes nobody reads); rebuild it as a standby.
set -eu

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h postgres-primary -U replicator -d postgres; do sleep 1; done
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h postgres-primary -U replicator \
    -D "$PGDATA" -R -X stream --checkpoint=fast
  # The primary's synchronous_standby_names came along; a promoted standby has no standby of
  # its own to wait for, so here it is cleared (the last setting in the file wins).
  echo "synchronous_standby_names = ''" >>"$PGDATA/postgresql.auto.conf"
  chmod 700 "$PGDATA"
fi
exec postgres
