import Fluent
import Foundation
import ParleyCore

/// Removes deleted workspaces for good once their grace period is over: a daily job.
enum WorkspacePurge {
    static let jobKind = "workspaces.purge"

    /// Purges every workspace deleted more than `graceDays` ago; returns how many.
    @discardableResult
    static func run(graceDays: Int, _ env: WorkspacesEnvironment) async throws -> Int {
        let cutoff = env.now.addingTimeInterval(-TimeInterval(graceDays) * 86_400)
        let due = try await NarrowLookups.workspacesDue.run(on: env.db, [cutoff]).map { try $0.decode(column: "id", as: UUID.self) }
        for id in due { try await purge(id, env) }
        return due.count
    }

    /// Deletes the workspace's rows table by table, inside its own context, then the workspace. Its audit events
    /// stay (history is append-only); the purge itself is recorded outside any workspace.
    static func purge(_ id: UUID, _ env: WorkspacesEnvironment) async throws {
        let context = TenantContext(workspaceID: id, actor: .system, plan: PlanCatalog.free)
        try await context.run(on: env.db) { tenant in
            try await tenant.query(APIKey.self).delete()
            try await tenant.query(Invitation.self).delete()
            try await tenant.query(Membership.self).delete()
            try await Workspace.query(on: tenant.db).filter(\.$id == id).delete()
        }
        try await AuditLog.record(AuditEntry(action: "workspace.purged", actor: .system, target: ("workspace", id.uuidString)),
                                  on: env.db, logger: env.logger, now: env.now)
    }
}
