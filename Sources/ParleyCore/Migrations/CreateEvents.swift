import Fluent
import SQLKit

/// 0022: the event outbox, under row-level security, and the lookup its pruning uses. Deliveries are jobs.
struct CreateEvents: AsyncMigration {
    var name: String { "0022_create_events" }

    func prepare(on db: any Database) async throws {
        try await db.schema("events")
            .field("id", .uuid, .identifier(auto: false))
            .field("workspace_id", .uuid, .required, .references("workspaces", "id", onDelete: .cascade))
            .field("type", .string, .required)
            .field("data", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        try await db.createIndex("events_workspace_occurred", on: "events", columns: "workspace_id", "occurred_at")
        try await db.isolateTenantTable("events")
        try await EventOutbox.workspacesWithEventsBefore.create(on: db)
    }

    func revert(on db: any Database) async throws {
        try await EventOutbox.workspacesWithEventsBefore.drop(on: db)
        try await db.schema("events").delete()
    }
}
