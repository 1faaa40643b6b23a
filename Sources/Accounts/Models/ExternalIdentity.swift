import Fluent
import Foundation

/// A user's account at an external provider, keyed by provider and subject, never by email.
final class ExternalIdentity: Model, @unchecked Sendable {
    static let schema = "external_identities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "provider") var provider: String
    @Field(key: "subject") var subject: String
    /// The address the provider gave at the last sign-in, for display only.
    @OptionalField(key: "email") var email: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_used_at") var lastUsedAt: Date

    init() {}
}

/// One round trip to a provider: the one-time `state`, the `nonce`, the PKCE verifier and the browser it is bound
/// to. After the callback, when the provider's verified address belongs to an existing account, the same row
/// carries the identity waiting to be linked once the user signs in to that account.
final class ExternalLoginAttempt: Model, @unchecked Sendable {
    static let schema = "external_login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "provider") var provider: String
    @Field(key: "state_hash") var stateHash: String
    /// SHA-256 of the random value in the browser's binding cookie.
    @Field(key: "browser_hash") var browserHash: String
    @Field(key: "nonce") var nonce: String
    @Field(key: "code_verifier_sealed") var codeVerifierSealed: String
    @Field(key: "return_to") var returnTo: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @OptionalField(key: "link_user_id") var linkUserID: UUID?
    @OptionalField(key: "link_subject") var linkSubject: String?
    @OptionalField(key: "link_email") var linkEmail: String?
    @OptionalField(key: "link_token_hash") var linkTokenHash: String?

    init() {}
}
