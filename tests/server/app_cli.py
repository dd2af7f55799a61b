"""The app's command line (build/native/deskbill-cli), for the server tests that check a table
the server mirrors from the app (roles, the kinds that create a record)."""
import json
import os
import subprocess

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CLI = os.path.join(ROOT, "build", "native", "deskbill-cli")


def app_json(test, command):
    """What `deskbill-cli COMMAND` prints, parsed; fails `test` when the CLI is not built."""
    if not os.path.exists(CLI):
        test.fail("build/native/deskbill-cli is missing: build it first (scripts/build.sh native)")
    return json.loads(subprocess.run([CLI, command], check=True, capture_output=True, text=True).stdout)
