import Foundation
import SMTPClient

/// An email address typed into a form or an API body, as Parley stores it: trimmed and lowercased.
package enum EmailInput {
    package static func normalized(_ text: String, field: String = "email") throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard trimmed.utf8.count <= 254, let address = try? EmailAddress(trimmed) else {
            throw CoreError.invalidField(name: field, reason: "must be an email address such as ada@example.com.")
        }
        return address.address
    }
}
