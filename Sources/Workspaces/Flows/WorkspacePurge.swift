import Fluent
import Foundation
import ParleyCore
import Vapor

/// Removes deleted workspaces for good once their grace period is over: a daily job.
enum WorkspacePurge {
    static let jobKind = "workspaces.purge"

    /// Purges every workspace deleted more than `graceDays` ago; returns how many.
    @discardableResult
    static func run(graceDays: Int, _ env: WorkspacesEnvironment) async throws -> Int {
        let cutoff = env.now.addingTimeInterval(-TimeInterval(graceDays) * 86_400)
        let due = try await NarrowLookups.workspacesDue.run(on: env.db, [cutoff]).map {
            try $0.decode(column: "id", as: UUID.self)
        }
        for id in due { try await purge(id, env) }
        return due.count
    }

    /// Deletes the workspace's rows table by table, inside its own context, then the workspace. Its audit events
    /// stay (history is append-only); the purge itself is recorded outside any workspace.
    static func purge(_ id: UUID, _ env: WorkspacesEnvironment) async throws {
        let context = TenantContext.system(in: id, plan: .unchecked)
        let handlers = env.purgeHandlers
        let afterCommit = try await context.run(on: env.db) { tenant in
            var afterCommit: [@Sendable () async -> Void] = []
            for handler in handlers { afterCommit.append(try await handler(tenant)) }
            try await tenant.query(APIKey.self).delete()
            try await tenant.query(Invitation.self).delete()
            try await tenant.query(Membership.self).delete()
            try await tenant.deleteWorkspaceRecord(Workspace.self)
            return afterCommit
        }
        for work in afterCommit { await work() }
        try await AuditLog.record(
            AuditEntry(action: "workspace.purged", actor: .system, target: ("workspace", id.uuidString)),
            on: env.db, logger: env.logger, now: env.now)
    }
}

/// A module's part of purging a workspace: it removes its rows inside the purge's transaction and returns work
/// to do once that commits (deleting stored objects), so a failed purge never loses data still referenced.
package typealias WorkspacePurgeHandler = @Sendable (TenantDatabase) async throws -> @Sendable () async -> Void

extension Application {
    private struct PurgeHandlersKey: StorageKey { typealias Value = [WorkspacePurgeHandler] }

    package var workspacePurgeHandlers: [WorkspacePurgeHandler] {
        get { storage[PurgeHandlersKey.self] ?? [] }
        set { storage[PurgeHandlersKey.self] = newValue }
    }
}
