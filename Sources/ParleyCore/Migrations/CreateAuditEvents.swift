import Fluent
import SQLKit

/// 0002: the append-only audit log. Triggers refuse every UPDATE and DELETE, so no code path can rewrite history.
/// (The retention job that a later change adds gets its own sanctioned path.)
struct CreateAuditEvents: AsyncMigration {
    var name: String { "0002_create_audit_events" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_events")
            .field("id", .uuid, .identifier(auto: false))
            .field("occurred_at", .datetime, .required)
            .field("workspace_id", .uuid)
            .field("actor_kind", .string, .required)
            .field("actor_id", .string)
            .field("action", .string, .required)
            .field("target_kind", .string)
            .field("target_id", .string)
            .field("ip", .string)
            .field("user_agent", .string)
            .field("request_id", .string)
            .field("metadata", .string, .required)
            .create()
        let sql = try db.sqlDatabase
        try await sql.create(index: "audit_events_workspace_time").on("audit_events").column("workspace_id").column(
            "occurred_at"
        ).run()
        try await sql.create(index: "audit_events_action_time").on("audit_events").column("action").column(
            "occurred_at"
        ).run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only';
                END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """
            ).run()
        }
    }

    func revert(on db: any Database) async throws {
        let sql = try db.sqlDatabase
        try await db.schema("audit_events").delete()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
    }
}
