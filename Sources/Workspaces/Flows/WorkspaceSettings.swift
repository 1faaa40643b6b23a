import Accounts
import Fluent
import Foundation
import ParleyCore

/// The workspace's own settings: name, URL slug, and the "require 2FA" policy.
enum WorkspaceSettings {
    struct Change: Sendable {
        var name: String?
        var slug: String?
        var requireTwoFactor: Bool?
    }

    /// Applies `change`. Only an Owner may change the 2FA policy, and turning it on needs the person doing it to
    /// have 2FA, so they cannot lock themselves out; a slug another workspace holds is refused.
    static func update(
        _ change: Change, actorHasTwoFactor: Bool, _ tenant: TenantDatabase, _ env: WorkspacesEnvironment
    ) async throws -> Workspace {
        let workspace = try await tenant.workspace()
        var changed: [String: String] = [:]
        if let name = change.name, name != workspace.name {
            workspace.name = name
            changed["name"] = name
        }
        if let slug = change.slug, slug != workspace.slug {
            guard try await tenant.lookup(NarrowLookups.workspaceBySlug, [slug]).isEmpty else {
                throw WorkspacesError.slugTaken
            }
            workspace.slug = slug
            changed["slug"] = slug
        }
        if let require = change.requireTwoFactor, require != workspace.requireTwoFactor {
            try tenant.context.authorize(.manageSecurityPolicy)
            if require, !actorHasTwoFactor { throw WorkspacesError.enrolTwoFactorFirst }
            workspace.requireTwoFactor = require
            changed["require_two_factor"] = String(require)
        }
        guard !changed.isEmpty else { return workspace }
        workspace.updatedAt = env.now
        do {
            try await tenant.updateWorkspaceRecord(workspace)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw WorkspacesError.slugTaken  // taken between the check and the write
        }
        try await env.record(
            "workspace.updated", by: tenant.context.auditActor, in: tenant,
            target: ("workspace", tenant.workspaceID.uuidString),
            metadata: changed)
        return workspace
    }

    /// Whether the person acting has two-factor authentication, which turning the policy on requires.
    static func actorHasTwoFactor(_ context: TenantContext, on db: any Database) async throws -> Bool {
        guard let userID = context.userID else { return false }
        return try await AccountDirectory.account(userID, on: db)?.hasTwoFactor ?? false
    }
}
