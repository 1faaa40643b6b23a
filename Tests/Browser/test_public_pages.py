"""Every page a signed-out person can open passes the page checks and says what it is for."""
import unittest

from harness import BrowserTestCase

PAGES = {
    "/sign-up": "Create your Parley account",
    "/sign-in": "Sign in to Parley",
    "/sign-in/second-factor": "Two-factor authentication",
    "/forgot-password": "Reset your password",
    "/verify-email": "Confirm your address",
    "/reset-password": "Choose a new password",
    "/confirm-email": "Confirm your new address",
    "/setup": "Create the owner account",
    "/waitlist": "Join the Parley beta",
    "/waitlist/confirm": "Confirm your place",
}


class PublicPagesTests(BrowserTestCase):
    def test_every_signed_out_page_passes_the_checks(self):
        visitor = self.profile("visitor")
        for path, heading in PAGES.items():
            with self.subTest(path=path):
                visitor.open(path)
                self.assertEqual(visitor.heading(), heading)


if __name__ == "__main__":
    unittest.main()
