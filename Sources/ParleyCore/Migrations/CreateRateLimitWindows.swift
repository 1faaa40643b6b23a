import Fluent
import SQLKit

/// 0004: hit counts per key and fixed window, for the shared (PostgreSQL) rate-limit store.
struct CreateRateLimitWindows: AsyncMigration {
    var name: String { "0004_create_rate_limit_windows" }

    func prepare(on db: any Database) async throws {
        try await db.schema("rate_limit_windows")
            .field("key", .string, .required)
            .field("window_start", .int64, .required)
            .field("hits", .int, .required)
            .field("expires_at", .datetime, .required)
            .compositeIdentifier(over: "key", "window_start")
            .create()
        try await db.sqlDatabase.create(index: "rate_limit_windows_expiry").on("rate_limit_windows").column(
            "expires_at"
        ).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("rate_limit_windows").delete()
    }
}
