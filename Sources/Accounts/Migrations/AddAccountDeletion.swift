import Fluent
import ParleyCore

/// 0015: when an account was deleted by its owner (purged for good after the grace period). A deleted account has
/// left every workspace already, so the membership lookup needs no change.
struct AddAccountDeletion: AsyncMigration {
    var name: String { "0015_add_account_deletion" }

    func prepare(on db: any Database) async throws {
        try await db.schema("users").field("deleted_at", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("users").deleteField("deleted_at").update()
    }
}
