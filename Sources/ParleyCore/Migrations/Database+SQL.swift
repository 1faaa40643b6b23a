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

enum MigrationError: Error { case notSQL }
