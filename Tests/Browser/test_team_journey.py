"""The owner builds a team in the dashboard: invites a teammate, who signs up from the mailed link and joins, and
makes them an Admin, who then sees the Team page's admin controls."""
import time
import unittest

from selenium.webdriver.support.ui import Select

from harness import PASSWORD, BrowserTestCase

OWNER = "owner@example.com"
TEAMMATE = "teammate@example.com"


class TeamJourneyTests(BrowserTestCase):
    def test_the_owner_invites_a_teammate_and_makes_them_admin(self):
        owner = self.profile("owner")
        owner.create_owner(OWNER, "Ada Owner", PASSWORD)
        self.assertEqual(owner.heading(), "Overview", "the owner lands on the dashboard")
        self.assertIn("1 of 3 seats", owner.text())
        self.assertIn("You are the only member so far.", owner.text())

        owner.press("Team")
        self.assertEqual(owner.heading(), "Team")
        self.assertIn("No invitation is waiting.", owner.text())
        since = time.time() - 1
        owner.fill("Email address", TEAMMATE)
        owner.press("Send the invitation")
        self.assertEqual(owner.heading(), "Team")
        self.assertIn("The invitation is on its way.", owner.text())
        self.assertIn(TEAMMATE, owner.text())
        invitation = self.mail_link(TEAMMATE, since, pattern=r"http://\S+/accept-invitation#token=[0-9a-f]{64}")

        teammate = self.profile("teammate")
        teammate.open(invitation)
        self.assertEqual(teammate.heading(), "Accept your invitation")
        teammate.press("create an account")
        since = time.time() - 1
        teammate.fill("Email", TEAMMATE)
        teammate.fill("Your name", "Grace Teammate")
        teammate.fill("Password", PASSWORD)
        teammate.press("Create account")
        self.assertEqual(teammate.heading(), "Check your inbox")
        teammate.open(self.mail_link(TEAMMATE, since, pattern=r"http://\S+/verify-email#token=[0-9a-f]{64}"))
        teammate.fill("Password", PASSWORD)
        teammate.press("Confirm my address")
        self.assertEqual(teammate.heading(), "Address confirmed")
        teammate.press("Sign in")
        teammate.sign_in(TEAMMATE, PASSWORD)
        self.assertEqual(teammate.heading(), "Overview")

        teammate.open(invitation)
        teammate.press("Join the workspace")
        self.assertEqual(teammate.heading(), "Welcome")
        self.assertIn("as Member", teammate.text())
        teammate.press("Continue")
        self.assertEqual(teammate.heading(), "Overview")
        teammate.press("Team")
        self.assertIn(OWNER, teammate.text(), "the teammate acts in the owner's workspace")
        self.assertNotIn("Invite someone", teammate.text(), "a Member sees no admin controls")

        owner.open("/app/team")
        Select(owner.field(f"Role of {TEAMMATE}")).select_by_visible_text("Admin")
        owner.press("Change role")
        self.assertIn("The role is changed.", owner.text())

        teammate.open("/app/team")
        self.assertEqual(teammate.heading(), "Team")
        self.assertIn("Invite someone", teammate.text(), "the new Admin sees the invitation form")
        self.assertIn("Pending invitations", teammate.text())
        teammate.field("Email address")
        self.assertEqual(len(teammate.driver.find_elements("xpath", f"//label[normalize-space()='Role of {OWNER}']")), 0,
                         "an Admin cannot change the Owner's role")
        self.assertIn("Workspace", teammate.text(), "in two workspaces, the teammate has the switcher")
        teammate.press("Overview")
        self.assertIn("Recent activity", teammate.text(), "an Admin reads the audit log")
        self.assertIn("member.role_changed", teammate.text())


if __name__ == "__main__":
    unittest.main()
