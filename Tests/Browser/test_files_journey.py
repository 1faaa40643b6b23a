"""A member of the team uploads a document on the Files page with the plain file input, downloads it through its
signed link, and the owner deletes it."""
import os
import tempfile
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from harness import PASSWORD, BrowserTestCase

OWNER = "owner@example.com"
CONTENT = b"Opening hours: Monday to Friday, 9 to 17.\n"


class FilesJourneyTests(BrowserTestCase):
    def test_the_owner_uploads_downloads_and_deletes_a_file(self):
        owner = self.profile("owner")
        owner.create_owner(OWNER, "Ada Owner", PASSWORD)
        owner.press("Files")
        self.assertEqual(owner.heading(), "Files")
        self.assertIn("No file yet.", owner.text())

        folder = tempfile.mkdtemp(prefix="parley-upload.")
        path = os.path.join(folder, "opening-hours.txt")
        with open(path, "wb") as file:
            file.write(CONTENT)
        Select(owner.field("What it is for")).select_by_value("knowledge")
        owner.field("File").send_keys(path)
        owner.press("Upload")
        self.assertIn("opening-hours.txt", owner.text(), "the list shows the uploaded file")
        self.assertIn("text/plain", owner.text())

        owner.driver.find_element(By.XPATH, "//button[starts-with(normalize-space(.), 'Download')]").click()
        self.assertEqual(owner.downloaded("opening-hours.txt"), CONTENT)

        owner.press("Delete opening-hours.txt")
        self.assertIn("The file is deleted.", owner.text())
        self.assertIn("No file yet.", owner.text())


if __name__ == "__main__":
    unittest.main()
