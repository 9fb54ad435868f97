#!/bin/sh
# The primary of docker-compose.cluster.yml (first start only): a role the standby streams
# with, allowed to connect for replication, and synchronous commit — a commit returns only once
# the standby has it on disk, so promoting the standby loses no acknowledged write (ADR 0018).
# The setting goes into postgresql.auto.conf so that it applies from the real start on, not to
# this initialisation (whose CREATE DATABASE would wait for a standby that is not there yet);
# the standby clears it from its copy (deploy/postgres-cluster/standby.sh).
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v replication_password="$REPLICATION_PASSWORD" <<'SQL'
create role replicator with replication login password :'replication_password';
alter system set synchronous_standby_names = '*';
SQL
echo 'host replication replicator all scram-sha-256' >>"$PGDATA/pg_hba.conf"
