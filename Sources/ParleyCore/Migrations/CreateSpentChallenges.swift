import Fluent
import SQLKit

/// 0005: proof-of-work nonces already used, kept until they expire, so each verifies once.
struct CreateSpentChallenges: AsyncMigration {
    var name: String { "0005_create_spent_challenges" }

    func prepare(on db: any Database) async throws {
        try await db.schema("spent_challenges")
            .field("digest", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "digest", name: "spent_challenges_digest")
            .create()
        try await db.sqlDatabase.create(index: "spent_challenges_expiry").on("spent_challenges").column("expires_at")
            .run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("spent_challenges").delete()
    }
}
