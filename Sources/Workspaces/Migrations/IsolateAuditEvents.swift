import Fluent
import ParleyCore
import SQLKit

/// 0013: row-level security on the audit log. A workspace's events are visible only in its context; events of
/// no workspace (sign-ins, system work) stay readable outside one.
struct IsolateAuditEvents: AsyncMigration {
    var name: String { "0013_isolate_audit_events" }

    func prepare(on db: any Database) async throws {
        try await db.isolateTenantTable("audit_events", unscopedRows: true)
    }

    func revert(on db: any Database) async throws {
        let sql = try db.sqlDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP POLICY tenant_isolation ON audit_events").run()
        try await sql.raw("ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY").run()
        try await sql.raw("ALTER TABLE audit_events DISABLE ROW LEVEL SECURITY").run()
    }
}
