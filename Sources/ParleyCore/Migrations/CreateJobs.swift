import Fluent
import SQLKit

/// 0001: the job queue.
struct CreateJobs: AsyncMigration {
    var name: String { "0001_create_jobs" }

    func prepare(on db: any Database) async throws {
        try await db.schema("jobs")
            .field("id", .uuid, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("priority", .int, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("idempotency_key", .string)
            .field("lease_expires_at", .datetime)
            .field("locked_by", .string)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "idempotency_key", name: "jobs_idempotency_key")
            .create()
        let sql = try db.sqlDatabase
        try await sql.create(index: "jobs_due").on("jobs").column("state").column("run_at").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("jobs").delete()
    }
}
