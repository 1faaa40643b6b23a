import Fluent
import ParleyCore

/// 0007: people who sign in, and the single-use tokens mailed to them.
struct CreateUsers: AsyncMigration {
    var name: String { "0007_create_users" }

    func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .field("id", .uuid, .identifier(auto: false))
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string)
            .field("email_verified_at", .datetime)
            .field("is_owner", .bool, .required)
            .field("totp_secret_sealed", .string)
            .field("totp_pending_sealed", .string)
            .field("totp_enabled_at", .datetime)
            .field("totp_last_step", .int64)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "email", name: "users_email")
            .create()
        try await db.schema("user_tokens")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("new_email", .string)
            .field("password_hash", .string)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash", name: "user_tokens_token_hash")
            .create()
        try await db.createIndex("user_tokens_user_purpose", on: "user_tokens", columns: "user_id", "purpose")
    }

    func revert(on db: any Database) async throws {
        try await db.schema("user_tokens").delete()
        try await db.schema("users").delete()
    }
}
