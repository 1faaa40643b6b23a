import Foundation
import Vapor

/// Who is acting in which workspace, with what rights: resolved once per request (by the Workspaces module's
/// `ResolveTenant` middleware, or by a public entry point's narrow lookup) and required by every tenant query.
package struct TenantContext: Sendable {
    package enum Actor: Sendable, Equatable {
        /// A signed-in member, with their role.
        case user(id: UUID, role: Role)
        /// A workspace API key, with its scopes.
        case apiKey(id: UUID, scopes: Set<APIKeyScope>)
        /// Parley itself: jobs, commands, and public entry points after their narrow lookup.
        case system
    }

    package let workspaceID: UUID
    package let actor: Actor
    package let plan: Plan

    private init(workspaceID: UUID, actor: Actor, plan: Plan) {
        self.workspaceID = workspaceID
        self.actor = actor
        self.plan = plan
    }

    /// A signed-in member acting in a workspace they belong to, with their membership's role (the request
    /// middleware, or a flow that has just read the membership).
    package static func member(_ userID: UUID, role: Role, in workspaceID: UUID, plan: Plan) -> TenantContext {
        TenantContext(workspaceID: workspaceID, actor: .user(id: userID, role: role), plan: plan)
    }

    /// A workspace API key that has been checked (hash, expiry, revocation), with its scopes.
    package static func apiKey(_ keyID: UUID, scopes: Set<APIKeyScope>, in workspaceID: UUID, plan: Plan)
        -> TenantContext
    {
        TenantContext(workspaceID: workspaceID, actor: .apiKey(id: keyID, scopes: scopes), plan: plan)
    }

    /// Parley itself in one workspace: a job, a command, or a public entry point (a site key, a proposal link, a
    /// signed download) after its narrow lookup has found the workspace. `plan` is `.unchecked` where nothing
    /// done inside asks the plan.
    package static func system(in workspaceID: UUID, plan: Plan) -> TenantContext {
        TenantContext(workspaceID: workspaceID, actor: .system, plan: plan)
    }

    /// The member's role; nil for API keys and the system.
    package var role: Role? {
        if case .user(_, let role) = actor { return role }
        return nil
    }

    package var userID: UUID? {
        if case .user(let id, _) = actor { return id }
        return nil
    }

    /// Refuses the action unless the role table (or the key's scopes) allow it: 403 naming what is missing.
    package func authorize(_ permission: Permission) throws {
        switch actor {
        case .user(_, let role):
            guard permission.allows(role) else { throw TenancyError.forbidden(permission, role) }
        case .apiKey(_, let scopes):
            guard let needed = permission.apiKeyScope, scopes.contains(where: { $0.covers(needed) }) else {
                throw TenancyError.scopeMissing(permission)
            }
        case .system:
            return
        }
    }

    /// How the audit log names the actor.
    package var auditActor: AuditActor {
        switch actor {
        case .user(let id, _): AuditActor(kind: "user", id: id.uuidString)
        case .apiKey(let id, _): AuditActor(kind: "api_key", id: id.uuidString)
        case .system: .system
        }
    }
}

extension Request {
    private struct TenantKey: StorageKey { typealias Value = TenantContext }

    /// Set by the tenant-resolving middleware; nil on routes outside it.
    package var tenantContext: TenantContext? {
        get { storage[TenantKey.self] }
        set { storage[TenantKey.self] = newValue }
    }

    /// The request's tenant context, checked for `permission`. A route that forgot the middleware fails loudly.
    package func tenant(_ permission: Permission) throws -> TenantContext {
        guard let context = tenantContext else {
            throw Abort(.internalServerError, reason: "tenant route without ResolveTenant")
        }
        try context.authorize(permission)
        return context
    }
}
