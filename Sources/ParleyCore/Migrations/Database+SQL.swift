import Fluent
import SQLKit

extension Database {
    /// The SQL interface both supported drivers provide; migrations use it for indexes and triggers.
    var sqlForMigration: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw MigrationError.notSQL }
            return sql
        }
    }
}

package enum MigrationError: Error { case notSQL }

extension Database {
    /// `CREATE INDEX name ON table (columns…)` on either driver.
    package func createIndex(_ name: String, on table: String, columns: String...) async throws {
        var builder = try sqlForMigration.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
