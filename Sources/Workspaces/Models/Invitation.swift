import Fluent
import Foundation
import ParleyCore

/// An emailed invitation to join a workspace: single use, valid 7 days, its token stored as a SHA-256 hash.
final class Invitation: TenantModel, @unchecked Sendable {
    static let schema = "invitations"
    static var workspaceIDField: KeyPath<Invitation, FieldProperty<Invitation, UUID>> { \.$workspaceID }

    @ID(key: .id) var id: UUID?
    @Field(key: "workspace_id") var workspaceID: UUID
    @Field(key: "email") var email: String
    @Field(key: "role") var role: Role
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "invited_by") var invitedBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(email: String, role: Role, tokenHash: String, invitedBy: UUID?, now: Date, lifetime: TimeInterval) {
        id = UUID()
        self.email = email
        self.role = role
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        createdAt = now
        expiresAt = now.addingTimeInterval(lifetime)
    }

    /// Neither accepted, revoked nor expired at `now`.
    func isPending(at now: Date) -> Bool { acceptedAt == nil && revokedAt == nil && expiresAt > now }
}
