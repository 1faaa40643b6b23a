import Fluent
import ParleyCore
import SQLKit
import Vapor
import Workspaces

/// The `check-config` check that the PostgreSQL runtime role cannot step around row-level security: it is not a
/// superuser, has no BYPASSRLS, owns no table (directly or through a role it belongs to), and every tenant table
/// has its policies enabled and forced.
enum RowLevelSecurityCheck {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ app: Application) async throws -> String {
        guard case .postgres = app.settings.database, let sql = app.db as? any SQLDatabase else {
            return "not used: SQLite has one tenant per file and no roles"
        }
        let problems = try await problems(on: sql, tables: app.tenantTables)
        guard problems.isEmpty else { throw Failure(description: problems.joined(separator: "; ")) }
        return "runtime role is held to the policies of \(app.tenantTables.count) tenant tables"
    }

    /// Everything that would let the role connected through `sql` read or write across workspaces.
    static func problems(on sql: any SQLDatabase, tables: [TenantTable]) async throws -> [String] {
        guard
            let role = try await sql.raw(
                """
                SELECT current_user::text AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user
                """
            ).first()
        else { return ["cannot read the runtime role"] }
        let name = try role.decode(column: "name", as: String.self)
        var problems: [String] = []
        if try role.decode(column: "rolsuper", as: Bool.self) {
            problems.append("the runtime role \(name) is a superuser")
        }
        if try role.decode(column: "rolbypassrls", as: Bool.self) {
            problems.append("the runtime role \(name) has BYPASSRLS")
        }
        let owned = try await sql.raw(
            """
            SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')
            ORDER BY 1
            """
        ).all().map { try $0.decode(column: "name", as: String.self) }
        if !owned.isEmpty {
            problems.append(
                "the runtime role \(name) owns (or can act as the owner of) \(owned.count) table(s), e.g. \(owned[0]); run migrations as another role with PARLEY_DATABASE_MIGRATION_URL"
            )
        }
        for table in tables.map(\.name) {
            let row = try await sql.raw(
                """
                SELECT relrowsecurity, relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relname = \(bind: table)
                """
            ).first()
            guard let row else { continue }  // not migrated yet
            let enabled = try row.decode(column: "relrowsecurity", as: Bool.self)
            let forced = try row.decode(column: "relforcerowsecurity", as: Bool.self)
            if !enabled || !forced {
                problems.append("row-level security is not enabled and forced on \(table)")
            }
        }
        return problems
    }
}
