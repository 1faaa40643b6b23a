import Fluent
import ParleyCore

/// 0012: workspace API keys (stored hashed), with row-level security and the lookup that resolves a key.
struct CreateAPIKeys: AsyncMigration {
    var name: String { "0012_create_api_keys" }

    func prepare(on db: any Database) async throws {
        try await db.schema("api_keys")
            .field("id", .uuid, .identifier(auto: false))
            .field("workspace_id", .uuid, .required, .references("workspaces", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("display_prefix", .string, .required)
            .field("secret_hash", .string, .required)
            .field("scopes", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .field("last_used_ip", .string)
            .unique(on: "secret_hash", name: "api_keys_secret_hash")
            .create()
        try await db.createIndex("api_keys_workspace", on: "api_keys", columns: "workspace_id")
        try await db.isolateTenantTable("api_keys")
        try await NarrowLookups.apiKeyBySecretHash.create(on: db)
    }

    func revert(on db: any Database) async throws {
        try await NarrowLookups.apiKeyBySecretHash.drop(on: db)
        try await db.schema("api_keys").delete()
    }
}
