"""The databases the server tests run against: a SQLite file in a temporary folder, and, when
DESKBILL_TEST_PG names a PostgreSQL server (scripts/test.sh starts a throwaway cluster and sets
it), a fresh PostgreSQL database per test class, dropped afterwards."""
import os
import secrets
import unittest


def pg_admin_dsn():
    return os.environ.get("DESKBILL_TEST_PG", "")


def require_pg(test):
    """PostgreSQL tests run when a cluster is given; scripts/test.sh always gives one (and fails
    when it cannot start it), so in CI they never skip."""
    return unittest.skipUnless(pg_admin_dsn(), "DESKBILL_TEST_PG is not set (scripts/test.sh sets it)")(test)


class PgDatabase:
    def __init__(self):
        import psycopg2
        self.psycopg2 = psycopg2
        self.name = "deskbill_test_" + secrets.token_hex(4)
        admin = psycopg2.connect(pg_admin_dsn())
        admin.autocommit = True
        admin.cursor().execute("CREATE DATABASE " + self.name)
        admin.close()
        base = pg_admin_dsn().rsplit("/", 1)[0]
        self.dsn = base + "/" + self.name

    def drop(self):
        admin = self.psycopg2.connect(pg_admin_dsn())
        admin.autocommit = True
        admin.cursor().execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.name)
        admin.close()
