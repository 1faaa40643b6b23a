import Fluent

/// 0009: the Ed25519 keys that sign access tokens.
struct CreateSigningKeys: AsyncMigration {
    var name: String { "0009_create_signing_keys" }

    func prepare(on db: any Database) async throws {
        try await db.schema("signing_keys")
            .field("id", .string, .identifier(auto: false))
            .field("algorithm", .string, .required)
            .field("private_key_sealed", .string, .required)
            .field("public_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("retired_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("signing_keys").delete()
    }
}
