import Fluent
import Foundation
import SQLKit
import Vapor

extension DatabaseID {
    /// The PostgreSQL connection of the migration role (`PARLEY_DATABASE_MIGRATION_URL`), which owns the tables.
    package static let migrationOwner = DatabaseID(string: "psql-migration-owner")
}

extension Application {
    /// Applies pending migrations, as the migration role when one is configured, then lets the runtime role use
    /// what they created. Every command that migrates goes through here.
    package func migrateDatabase() async throws {
        try await autoMigrate()
        try await grantRuntimeAccess()
    }

    /// With a separate migration role on PostgreSQL: the runtime role may read and write every table's rows and
    /// call the narrow lookups, and nothing more (it owns nothing, so it cannot change a table or its policies).
    package func grantRuntimeAccess() async throws {
        guard case .postgres(let postgres) = settings.database, postgres.migrationURL != nil,
            let runtime = postgres.runtimeRole, let owner = db(.migrationOwner) as? any SQLDatabase
        else { return }
        let role = SQLIdentifier(runtime)
        try await owner.raw("GRANT USAGE ON SCHEMA public TO \(role)").run()
        try await owner.raw("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)").run()
        try await owner.raw("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO \(role)").run()
        try await owner.raw("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO \(role)").run()
    }
}

extension Settings.PostgresSettings {
    /// The user name in the runtime URL.
    package var runtimeRole: String? {
        URLComponents(string: url)?.percentEncodedUser?.removingPercentEncoding
    }
}
