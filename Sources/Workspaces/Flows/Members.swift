import Fluent
import Foundation
import ParleyCore
import SQLKit
import Vapor

/// A member as the API lists them.
struct MemberInfo: Content, Equatable {
    var userID: UUID
    var email: String
    var displayName: String
    var role: Role
    var joinedAt: Date

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", email, displayName = "display_name", role, joinedAt = "joined_at"
    }
}

/// Listing members, changing roles, removing and leaving. Only an Owner may make or unmake an Owner, and a
/// workspace always keeps at least one.
enum Members {
    static func list(_ tenant: TenantDatabase) async throws -> [MemberInfo] {
        let rows = try await tenant.raw(
            """
            SELECT m.user_id, u.email, u.display_name, m.role, m.created_at FROM memberships m
            JOIN users u ON u.id = m.user_id
            WHERE \(scope: "m")
            ORDER BY m.created_at, u.email
            """
        ).all()
        return try rows.compactMap { row in
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
            return MemberInfo(
                userID: try row.decode(column: "user_id", as: UUID.self),
                email: try row.decode(column: "email", as: String.self),
                displayName: try row.decode(column: "display_name", as: String.self), role: role,
                joinedAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    static func changeRole(of userID: UUID, to role: Role, _ tenant: TenantDatabase, _ env: WorkspacesEnvironment)
        async throws -> MemberInfo
    {
        try await tenant.lockWorkspace()
        let membership = try await member(userID, tenant)
        if membership.role == .owner || role == .owner { try tenant.context.authorize(.manageOwners) }
        if membership.role == .owner, role != .owner { try await requireAnotherOwner(than: userID, tenant) }
        let previous = membership.role
        guard previous != role else { return try await info(userID, tenant) }
        membership.role = role
        try await tenant.update(membership)
        try await env.record(
            "member.role_changed", by: tenant.context.auditActor, in: tenant, target: ("user", userID.uuidString),
            metadata: ["from": previous.rawValue, "to": role.rawValue])
        return try await info(userID, tenant)
    }

    static func remove(_ userID: UUID, _ tenant: TenantDatabase, _ env: WorkspacesEnvironment) async throws {
        try await tenant.lockWorkspace()
        let membership = try await member(userID, tenant)
        if membership.role == .owner {
            try tenant.context.authorize(.manageOwners)
            try await requireAnotherOwner(than: userID, tenant)
        }
        try await tenant.delete(membership)
        try await env.record(
            "member.removed", by: tenant.context.auditActor, in: tenant, target: ("user", userID.uuidString),
            metadata: ["role": membership.role.rawValue])
    }

    /// The signed-in member leaves; the last Owner cannot.
    static func leave(_ tenant: TenantDatabase, _ env: WorkspacesEnvironment) async throws {
        guard let userID = tenant.context.userID else { throw TenancyError.scopeMissing(.leaveWorkspace) }
        try await tenant.lockWorkspace()
        let membership = try await member(userID, tenant)
        if membership.role == .owner { try await requireAnotherOwner(than: userID, tenant) }
        try await tenant.delete(membership)
        try await env.record(
            "member.left", by: tenant.context.auditActor, in: tenant, target: ("user", userID.uuidString))
    }

    static func seatsUsed(_ tenant: TenantDatabase, now: Date) async throws -> Int {
        let members = try await tenant.query(Membership.self).count()
        let pending = try await tenant.query(Invitation.self).filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > now).count()
        return members + pending
    }

    private static func member(_ userID: UUID, _ tenant: TenantDatabase) async throws -> Membership {
        guard let membership = try await tenant.query(Membership.self).filter(\.$userID == userID).first() else {
            throw TenancyError.notFound("member")
        }
        return membership
    }

    private static func info(_ userID: UUID, _ tenant: TenantDatabase) async throws -> MemberInfo {
        guard let info = try await list(tenant).first(where: { $0.userID == userID }) else {
            throw TenancyError.notFound("member")
        }
        return info
    }

    private static func requireAnotherOwner(than userID: UUID, _ tenant: TenantDatabase) async throws {
        let others = try await tenant.query(Membership.self).filter(\.$role == .owner).filter(\.$userID != userID)
            .count()
        guard others > 0 else { throw WorkspacesError.lastOwner }
    }
}
