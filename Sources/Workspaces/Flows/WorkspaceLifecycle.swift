import Accounts
import Fluent
import Foundation
import ParleyCore

/// Creating, selecting, deleting and purging workspaces.
enum WorkspaceLifecycle {
    /// A new workspace with `ownerID` as its Owner, on the default plan; the workspace the owner acts in next.
    @discardableResult
    static func create(
        name: String, ownerID: UUID, isDemo: Bool = false, planID: String = PlanCatalog.defaultPlanID,
        _ env: WorkspacesEnvironment
    ) async throws -> TenantContext {
        let id = UUID()
        guard let plan = try await PlanRow.find(planID, on: env.db)?.plan else {
            throw WorkspacesError.unknownPlan(planID)
        }
        let context = TenantContext.member(ownerID, role: .owner, in: id, plan: plan)
        try await context.run(on: env.db) { tenant in
            try await tenant.createWorkspaceRecord(
                Workspace(
                    id: id, name: name, slug: Slug.make(from: name, random: env.random), planID: plan.id,
                    isDemo: isDemo, now: env.now))
            try await tenant.create(Membership(userID: ownerID, role: .owner, now: env.now))
            try await env.record(
                "workspace.created", by: context.auditActor, in: tenant, target: ("workspace", id.uuidString),
                metadata: isDemo ? ["demo": "true"] : [:])
        }
        return context
    }

    /// A workspace a signed-in person creates for themselves, within the per-person limit.
    static func createOwn(name: String, ownerID: UUID, limit: Int, _ env: WorkspacesEnvironment) async throws
        -> TenantContext
    {
        let owned = try await NarrowLookups.ownedWorkspacesOfUser.run(on: env.db, [ownerID]).count
        guard owned < limit else { throw WorkspacesError.workspaceLimit(limit) }
        return try await create(name: name, ownerID: ownerID, env)
    }

    /// The first workspace of a newly activated account, unless an invitation already gave it one.
    static func createFirst(for account: ActivatedAccount, _ env: WorkspacesEnvironment) async throws {
        guard try await WorkspaceDirectory.memberships(of: account.id, on: env.db).isEmpty else { return }
        let name = String(account.displayName.prefix(80)) + "’s workspace"
        try await create(name: name, ownerID: account.id, env)
    }

    /// Makes the workspace the one the member acts in when a request does not name one.
    /// The person's choice of the workspace they act in from now on; one they are not a member of is not found.
    static func select(_ workspaceID: UUID, userID: UUID, _ env: WorkspacesEnvironment) async throws {
        guard
            let membership = try await WorkspaceDirectory.memberships(of: userID, on: env.db).first(where: {
                $0.workspaceID == workspaceID
            })
        else {
            throw TenancyError.noWorkspace
        }
        let context = TenantContext.member(userID, role: membership.role, in: workspaceID, plan: membership.plan)
        try await context.run(on: env.db) { tenant in try await select(tenant, userID: userID, env) }
    }

    static func select(_ tenant: TenantDatabase, userID: UUID, _ env: WorkspacesEnvironment) async throws {
        guard let membership = try await tenant.query(Membership.self).filter(\.$userID == userID).first() else {
            throw TenancyError.noWorkspace
        }
        membership.selectedAt = env.now
        try await tenant.update(membership)
    }

    /// Deletion by an Owner: unreachable at once (every lookup skips deleted workspaces), purged after the grace period.
    static func delete(_ tenant: TenantDatabase, _ env: WorkspacesEnvironment) async throws {
        let workspace = try await tenant.workspace()
        workspace.deletedAt = env.now
        workspace.updatedAt = env.now
        try await tenant.updateWorkspaceRecord(workspace)
        try await env.record(
            "workspace.deleted", by: tenant.context.auditActor, in: tenant,
            target: ("workspace", tenant.workspaceID.uuidString))
    }
}
