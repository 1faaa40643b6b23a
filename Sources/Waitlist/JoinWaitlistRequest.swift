import ParleyCore
import SMTPClient
import Vapor

/// `POST /api/v1/waitlist`.
struct JoinWaitlistRequest: Content {
    var email: String
    var name: String
    var company: String?
    var consent: Bool
    var botCheck: BotCheckSubmission?

    enum CodingKeys: String, CodingKey {
        case email, name, company, consent
        case botCheck = "bot_check"
    }

    /// The validated form: each problem names its field.
    func validated() throws -> WaitlistSignup {
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let trimmedCompany = company?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let address = try? EmailAddress(email.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw CoreError.invalidField(name: "email", reason: "must be an email address such as ada@example.com.")
        }
        guard (1...100).contains(trimmedName.count), !MessageWriter.containsLineBreak(trimmedName) else {
            throw CoreError.invalidField(name: "name", reason: "must be 1 to 100 characters on one line.")
        }
        if let trimmedCompany, trimmedCompany.count > 100 || MessageWriter.containsLineBreak(trimmedCompany) {
            throw CoreError.invalidField(name: "company", reason: "must be at most 100 characters on one line.")
        }
        guard consent else {
            throw CoreError.invalidField(
                name: "consent", reason: "must be true: we only write to people who agree to it.")
        }
        return WaitlistSignup(
            email: address, name: trimmedName, company: trimmedCompany?.isEmpty == false ? trimmedCompany : nil)
    }
}

/// A validated sign-up.
struct WaitlistSignup: Sendable {
    var email: EmailAddress
    var name: String
    var company: String?
}
