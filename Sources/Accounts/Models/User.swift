import Fluent
import Foundation

/// A person who signs in to Parley. The email is stored lowercased and is unique. A user who signed up with an
/// external provider only has no password hash.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    @OptionalField(key: "email_verified_at") var emailVerifiedAt: Date?
    /// The instance owner, created through the one-time setup link or `parley users create-admin`.
    @Field(key: "is_owner") var isOwner: Bool
    /// TOTP seed sealed with the master key, once 2FA is confirmed.
    @OptionalField(key: "totp_secret_sealed") var totpSecretSealed: String?
    /// A seed shown at enrollment and not confirmed yet.
    @OptionalField(key: "totp_pending_sealed") var totpPendingSealed: String?
    @OptionalField(key: "totp_enabled_at") var totpEnabledAt: Date?
    /// The last TOTP time step accepted: a code of that step or an earlier one is a replay.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Access tokens issued at or before this second are refused (sign-out everywhere, password change, deletion).
    @OptionalField(key: "tokens_revoked_at") var tokensRevokedAt: Date?
    /// Set when the person deletes the account: from then on it cannot sign in, and it is purged later.
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: UUID = UUID(), email: String, displayName: String, passwordHash: String?, now: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.passwordHash = passwordHash
        isOwner = false
        failedSignIns = 0
        createdAt = now
        updatedAt = now
    }

    var hasTwoFactor: Bool { totpSecretSealed != nil }
}
