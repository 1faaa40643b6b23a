"""The owner creates an API key in the dashboard, sees its secret once with a copy button, revokes it, and finds
both in the audit log."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from harness import PASSWORD, BrowserTestCase

OWNER = "owner@example.com"


class APIKeysJourneyTests(BrowserTestCase):
    def test_the_owner_creates_copies_and_revokes_a_key(self):
        owner = self.profile("owner")
        owner.create_owner(OWNER, "Ada Owner", PASSWORD)
        owner.press("Settings")
        slug = owner.field("Address").get_attribute("value")
        self.server.run("workspaces", "set-plan", "--workspace", slug, "--plan", "pro")

        owner.press("API keys")
        self.assertIn("No API key yet.", owner.text())
        owner.fill("Name", "CRM sync")
        owner.field("members:read").click()
        owner.press("Create the key")
        self.assertIn("The key CRM sync is ready", owner.text())
        secret = owner.field("Secret").get_attribute("value")
        self.assertTrue(secret.startswith("parley_sk_"))

        copy = owner.driver.find_element(By.CSS_SELECTOR, "button.copy-button")
        self.assertEqual(copy.text, "Copy the secret")
        copy.click()
        status = owner.driver.find_element(By.CSS_SELECTOR, ".copy-status")
        WebDriverWait(owner.driver, 5).until(lambda _: status.text != "")
        self.assertIn(status.text, ("Copied.", "The browser did not allow copying: select the text and copy it."))

        owner.press("Revoke the key CRM sync")
        self.assertIn("The key is revoked", owner.text())
        self.assertNotIn(secret, owner.driver.page_source, "the secret is never shown again")

        owner.press("Audit log")
        self.assertIn("api_key.created", owner.text())
        self.assertIn("api_key.revoked", owner.text())


if __name__ == "__main__":
    unittest.main()
