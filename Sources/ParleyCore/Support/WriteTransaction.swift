import Fluent
import SQLKit

extension Database {
    /// A transaction that writes. On SQLite it takes the database's write lock before anything else: a
    /// transaction that read first and wrote later fails with "database is locked" when another connection
    /// wrote in between (SQLite cannot move its snapshot forward), while one that asks for the lock first simply
    /// waits its turn. On PostgreSQL it is a plain transaction.
    package func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        try await transaction { tx in
            try await tx.takeWriteLockOnSQLite()
            return try await body(tx)
        }
    }

    /// A write that changes nothing (its `WHERE` is false) still makes SQLite take the write lock for the rest of
    /// the transaction: `BEGIN IMMEDIATE`, inside Fluent's own `BEGIN`. The job table exists from the first
    /// migration on.
    func takeWriteLockOnSQLite() async throws {
        let sql = try sqlDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("UPDATE jobs SET id = id WHERE 0 = 1").run()
    }
}
