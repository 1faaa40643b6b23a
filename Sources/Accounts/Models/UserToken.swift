import Fluent
import Foundation

/// A single-use secret sent to a person or held by a browser: email verification, password reset, email change,
/// the first-owner setup link, and the pending second-factor step of a sign-in. Only its SHA-256 is stored.
final class UserToken: Model, @unchecked Sendable {
    static let schema = "user_tokens"

    enum Purpose: String, Codable, Sendable {
        case verifyEmail = "verify_email"
        case resetPassword = "reset_password"
        case changeEmail = "change_email"
        case setup
        case secondFactor = "second_factor"
    }

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "user_id") var user: User?
    @Field(key: "purpose") var purpose: Purpose
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// For an email change: the address that takes effect once this link is opened.
    @OptionalField(key: "new_email") var newEmail: String?
    /// For email verification: the password chosen at the sign-up that sent this link. Opening the link makes it
    /// the account's password, so whoever registered an address before its owner cannot keep a password on it.
    @OptionalField(key: "password_hash") var passwordHash: String?
    /// For a second-factor challenge: how the first step signed in (`password` or an external provider's id).
    @OptionalField(key: "first_factor") var firstFactor: String?
    /// Answers given against this token (second-factor step, verification password).
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: UUID?, purpose: Purpose, tokenHash: String, expiresAt: Date, now: Date) {
        id = UUID()
        $user.id = userID
        self.purpose = purpose
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        attempts = 0
        createdAt = now
    }
}
