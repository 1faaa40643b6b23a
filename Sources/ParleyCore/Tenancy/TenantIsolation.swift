import Fluent
import SQLKit

/// Row-level security for tenant tables, applied by the migration that creates each one.
extension Database {
    /// On PostgreSQL, enables and forces row-level security on `table`, with one policy: a row is visible and
    /// writable only while the transaction is bound to its workspace (`column`).
    ///
    /// The one exception is a `NarrowLookup` function: it runs as the migration role (the table owner) on behalf
    /// of the runtime role, so `current_user` differs from `session_user`, and it may read across workspaces. The
    /// owner's own sessions (migrations, psql) stay under the policy, as FORCE intends. With `unscopedRows`, rows
    /// whose column is NULL (belonging to no workspace) are visible and writable anywhere. No-op on SQLite.
    package func isolateTenantTable(_ table: String, column: String = "workspace_id", unscopedRows: Bool = false)
        async throws
    {
        let sql = try sqlDatabase
        guard sql.dialect.name == "postgresql" else { return }
        guard
            let owner = try await sql.raw("SELECT current_user::text AS name").first()?.decode(
                column: "name", as: String.self)
        else {
            throw MigrationError.notSQL
        }
        try await sql.raw("ALTER TABLE \(ident: table) ENABLE ROW LEVEL SECURITY").run()
        try await sql.raw("ALTER TABLE \(ident: table) FORCE ROW LEVEL SECURITY").run()
        let current = "NULLIF(current_setting('app.workspace_id', true), '')::uuid"
        let unscoped: SQLQueryString = unscopedRows ? "OR \(ident: column) IS NULL" : ""
        let rule: SQLQueryString = """
            \(ident: column) = \(unsafeRaw: current) \(unscoped)
            OR (current_user <> session_user AND current_user = \(literal: owner))
            """
        try await sql.raw("CREATE POLICY tenant_isolation ON \(ident: table) USING (\(rule)) WITH CHECK (\(rule))")
            .run()
    }
}
