import Fluent
import Foundation
import SQLKit

extension Database {
    /// The SQL interface both supported drivers provide: for indexes and triggers in migrations, and for the few
    /// statements Fluent cannot express (conditional updates with `RETURNING`).
    package var sqlDatabase: any SQLDatabase {
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
        var builder = try sqlDatabase.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}

extension Database {
    /// Sets `column` to `now` on row `id` if it is still NULL, atomically: true for the one caller that did it.
    /// Single-use secrets (links, recovery codes, login states) are spent this way, so a race spends them once.
    package func claimOnce(_ table: String, id: UUID, column: String, now: Date) async throws -> Bool {
        let claimed = try await sqlDatabase.update(table).set(SQLIdentifier(column), to: now)
            .where("id", .equal, id).where(SQLIdentifier(column), .is, SQLLiteral.null)
            .returning("id").all()
        return claimed.count == 1
    }
}
