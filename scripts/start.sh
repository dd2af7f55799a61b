#!/usr/bin/env bash
# The first README command: install what is missing, build, and start deskbill on its embedded
# default (a local workspace in the browser; serve.py with SQLite for the sync endpoint).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh all
PORT=${PORT:-8080}
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's, which sees python3-psycopg2
exec $PY serve.py --host 127.0.0.1 --port "$PORT" --site build/site --db workspace-data/deskbill.sqlite3 \
  ${DESKBILL_DEV_TOKEN:+--dev-token "$DESKBILL_DEV_TOKEN"}
