"""The server's role table (src/server/roles.py) and the app's (src/sync/roles.cpp) agree on
every op kind the core knows: what the app lets a user do is what the server accepts."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_cli import app_json  # noqa: E402
from server import roles  # noqa: E402


class RoleTables(unittest.TestCase):
    def test_the_server_and_the_app_need_the_same_role_for_every_kind(self):
        app = app_json(self, "roles")
        self.assertGreater(len(app), 30)
        differ = {k: (app[k], roles.required_role(k)) for k in app if app[k] != roles.required_role(k)}
        self.assertEqual(differ, {})
        self.assertEqual(sorted(set(roles.KIND_ROLE) - set(app)), [])  # no kind the core does not know


if __name__ == "__main__":
    unittest.main()
