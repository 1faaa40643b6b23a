"""A person creates an account with the sign-up form, confirms it from the mail and signs in."""
import time
import unittest

from harness import PASSWORD, BrowserTestCase


class SignUpTests(BrowserTestCase):
    def test_a_person_signs_up_confirms_the_address_and_signs_in(self):
        grace = self.profile("grace")
        since = time.time() - 1

        grace.open("/sign-up")
        grace.fill("Email", "grace@example.com")
        grace.fill("Your name", "Grace")
        grace.fill("Password", PASSWORD)
        grace.press("Create account")  # the page's script answers the bot check first
        self.assertEqual(grace.heading(), "Check your inbox")

        grace.open(self.mail_link("grace@example.com", since, pattern=r"http://\S+/verify-email#token=[0-9a-f]{64}"))
        self.assertEqual(grace.heading(), "Confirm your address")
        grace.fill("Password", PASSWORD)
        grace.press("Confirm my address")
        self.assertEqual(grace.heading(), "Address confirmed")

        grace.press("Sign in")
        grace.sign_in("grace@example.com", PASSWORD)
        self.assertEqual(grace.heading(), "Overview")
        grace.press("Your account")
        self.assertEqual(grace.heading(), "Your account")
        self.assertIn("Signed in as grace@example.com.", grace.text())


if __name__ == "__main__":
    unittest.main()
