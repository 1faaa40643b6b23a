import Fluent
import Foundation

/// A message waiting in, or delivered from, the `mail_outbox` table.
package final class OutboxMessage: Model, @unchecked Sendable {
    package static let schema = "mail_outbox"

    package enum State: String, Codable, Sendable { case queued, sent, failed }

    @ID(key: .id) package var id: UUID?
    @OptionalField(key: "workspace_id") package var workspaceID: UUID?
    @Field(key: "template") package var template: String
    @Field(key: "from_address") package var fromAddress: String
    @Field(key: "to_address") package var toAddress: String
    @Field(key: "subject") package var subject: String
    @Field(key: "text_body") package var textBody: String
    @OptionalField(key: "html_body") package var htmlBody: String?
    @Field(key: "message_id") package var messageID: String
    @Field(key: "state") package var state: State
    @Field(key: "attempts") package var attempts: Int
    @OptionalField(key: "last_error") package var lastError: String?
    @Field(key: "created_at") package var createdAt: Date
    @OptionalField(key: "sent_at") package var sentAt: Date?

    package init() {}

    /// Drops the bodies once the message has left: they hold live single-use links (verification, reset,
    /// invitation), which must not outlive their delivery in a table that backups copy.
    func forgetBody() {
        textBody = ""
        htmlBody = nil
    }
}
