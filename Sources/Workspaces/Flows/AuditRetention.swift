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
        try await sql.raw(
            "UPDATE audit_retention SET cutoff = \(bind: cutoff) WHERE id = 1 AND cutoff < \(bind: cutoff)"
        ).run()
        var removed = 0
        for row in try await NarrowLookups.workspacesWithAuditBefore.run(on: env.db, [cutoff]) {
            let context = TenantContext.system(in: try row.decode(column: "id", as: UUID.self), plan: .unchecked)
            removed += try await context.run(on: env.db) { tenant in
                try await AuditLog.deleteOlder(than: cutoff, in: tenant)
            }
        }
        removed += try await AuditLog.deleteOlderOutsideWorkspaces(than: cutoff, on: env.db)
        if removed > 0 {
            try await AuditLog.record(
                AuditEntry(
                    action: "audit.retention.removed", actor: .system,
                    metadata: ["count": String(removed), "before": ISO8601DateFormatter().string(from: cutoff)]),
                on: env.db, logger: env.logger, now: env.now)
        }
        return removed
    }
}
