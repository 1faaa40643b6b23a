"""The owner turns on two-factor authentication from the account page with an authenticator app's code, requires
it of the workspace in Settings, and signs in again with a code."""
import base64
import hashlib
import hmac
import struct
import time
import unittest

from selenium.webdriver.common.by import By

from harness import PASSWORD, BrowserTestCase

OWNER = "owner@example.com"


def totp(key, at):
    """RFC 6238 with SHA-1, 6 digits and 30-second steps, as an authenticator app computes it."""
    secret = base64.b32decode(key.replace(" ", ""))
    digest = hmac.new(secret, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


class TwoFactorJourneyTests(BrowserTestCase):
    def test_the_owner_turns_on_two_factor_and_signs_in_with_a_code(self):
        owner = self.profile("owner")
        owner.create_owner(OWNER, "Ada Owner", PASSWORD)

        owner.press("Your account")
        owner.fill("Your password", PASSWORD)
        owner.press("Set up two-factor authentication")
        self.assertEqual(owner.heading(), "Set up two-factor authentication")
        self.assertTrue(owner.driver.find_element(By.CSS_SELECTOR, "svg.qr-code").is_displayed(), "the QR code shows")
        key = owner.driver.find_element(By.CSS_SELECTOR, "code.secret").text
        owner.fill("Code from your authenticator app", totp(key, time.time()))
        owner.press("Turn on two-factor authentication")
        self.assertEqual(owner.heading(), "Two-factor authentication is on")
        self.assertEqual(len(owner.driver.find_elements(By.CSS_SELECTOR, "ul.recovery-codes li")), 10)
        owner.press("I have saved them")
        self.assertIn("Two-factor authentication is on.", owner.text())

        owner.open("/app/settings")
        owner.field("Require two-factor authentication").click()
        owner.press("Save the policy")
        self.assertIn("The sign-in security policy is saved.", owner.text())
        self.assertIn("Two-factor authentication is required", owner.text())

        owner.press("Sign out")
        owner.sign_in(OWNER, PASSWORD)
        self.assertEqual(owner.heading(), "Two-factor authentication")
        # The code of the next 30-second step: the one used to turn it on is spent.
        owner.fill("Code from your authenticator app", totp(key, time.time() + 30))
        owner.press("Continue")
        self.assertEqual(owner.heading(), "Overview")


if __name__ == "__main__":
    unittest.main()
