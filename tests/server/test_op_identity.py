"""The server's test of an op made once (src/server/op_identity.py) agrees with the app's
(src/core/repeated_op.cpp, src/core/op_kinds.cpp): the server skips a copy only of an op the
device drops when its first copy comes back, and the device drops only what the server skips."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_cli import app_json  # noqa: E402
from server import op_identity  # noqa: E402


class OpIdentity(unittest.TestCase):
    def test_the_server_and_the_app_list_the_same_kinds_that_create_a_record(self):
        app = app_json(self, "creating-kinds")
        self.assertGreater(len(app), 10)
        self.assertEqual(sorted(app), sorted(op_identity.CREATE_KINDS))

    def test_the_ids_a_device_makes_are_its_client_seq_tab_tag_and_count(self):
        # The vectors of RepeatedOp.TheIdsADeviceMakesAreItsClientSeqTabTagAndCount.
        self.assertTrue(op_identity.id_made_on_device("dev1.8.q3x9ab-3", "dev1"))
        self.assertTrue(op_identity.id_made_on_device("dev1.123456.Z9-40", "dev1"))
        for record_id, client in (("dev1.8.q3x9ab-3", "dev"), ("dev1.8.q3x9ab-3", "dev1.8"), ("dev1.8.q3x9ab-3", ""),
                                  ("dev1.8.3", "dev1"), ("dev1.x8.q3x9ab-3", "dev1"), ("dev1.8.q3x9ab-", "dev1"),
                                  ("dev1.8.-3", "dev1"), ("dev1.8.q3.x9ab-3", "dev1"), ("dev1.8.q3x9ab-3/2", "dev1"),
                                  ("t1", "dev1"), (7, "dev1"), ("dev1.8.q3x9ab-3\n", "dev1")):
            self.assertFalse(op_identity.id_made_on_device(record_id, client), (record_id, client))

    def test_a_create_under_its_devices_id_names_itself(self):
        self.assertTrue(op_identity.names_itself({"kind": "timesheet.log", "id": "dev1.8.q3x9ab-3"}, "dev1"))
        self.assertFalse(op_identity.names_itself({"kind": "timesheet.log", "id": "dev1.8.q3x9ab-3"}, "dev2"))
        self.assertFalse(op_identity.names_itself({"kind": "timesheet.log", "id": "dev1.8.3"}, "dev1"))

    def test_a_change_names_itself_only_by_its_mark(self):
        self.assertTrue(op_identity.names_itself({"kind": "ticket.update", "id": "t1", "mark": "q3x9ab-4"}, "dev1"))
        self.assertFalse(op_identity.names_itself({"kind": "ticket.update", "id": "dev1.8.q3x9ab-3"}, "dev1"))
        for mark in ("q3x9ab", "-4", "q3x9ab-", "q3.x9ab-4", 4, None):
            self.assertFalse(op_identity.names_itself({"kind": "ticket.update", "id": "t1", "mark": mark}, "dev1"), mark)

    def test_an_op_of_no_known_shape_names_nothing(self):
        for op in (None, [], "x", {"kind": ["timesheet.log"], "id": "dev1.8.q3x9ab-3"}, {"id": "dev1.8.q3x9ab-3"}):
            self.assertFalse(op_identity.names_itself(op, "dev1"), op)


if __name__ == "__main__":
    unittest.main()
