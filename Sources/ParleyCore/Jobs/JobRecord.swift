import Fluent
import Foundation

/// The life of a job: queued → running → succeeded, or back to queued after a failure, or dead once out of attempts.
package enum JobState: String, Codable, Sendable, CaseIterable {
    case queued, running, succeeded, dead, cancelled
}

/// One row of the `jobs` table.
package final class JobRecord: Model, @unchecked Sendable {
    package static let schema = "jobs"

    @ID(key: .id) package var id: UUID?
    @Field(key: "kind") package var kind: String
    @Field(key: "payload") package var payload: String
    @Field(key: "state") package var state: JobState
    @Field(key: "priority") package var priority: Int
    @Field(key: "run_at") package var runAt: Date
    @Field(key: "attempts") package var attempts: Int
    @Field(key: "max_attempts") package var maxAttempts: Int
    @OptionalField(key: "idempotency_key") package var idempotencyKey: String?
    @OptionalField(key: "lease_expires_at") package var leaseExpiresAt: Date?
    @OptionalField(key: "locked_by") package var lockedBy: String?
    @OptionalField(key: "last_error") package var lastError: String?
    @Field(key: "created_at") package var createdAt: Date
    @Field(key: "updated_at") package var updatedAt: Date
    @OptionalField(key: "finished_at") package var finishedAt: Date?

    package init() {}
}
