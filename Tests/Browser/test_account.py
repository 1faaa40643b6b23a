"""What a signed-in person does on the account page."""
import unittest

from harness import PASSWORD, BrowserTestCase


class AccountTests(BrowserTestCase):
    def test_a_person_deletes_their_account(self):
        self.create_verified_account("ada@example.com")
        ada = self.profile("ada")
        ada.sign_in("ada@example.com", PASSWORD)
        self.assertEqual(ada.heading(), "Overview", "signing in leads to the dashboard")
        ada.press("Your account")
        self.assertEqual(ada.heading(), "Your account")

        ada.fill("Current password", PASSWORD)
        ada.press("Delete my account")
        self.assertEqual(ada.heading(), "Account deleted")

        ada.open("/account")
        self.assertEqual(ada.heading(), "Sign in to Parley", "the deleted account is signed out")


if __name__ == "__main__":
    unittest.main()
