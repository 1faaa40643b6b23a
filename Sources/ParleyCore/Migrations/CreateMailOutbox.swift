import Fluent
import SQLKit

/// 0003: the mail outbox.
struct CreateMailOutbox: AsyncMigration {
    var name: String { "0003_create_mail_outbox" }

    func prepare(on db: any Database) async throws {
        try await db.schema("mail_outbox")
            .field("id", .uuid, .identifier(auto: false))
            .field("workspace_id", .uuid)
            .field("template", .string, .required)
            .field("from_address", .string, .required)
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string)
            .field("message_id", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        try await db.sqlDatabase.create(index: "mail_outbox_state").on("mail_outbox").column("state").column(
            "created_at"
        ).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("mail_outbox").delete()
    }
}
