"""Signing in with the form, for people whose accounts already exist."""
import unittest

from harness import PASSWORD, BrowserTestCase


class SignInTests(BrowserTestCase):
    def test_two_people_are_signed_in_at_once(self):
        self.create_verified_account("ada@example.com")
        self.create_verified_account("grace@example.com")
        ada, grace = self.profile("ada"), self.profile("grace")

        ada.sign_in("ada@example.com", PASSWORD)
        grace.sign_in("grace@example.com", PASSWORD)

        ada.open("/account")
        self.assertIn("Signed in as ada@example.com.", ada.text())
        grace.open("/account")
        self.assertIn("Signed in as grace@example.com.", grace.text())


if __name__ == "__main__":
    unittest.main()
