import Fluent
import Foundation
import ParleyCore
import SQLKit

/// One of a user's workspaces, as the narrow membership lookup returns it.
struct WorkspaceMembership: Sendable {
    var workspaceID: UUID
    var name: String
    var slug: String
    var role: Role
    var requireTwoFactor: Bool
    var userHasTwoFactor: Bool
    var plan: Plan
    var selectedAt: Date?
    var joinedAt: Date
}

/// The cross-workspace reads a signed-in user is entitled to: their own memberships.
enum WorkspaceDirectory {
    /// The user's live workspaces, most recently selected first.
    static func memberships(of userID: UUID, on db: any Database) async throws -> [WorkspaceMembership] {
        try await NarrowLookups.membershipsOfUser.run(on: db, [userID]).compactMap { row in
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
            return WorkspaceMembership(
                workspaceID: try row.decode(column: "workspace_id", as: UUID.self),
                name: try row.decode(column: "workspace_name", as: String.self),
                slug: try row.decode(column: "slug", as: String.self),
                role: role,
                requireTwoFactor: try row.decode(column: "require_two_factor", as: Bool.self),
                userHasTwoFactor: try row.decode(column: "user_has_two_factor", as: Bool.self),
                plan: try decodePlan(row),
                selectedAt: try row.decode(column: "selected_at", as: Date?.self),
                joinedAt: try row.decode(column: "joined_at", as: Date.self))
        }
    }

    /// The plan columns (`plan_id`, `plan_name`, `plan_features`, `plan_limits`) of a lookup row.
    static func decodePlan(_ row: any SQLRow) throws -> Plan {
        PlanCoding.plan(
            id: try row.decode(column: "plan_id", as: String.self),
            name: try row.decode(column: "plan_name", as: String.self),
            features: try row.decode(column: "plan_features", as: String.self),
            limits: try row.decode(column: "plan_limits", as: String.self))
    }
}
