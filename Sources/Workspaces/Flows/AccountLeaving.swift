import Fluent
import Foundation
import ParleyCore

/// What happens to a person's workspaces when they delete their account: they leave each one. A workspace they
/// are the only member of is deleted with them; one where they are the last Owner of other people refuses the
/// deletion until they hand ownership on.
enum AccountLeaving {
    static func leaveAll(_ userID: UUID, _ env: WorkspacesEnvironment) async throws {
        for membership in try await WorkspaceDirectory.memberships(of: userID, on: env.db) {
            let context = TenantContext.member(
                userID, role: membership.role, in: membership.workspaceID, plan: membership.plan)
            try await context.run(on: env.db) { tenant in
                try await tenant.lockWorkspace()
                let others = try await tenant.query(Membership.self).filter(\.$userID != userID).all()
                if others.isEmpty {
                    try await WorkspaceLifecycle.delete(tenant, env)
                } else if membership.role == .owner, !others.contains(where: { $0.role == .owner }) {
                    throw WorkspacesError.lastOwnerOf(membership.name)
                }
                try await tenant.query(Membership.self).filter(\.$userID == userID).delete()
                try await env.record(
                    "member.left", by: context.auditActor, in: tenant, target: ("user", userID.uuidString),
                    metadata: ["reason": "account_deleted"])
            }
        }
    }
}
