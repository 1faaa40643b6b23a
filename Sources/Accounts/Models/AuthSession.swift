import Fluent
import Foundation

/// One signed-in device: a refresh-token family. Revoking it ends every token of the family.
final class AuthSession: Model, @unchecked Sendable {
    static let schema = "auth_sessions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_used_at") var lastUsedAt: Date
    @Field(key: "idle_expires_at") var idleExpiresAt: Date
    @Field(key: "absolute_expires_at") var absoluteExpiresAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_reason") var revokedReason: String?
    /// How the session began: `password`, `totp`, `recovery_code`, or an external provider's name.
    @Field(key: "method") var method: String
    @OptionalField(key: "user_agent") var userAgent: String?
    @OptionalField(key: "ip") var ip: String?

    init() {}

    func isActive(at now: Date) -> Bool {
        revokedAt == nil && idleExpiresAt > now && absoluteExpiresAt > now
    }
}

/// One refresh token of a session. A token is current until it is rotated; presenting a rotated one again is
/// reuse, which revokes the whole session.
final class RefreshToken: Model, @unchecked Sendable {
    static let schema = "refresh_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "session_id") var session: AuthSession
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "rotated_at") var rotatedAt: Date?

    init() {}
}
