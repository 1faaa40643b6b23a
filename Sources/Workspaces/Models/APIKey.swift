import Fluent
import Foundation
import ParleyCore

/// A workspace API key. The secret is shown once; the row keeps its SHA-256 hash and a short display prefix.
final class APIKey: TenantModel, @unchecked Sendable {
    static let schema = "api_keys"
    static var workspaceIDField: KeyPath<APIKey, FieldProperty<APIKey, UUID>> { \.$workspaceID }

    @ID(key: .id) var id: UUID?
    @Field(key: "workspace_id") var workspaceID: UUID
    @Field(key: "name") var name: String
    @Field(key: "display_prefix") var displayPrefix: String
    @Field(key: "secret_hash") var secretHash: String
    /// Scopes as `area:access` words separated by spaces.
    @Field(key: "scopes") var scopes: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "last_used_ip") var lastUsedIP: String?

    init() {}

    var scopeSet: Set<APIKeyScope> { APIKeyFormat.scopes(from: scopes) }
}
