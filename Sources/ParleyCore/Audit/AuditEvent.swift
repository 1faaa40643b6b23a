import Fluent
import Foundation

/// One row of the append-only `audit_events` table.
package final class AuditEvent: Model, @unchecked Sendable {
    package static let schema = "audit_events"

    @ID(key: .id) package var id: UUID?
    @Field(key: "occurred_at") package var occurredAt: Date
    @OptionalField(key: "workspace_id") package var workspaceID: UUID?
    @Field(key: "actor_kind") package var actorKind: String
    @OptionalField(key: "actor_id") package var actorID: String?
    @Field(key: "action") package var action: String
    @OptionalField(key: "target_kind") package var targetKind: String?
    @OptionalField(key: "target_id") package var targetID: String?
    @OptionalField(key: "ip") package var ip: String?
    @OptionalField(key: "user_agent") package var userAgent: String?
    @OptionalField(key: "request_id") package var requestID: String?
    @Field(key: "metadata") package var metadata: String

    package init() {}
}
