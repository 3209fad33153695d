"""The lockout and the served clock, on a pool of its own (moving the clock is for good)."""

import unittest

from botocore.exceptions import ClientError

from common import advance_clock, client, error_of, password_auth, post_json, verify


class Clock(unittest.TestCase):
    def test_lockout_then_the_clock_moved_past_expiry(self):
        idp = client()
        # Frozen, the served clock moves only when told: the 1 s lock below cannot run out
        # between two calls, however slow the machine.
        self.assertTrue(post_json("/_cogflow/clock", {"freeze": True})["frozen"])
        tokens = password_auth(idp, "user123", "pass123")["AuthenticationResult"]
        verify(tokens["AccessToken"], "access")
        for attempt in range(1, 6):
            with self.assertRaises(ClientError) as wrong:
                password_auth(idp, "user123", "wrong12")
            self.assertEqual(
                error_of(wrong), ("NotAuthorizedException", "Incorrect username or password."), attempt
            )
        # The 5th failure locked user123 for 1 s: even the right password is refused now.
        with self.assertRaises(ClientError) as locked:
            password_auth(idp, "user123", "pass123")
        self.assertEqual(error_of(locked), ("NotAuthorizedException", "Password attempts exceeded"))

        moved = advance_clock("61m")
        self.assertEqual(moved["advanced"], 3660)
        with self.assertRaises(ClientError) as expired:
            idp.get_user(AccessToken=tokens["AccessToken"])
        self.assertEqual(error_of(expired), ("NotAuthorizedException", "Access Token has expired"))
        # The lock is long over (and 15 idle minutes reset the count): the right password works.
        fresh = password_auth(idp, "user123", "pass123")["AuthenticationResult"]
        self.assertEqual(idp.get_user(AccessToken=fresh["AccessToken"])["Username"], "user123")


if __name__ == "__main__":
    unittest.main(verbosity=2)
