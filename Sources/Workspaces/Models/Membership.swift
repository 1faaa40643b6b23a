import Fluent
import Foundation
import ParleyCore

/// A user's place in a workspace, with their role.
final class Membership: TenantModel, @unchecked Sendable {
    static let schema = "memberships"
    static var workspaceIDField: KeyPath<Membership, FieldProperty<Membership, UUID>> { \.$workspaceID }

    @ID(key: .id) var id: UUID?
    @Field(key: "workspace_id") var workspaceID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "role") var role: Role
    @Field(key: "created_at") var createdAt: Date
    /// When the user last switched to this workspace: with no explicit choice, the latest one is used.
    @OptionalField(key: "selected_at") var selectedAt: Date?

    init() {}

    init(userID: UUID, role: Role, now: Date) {
        id = UUID()
        self.userID = userID
        self.role = role
        createdAt = now
        selectedAt = now
    }
}
