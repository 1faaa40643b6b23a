import Fluent
import Foundation

/// One row of the event outbox: something that happened in a workspace (`proposal.signed`, `member.joined`), with
/// its data as JSON. Written in the same transaction as the change it announces, so an event exists exactly when
/// its change committed.
package final class OutboxEvent: TenantModel, @unchecked Sendable {
    package static let schema = "events"
    package static var workspaceIDField: KeyPath<OutboxEvent, FieldProperty<OutboxEvent, UUID>> { \.$workspaceID }

    @ID(key: .id) package var id: UUID?
    @Field(key: "workspace_id") package var workspaceID: UUID
    @Field(key: "type") package var type: String
    @Field(key: "data") package var data: String
    @Field(key: "occurred_at") package var occurredAt: Date

    package init() {}

    init(id: UUID, type: String, data: String, occurredAt: Date) {
        self.id = id
        self.type = type
        self.data = data
        self.occurredAt = occurredAt
    }
}
