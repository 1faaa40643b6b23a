import Fluent
import ParleyCore
import SQLKit

/// 0019: sign-in limits that are counted atomically in the database, the per-user revocation time of access
/// tokens, and the first factor a second-factor challenge follows. Migrations run in the order of their names, so
/// it runs after 0018 like its number says.
struct HardenSignIn: AsyncMigration {
    var name: String { "0019_harden_sign_in" }

    func prepare(on db: any Database) async throws {
        // SQLite adds one column per statement.
        try await db.schema("users").field("tokens_revoked_at", .datetime).update()
        // Counters with a default for existing rows, in the SQL both databases accept.
        try await db.sqlDatabase.raw("ALTER TABLE users ADD COLUMN second_factor_failures BIGINT NOT NULL DEFAULT 0")
            .run()
        try await db.schema("users").field("second_factor_window_ends", .datetime).update()
        try await db.sqlDatabase.raw("ALTER TABLE users ADD COLUMN sign_up_mails BIGINT NOT NULL DEFAULT 0").run()
        try await db.schema("users").field("sign_up_mails_window_ends", .datetime).update()
        try await db.schema("user_tokens").field("first_factor", .string).update()
        try await db.schema("sign_in_lockouts")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("client", .string, .required)
            .field("failures", .int, .required)
            .field("locked_until", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id", "client", name: "sign_in_lockouts_user_client")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("sign_in_lockouts").delete()
        try await db.schema("user_tokens").deleteField("first_factor").update()
        for column in [
            "sign_up_mails_window_ends", "sign_up_mails", "second_factor_window_ends", "second_factor_failures",
            "tokens_revoked_at",
        ] {
            try await db.schema("users").deleteField(.string(column)).update()
        }
    }
}
