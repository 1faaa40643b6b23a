import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import SQLKit
import Testing
import Vapor
@testable import App
@testable import Workspaces

/// PostgreSQL's own guarantee, independent of the application's filters: as the runtime role, a raw query with
/// no WHERE clause sees only the bound workspace's rows, and nothing at all outside a workspace.
@Suite struct RowLevelSecurityTests {
    static var lanes: [DatabaseLane] { DatabaseLane.enabled.filter { $0 == .postgres } }

    @Test(arguments: lanes)
    func aRawSelectInBsContextReturnsNoneOfAsRows(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let ownerA = try await person(app, "owner-a@example.com")
            let ownerB = try await person(app, "owner-b@example.com")
            let workspaceA = try await currentWorkspaceID(app, ownerA)
            let workspaceB = try await currentWorkspaceID(app, ownerB)
            try await fillEveryTenantTable(app, owner: ownerA, workspace: workspaceA)

            let sql = try app.db.sqlDatabase
            let runtime = try #require(
                try await sql.raw("SELECT current_user::text AS name").first()?.decode(column: "name", as: String.self))
            #expect(runtime == TestPostgres.runtimeRole, "the tests run as the runtime role")
            let contextB = TenantContext.system(in: workspaceB, plan: PlanCatalog.free)
            let contextA = TenantContext.system(in: workspaceA, plan: PlanCatalog.free)
            for (table, column) in app.tenantTables.map({ ($0.name, $0.column) }) {
                let inB = try await contextB.run(on: app.db) { tenant in
                    try await tenant.sql.raw("SELECT \(ident: column) AS owner FROM \(ident: table)").all()
                        .map { try $0.decode(column: "owner", as: UUID?.self) }
                }
                #expect(!inB.contains(workspaceA), "\(table): B's context saw A's rows")
                let inA = try await contextA.run(on: app.db) { tenant in
                    try await tenant.sql.raw(
                        "SELECT count(*) AS n FROM \(ident: table) WHERE \(ident: column) = \(bind: workspaceA)"
                    ).first()!
                    .decode(column: "n", as: Int.self)
                }
                #expect(inA > 0, "\(table): A's own context sees its rows (so the check above is not vacuous)")
                let outside = try await sql.raw(
                    "SELECT count(*) AS n FROM \(ident: table) WHERE \(ident: column) IS NOT NULL"
                ).first()!
                .decode(column: "n", as: Int.self)
                #expect(outside == 0, "\(table): outside any workspace, no workspace rows are visible")
            }
            // Writing into another workspace from B's context is refused by the policy's WITH CHECK.
            await #expect(throws: (any Error).self) {
                try await contextB.run(on: app.db) { tenant in
                    try await tenant.sql.raw(
                        """
                        INSERT INTO invitations (id, workspace_id, email, role, token_hash, created_at, expires_at)
                        VALUES (\(bind: UUID()), \(bind: workspaceA), 'mole@example.com', 'owner', 'x', now(), now())
                        """
                    ).run()
                }
            }
            // And the runtime role cannot lift the policies.
            await #expect(throws: (any Error).self) {
                try await sql.raw("ALTER TABLE memberships DISABLE ROW LEVEL SECURITY").run()
            }
        }
    }

    @Test(arguments: lanes)
    func checkConfigPassesForTheRuntimeRoleAndFailsForAnOwnerOrSuperuser(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let detail = try await RowLevelSecurityCheck.run(app)
            #expect(detail.contains("held to the policies"))
            let admin = try TestPostgres.administrator(app)
            let problems = try await RowLevelSecurityCheck.problems(on: admin, tables: app.tenantTables)
            #expect(problems.contains { $0.contains("superuser") })
        }
    }
}
