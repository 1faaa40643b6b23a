"""The owner renames the workspace in Settings, is shown what is wrong with a bad address next to the field, cannot
require two-factor authentication before having it, and lowers the daily AI budget on the AI page, which the
Overview then shows."""
import unittest

from harness import PASSWORD, BrowserTestCase

OWNER = "owner@example.com"
# A refused form answers 4xx with the page, which the browser logs.
REFUSED = (r"status of 40\d",)


class SettingsJourneyTests(BrowserTestCase):
    def test_the_owner_renames_the_workspace_and_lowers_the_ai_budget(self):
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

        owner.press("AI")
        self.assertEqual(owner.heading(), "AI")
        self.assertIn("0.00 USD spent of 1.00 USD", owner.text())
        owner.fill("Daily budget (USD)", "5")
        owner.press("Save the budget", allow_console=REFUSED)
        self.assertIn("Daily budget (USD) cannot exceed the plan's 1.00 USD a day", owner.text())
        owner.fill("Daily budget (USD)", "0.25")
        owner.press("Save the budget")
        self.assertIn("The daily AI budget is saved.", owner.text())
        self.assertIn("0.00 USD spent of 0.25 USD", owner.text())
        owner.press("Overview")
        self.assertIn("0.00 USD of 0.25 USD", owner.text(), "the Overview shows the lowered budget")


if __name__ == "__main__":
    unittest.main()
