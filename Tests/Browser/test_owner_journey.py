"""The first person on a new installation: from the set-up link `serve` prints to the signed-in dashboard."""
import unittest

from harness import PASSWORD, BrowserTestCase

OWNER = "owner@example.com"


class OwnerJourneyTests(BrowserTestCase):
    def test_the_owner_sets_up_signs_out_and_signs_back_in(self):
        owner = self.profile("owner")

        owner.open(self.server.setup_link)
        self.assertEqual(owner.heading(), "Create the owner account")
        self.assertNotIn("token=", owner.url(), "the link's token stays out of the address bar")
        owner.fill("Email", OWNER)
        owner.fill("Your name", "Ada Owner")
        owner.fill("Password", PASSWORD)
        owner.press("Create owner account")

        self.assertEqual(owner.heading(), "Overview", "the owner lands on the dashboard")
        owner.press("Your account")
        self.assertEqual(owner.heading(), "Your account")
        self.assertIn(f"Signed in as {OWNER}.", owner.text())
        self.assertIn("This device", owner.text())

        owner.press("Sign out")
        self.assertEqual(owner.heading(), "Sign in to Parley")

        owner.open("/account")
        self.assertEqual(owner.heading(), "Sign in to Parley", "signed out, the account page sends the owner to sign in")

        owner.sign_in(OWNER, PASSWORD)
        self.assertEqual(owner.heading(), "Overview")
        owner.press("Your account")
        self.assertIn(f"Signed in as {OWNER}.", owner.text())


if __name__ == "__main__":
    unittest.main()
