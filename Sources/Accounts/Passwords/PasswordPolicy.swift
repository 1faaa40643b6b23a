import Foundation
import ParleyCore

/// What a new password must be: 12 to 128 characters of any script, not one of the 10,000 most common
/// passwords, and not containing the local part of the account's email address.
enum PasswordPolicy {
    static let lengths = 12...128

    /// Throws `invalidField("password")` naming the first rule the password breaks.
    static func check(_ password: String, email: String, field: String = "password") throws {
        let normalized = password.precomposedStringWithCanonicalMapping
        guard lengths.contains(normalized.count) else {
            throw CoreError.invalidField(
                name: field, reason: "must be \(lengths.lowerBound) to \(lengths.upperBound) characters long.")
        }
        let lowered = normalized.lowercased()
        if CommonPasswords.contains(lowered) {
            throw CoreError.invalidField(
                name: field, reason: "is one of the most commonly used passwords; choose another.")
        }
        let localPart = email.split(separator: "@").first.map { $0.lowercased() } ?? ""
        if localPart.count >= 3, lowered.contains(localPart) {
            throw CoreError.invalidField(name: field, reason: "must not contain your email address.")
        }
    }
}
