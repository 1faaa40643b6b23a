import Fluent
import Foundation
import ParleyCore

/// A customer of Parley: the tenant that owns every other piece of business data.
final class Workspace: Model, @unchecked Sendable {
    static let schema = "workspaces"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Field(key: "plan_id") var planID: String
    @Field(key: "require_two_factor") var requireTwoFactor: Bool
    @Field(key: "is_demo") var isDemo: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// Set when an Owner deletes the workspace: it is unreachable from then on, and purged after the grace period.
    @OptionalField(key: "deleted_at") var deletedAt: Date?

    init() {}

    init(id: UUID, name: String, slug: String, planID: String, isDemo: Bool = false, now: Date) {
        self.id = id
        self.name = name
        self.slug = slug
        self.planID = planID
        requireTwoFactor = false
        self.isDemo = isDemo
        createdAt = now
        updatedAt = now
    }
}

extension TenantDatabase {
    /// The context's own workspace row (the table is keyed by the tenant id itself, so it needs no filter).
    func workspace() async throws -> Workspace {
        guard let workspace = try await findWorkspaceRecord(Workspace.self), workspace.deletedAt == nil else {
            throw TenancyError.noWorkspace
        }
        return workspace
    }
}
