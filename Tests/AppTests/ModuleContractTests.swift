@testable import App
import Accounts
import Foundation
import ParleyCore
import ParleyTestSupport
import SQLKit
import Testing
import Vapor
@testable import Workspaces

/// Holds every module's declarations (`ParleyModule.tenantTables`, its exporters, its part of a purge) to what the
/// migrated database and the running application really do, so a module that forgets one fails here.
@Suite struct ModuleContractTests {
    @Test(arguments: DatabaseLane.enabled)
    func everyTableWithWorkspaceDataIsDeclaredOnceByItsModule(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let declared = app.tenantTables.map(\.name)
            #expect(Set(declared).count == declared.count, "a table is declared twice: \(declared)")
            let sql = try app.db.sqlDatabase
            var holding = Set(try await tablesWithColumn("workspace_id", lane, sql))
            holding.insert("workspaces")
            holding.subtract(app.modules.flatMap { $0.untenantedTables }.map(\.name))
            #expect(
                Set(declared) == holding,
                "undeclared: \(holding.subtracting(declared).sorted()); not in the database: \(Set(declared).subtracting(holding).sorted())"
            )
        }
    }

    @Test func theExportWritesEveryTableThatIsNotExcludedAndNothingUndeclared() async throws {
        try await withTestApp { app async throws in
            var declaredFiles: [String] = []
            for table in app.tenantTables {
                switch table.export {
                case .file(let name): declaredFiles.append(name)
                case .excluded(let reason): #expect(!reason.isEmpty, "\(table.name) is excluded without a reason")
                }
            }
            let written = app.workspaceExporters.map(\.fileName)
            #expect(Set(written).count == written.count, "two exporters write one file: \(written)")
            #expect(
                Set(declaredFiles) == Set(written), "declared \(declaredFiles.sorted()), written \(written.sorted())")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aTableDeclaredToCascadeReferencesItsWorkspaceWithOnDeleteCascade(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let sql = try app.db.sqlDatabase
            for table in app.tenantTables where table.purge == .cascades {
                #expect(
                    try await cascadesFromWorkspaces(table, lane, sql),
                    "\(table.name).\(table.column) does not cascade from workspaces")
            }
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aPurgedWorkspaceLeavesRowsOnlyWhereTheyAreDeclaredKept(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let workspace = try await currentWorkspaceID(app, owner)
            try await fillEveryTenantTable(app, owner: owner, workspace: workspace)
            for table in app.tenantTables {
                #expect(
                    try await tenantRowCount(app, table, workspace: workspace) > 0,
                    "\(table.name) has no row to purge: fill it in fillEveryTenantTable")
            }

            try await WorkspacePurge.purge(workspace, try WorkspacesEnvironment(app, db: app.db, logger: app.logger))

            for table in app.tenantTables {
                let left = try await tenantRowCount(app, table, workspace: workspace)
                if case .kept = table.purge {
                    #expect(left > 0, "\(table.name) is declared kept but the purge removed it")
                } else {
                    #expect(left == 0, "\(table.name) still holds \(left) row(s) of the purged workspace")
                }
            }
        }
    }

    @Test func aModuleListedBeforeItsDependencyIsRefused() {
        #expect(ModuleOrderError(modules) == nil)
        let misordered = ModuleOrderError([CoreModule.self, WorkspacesModule.self, AccountsModule.self])
        #expect(
            misordered?.description == "WorkspacesModule depends on AccountsModule, which must be registered before it")
    }

    private func tablesWithColumn(_ column: String, _ lane: DatabaseLane, _ sql: any SQLDatabase) async throws
        -> [String]
    {
        let query: SQLQueryString =
            switch lane {
            case .sqlite:
                "SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = \(bind: column)"
            case .postgres:
                """
                SELECT c.table_name::text AS name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = \(bind: column)
                """
            }
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    private func cascadesFromWorkspaces(_ table: TenantTable, _ lane: DatabaseLane, _ sql: any SQLDatabase) async throws
        -> Bool
    {
        let query: SQLQueryString =
            switch lane {
            case .sqlite:
                """
                SELECT count(*) AS n FROM pragma_foreign_key_list(\(bind: table.name))
                WHERE "table" = 'workspaces' AND "from" = \(bind: table.column) AND on_delete = 'CASCADE'
                """
            case .postgres:
                """
                SELECT count(*) AS n FROM pg_constraint k
                JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
                JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
                WHERE k.contype = 'f' AND k.confdeltype = 'c' AND t.relname = \(bind: table.name) AND r.relname = 'workspaces'
                  AND a.attname = \(bind: table.column)
                """
            }
        return try await sql.raw(query).first()!.decode(column: "n", as: Int.self) > 0
    }
}
