import Fluent
import ParleyCore

/// 0008: signed-in devices, their refresh tokens, and recovery codes.
struct CreateAuthSessions: AsyncMigration {
    var name: String { "0008_create_auth_sessions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("auth_sessions")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime, .required)
            .field("idle_expires_at", .datetime, .required)
            .field("absolute_expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("revoked_reason", .string)
            .field("method", .string, .required)
            .field("user_agent", .string)
            .field("ip", .string)
            .create()
        try await db.createIndex("auth_sessions_user", on: "auth_sessions", columns: "user_id")
        try await db.schema("refresh_tokens")
            .field("id", .uuid, .identifier(auto: false))
            .field("session_id", .uuid, .required, .references("auth_sessions", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("rotated_at", .datetime)
            .unique(on: "token_hash", name: "refresh_tokens_token_hash")
            .create()
        try await db.schema("recovery_codes")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await db.createIndex("recovery_codes_user", on: "recovery_codes", columns: "user_id")
    }

    func revert(on db: any Database) async throws {
        try await db.schema("recovery_codes").delete()
        try await db.schema("refresh_tokens").delete()
        try await db.schema("auth_sessions").delete()
    }
}
