"""The server's role table (src/server/roles.py) and the app's (src/sync/roles.cpp) agree on
every op kind the core knows: what the app lets a user do is what the server accepts."""
import json
import os
import subprocess
import sys
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "src"))
from server import roles  # noqa: E402

CLI = os.path.join(ROOT, "build", "native", "deskbill-cli")


class RoleTables(unittest.TestCase):
    def test_the_server_and_the_app_need_the_same_role_for_every_kind(self):
        if not os.path.exists(CLI):
            self.fail("build/native/deskbill-cli is missing: build it first (scripts/build.sh native)")
        app = json.loads(subprocess.run([CLI, "roles"], check=True, capture_output=True, text=True).stdout)
        self.assertGreater(len(app), 30)
        differ = {k: (app[k], roles.required_role(k)) for k in app if app[k] != roles.required_role(k)}
        self.assertEqual(differ, {})
        self.assertEqual(sorted(set(roles.KIND_ROLE) - set(app)), [])  # no kind the core does not know


if __name__ == "__main__":
    unittest.main()
