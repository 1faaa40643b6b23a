import Fluent
import Foundation

/// Announcing what happened. `publish` writes the event inside the caller's tenant transaction and, in the same
/// transaction, queues one delivery job per consumer that accepts its type: if the change rolls back, so do the
/// event and its deliveries. Delivery is at least once, with the job queue's retries, backoff and dead state;
/// each consumer's progress is its own jobs' state.
package enum EventOutbox {
    package static let deliveryJobKind = "events.deliver"

    struct Delivery: Codable {
        var eventID: UUID
        var workspaceID: UUID
        var consumer: String
    }

    /// Records `type` with `data` (encoded as a JSON object) in the workspace `tenant` is bound to; returns its id.
    @discardableResult
    package static func publish(
        _ type: String, data: some Encodable & Sendable, in tenant: TenantDatabase,
        consumers: EventConsumers, now: Date
    ) async throws -> UUID {
        let id = UUID()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(data), as: UTF8.self)
        try await tenant.create(OutboxEvent(id: id, type: type, data: json, occurredAt: now))
        for consumer in consumers.all where consumer.accepts(type) {
            let delivery = Delivery(eventID: id, workspaceID: tenant.workspaceID, consumer: consumer.name)
            try await JobQueue.enqueue(
                try JobRequest(
                    kind: deliveryJobKind, payload: delivery, maxAttempts: 10,
                    idempotencyKey: "event:\(id.uuidString):\(consumer.name)"),
                on: tenant.db, now: now)
        }
        return id
    }

    /// The delivery job: reads the event inside its workspace and hands it to the one consumer the job is for.
    /// An event whose workspace was purged meanwhile is dropped; a consumer that is no longer registered fails
    /// the job for good, so its deliveries wait in the dead state until it is back (`parley jobs retry`).
    static func deliveryJob(consumers: EventConsumers) -> JobDefinition {
        JobDefinition(backoff: Backoff(baseSeconds: 30, capSeconds: 6 * 3600)) { context in
            let delivery = try context.decode(Delivery.self)
            guard let consumer = consumers.named(delivery.consumer) else {
                throw JobFailure.permanent("no event consumer named \(delivery.consumer)")
            }
            let system = TenantContext.system(in: delivery.workspaceID, plan: .unchecked)
            let row = try await system.run(on: context.db) { tenant in
                try await tenant.find(OutboxEvent.self, delivery.eventID)
            }
            guard let row, let id = row.id else { return }
            let event = PublishedEvent(
                id: id, workspaceID: row.workspaceID, type: row.type, data: row.data, occurredAt: row.occurredAt)
            try await consumer.handle(event, context)
        }
    }

    /// Workspaces with events older than `$1`; the prune then deletes inside each workspace's context.
    static let workspacesWithEventsBefore = NarrowLookup(
        name: "parley_workspaces_with_events_before", parameterTypes: ["timestamptz"],
        returns: "TABLE (id uuid)",
        body: "SELECT DISTINCT e.workspace_id AS id FROM events e WHERE e.occurred_at < $1")

    /// Deletes events older than `cutoff` (the daily `jobs.prune` job, 30 days back: every delivery has finished or
    /// gone dead long before). A delivery that still finds its event gone does nothing.
    package static func prune(before cutoff: Date, on db: any Database) async throws {
        for row in try await workspacesWithEventsBefore.run(on: db, [cutoff]) {
            let context = TenantContext.system(in: try row.decode(column: "id", as: UUID.self), plan: .unchecked)
            try await context.run(on: db) { tenant in
                try await tenant.query(OutboxEvent.self).filter(\.$occurredAt < cutoff).delete()
            }
        }
    }
}
