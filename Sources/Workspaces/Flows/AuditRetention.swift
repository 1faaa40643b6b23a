import Fluent
import Foundation
import ParleyCore
import SQLKit

/// Removes audit events older than the retention period: a daily job, the only path past the append-only triggers.
enum AuditRetention {
    static let jobKind = "audit.retention"

    /// Moves the cutoff to `retentionDays` ago and deletes what is older, workspace by workspace (inside each
    /// context) and then the events of no workspace. Returns how many events went.
    @discardableResult
    static func run(retentionDays: Int, _ env: WorkspacesEnvironment) async throws -> Int {
        let cutoff = env.now.addingTimeInterval(-TimeInterval(retentionDays) * 86_400)
        let sql = try env.db.sqlDatabase
        try await sql.raw("UPDATE audit_retention SET cutoff = \(bind: cutoff) WHERE id = 1 AND cutoff < \(bind: cutoff)").run()
        var removed = 0
        for row in try await NarrowLookups.workspacesWithAuditBefore.run(on: env.db, [cutoff]) {
            let context = TenantContext.system(in: try row.decode(column: "id", as: UUID.self), plan: PlanCatalog.free)
            removed += try await context.run(on: env.db) { tenant in
                try await deleteOlder(than: cutoff, of: tenant.workspaceID, on: tenant.db)
            }
        }
        removed += try await env.db.transaction { tx in try await deleteOlder(than: cutoff, of: nil, on: tx) }
        if removed > 0 {
            try await AuditLog.record(AuditEntry(action: "audit.retention.removed", actor: .system,
                                                 metadata: ["count": String(removed), "before": ISO8601DateFormatter().string(from: cutoff)]),
                                      on: env.db, logger: env.logger, now: env.now)
        }
        return removed
    }

    /// Deletes the events older than `cutoff` of one workspace (inside its context) or of none (`nil`). The
    /// filter is written out, not left to the policies: SQLite has none, and the statement must mean the same there.
    private static func deleteOlder(than cutoff: Date, of workspaceID: UUID?, on db: any Database) async throws -> Int {
        let owner: SQLQueryString = workspaceID.map { "workspace_id = \(bind: $0)" } ?? "workspace_id IS NULL"
        return try await db.sqlDatabase.raw("DELETE FROM audit_events WHERE occurred_at < \(bind: cutoff) AND \(owner) RETURNING id").all().count
    }
}
