#!/bin/sh
# One PostgreSQL, two databases, one owner role per service: allocation cannot touch the
# read model and reporting cannot read allocation's tables (it learns only from events).
# Runs once, when the data volume is first initialised (/docker-entrypoint-initdb.d).
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v allocation_password="$ALLOCATION_DB_PASSWORD" \
  -v reporting_password="$REPORTING_DB_PASSWORD" <<'SQL'
create role allocation login password :'allocation_password';
create role reporting login password :'reporting_password';
create database opd owner allocation;
create database opd_reporting owner reporting;
revoke connect on database opd from public;
revoke connect on database opd_reporting from public;
SQL
