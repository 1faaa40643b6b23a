import Fluent
import ParleyCore

/// 0010: identities at external providers, and the login round trips in flight.
struct CreateExternalIdentities: AsyncMigration {
    var name: String { "0010_create_external_identities" }

    func prepare(on db: any Database) async throws {
        try await db.schema("external_identities")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("provider", .string, .required)
            .field("subject", .string, .required)
            .field("email", .string)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime, .required)
            .unique(on: "provider", "subject", name: "external_identities_provider_subject")
            .create()
        try await db.createIndex("external_identities_user", on: "external_identities", columns: "user_id")
        try await db.schema("external_login_attempts")
            .field("id", .uuid, .identifier(auto: false))
            .field("provider", .string, .required)
            .field("state_hash", .string, .required)
            .field("browser_hash", .string, .required)
            .field("nonce", .string, .required)
            .field("code_verifier_sealed", .string, .required)
            .field("return_to", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("link_user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("link_subject", .string)
            .field("link_email", .string)
            .field("link_token_hash", .string)
            .unique(on: "state_hash", name: "external_login_attempts_state")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("external_login_attempts").delete()
        try await db.schema("external_identities").delete()
    }
}
