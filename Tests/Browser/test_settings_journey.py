"""The owner renames the workspace in Settings, is shown what is wrong with a bad address next to the field, and
cannot require two-factor authentication before having it."""
import unittest

from harness import PASSWORD, BrowserTestCase

OWNER = "owner@example.com"
# A refused form answers 4xx with the page, which the browser logs.
REFUSED = (r"status of 40\d",)


class SettingsJourneyTests(BrowserTestCase):
    def test_the_owner_renames_the_workspace(self):
        owner = self.profile("owner")
        owner.create_owner(OWNER, "Ada Owner", PASSWORD)

        owner.press("Settings")
        self.assertEqual(owner.heading(), "Settings")
        self.assertIn("This workspace is on the Free plan.", owner.text())
        self.assertIn("Members 1 of 3 seats", owner.text())

        owner.fill("Name", "Ada's <Shop>")
        owner.fill("Address", "Not a slug!")
        owner.press("Save", allow_console=REFUSED)
        self.assertIn("Address may hold only lowercase letters", owner.text(), "the refusal names the field")
        self.assertEqual(owner.field("Address").get_attribute("aria-invalid"), "true")
        self.assertEqual(owner.field("Name").get_attribute("value"), "Ada's <Shop>", "what was typed stays")

        owner.fill("Address", "adas-shop")
        owner.press("Save")
        self.assertIn("The workspace settings are saved.", owner.text())
        self.assertEqual(owner.field("Name").get_attribute("value"), "Ada's <Shop>")
        self.assertEqual(owner.field("Address").get_attribute("value"), "adas-shop")

        owner.field("Require two-factor authentication").click()
        owner.press("Save the policy", allow_console=REFUSED)
        self.assertIn("Turn on two-factor authentication for your own account", owner.text(),
                      "the owner is told to enrol first")
        self.assertIn("Two-factor authentication is not required", owner.text())


if __name__ == "__main__":
    unittest.main()
