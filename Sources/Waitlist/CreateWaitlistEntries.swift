import Fluent

/// 0006: the public beta waitlist.
struct CreateWaitlistEntries: AsyncMigration {
    var name: String { "0006_create_waitlist_entries" }

    func prepare(on db: any Database) async throws {
        try await db.schema("waitlist_entries")
            .field("id", .uuid, .identifier(auto: false))
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("company", .string)
            .field("consented_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("confirm_token_hash", .string)
            .field("confirm_expires_at", .datetime)
            .field("confirmation_sent_at", .datetime)
            .field("invited_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "email", name: "waitlist_entries_email")
            .unique(on: "confirm_token_hash", name: "waitlist_entries_confirm_token")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("waitlist_entries").delete()
    }
}
