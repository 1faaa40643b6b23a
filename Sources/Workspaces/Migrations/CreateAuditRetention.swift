import Fluent
import Foundation
import ParleyCore
import SQLKit

/// 0014: the one sanctioned way to remove audit events. The append-only triggers now let a DELETE through only
/// for events older than the cutoff in `audit_retention`, which the retention job moves forward; on PostgreSQL
/// the cutoff can never come within 30 days of now, so history that recent cannot be erased from the app.
struct CreateAuditRetention: AsyncMigration {
    var name: String { "0014_create_audit_retention" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_retention")
            .field("id", .int, .identifier(auto: false))
            .field("cutoff", .datetime, .required)
            .create()
        let sql = try db.sqlDatabase
        try await sql.raw(
            "INSERT INTO audit_retention (id, cutoff) VALUES (1, \(bind: Date(timeIntervalSince1970: 0)))"
        ).run()
        try await NarrowLookups.workspacesWithAuditBefore.create(on: db)
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND OLD.occurred_at < (SELECT cutoff FROM audit_retention WHERE id = 1) THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'audit_events is append-only';
                END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE FUNCTION audit_retention_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.cutoff > now() - interval '30 days' THEN
                        RAISE EXCEPTION 'audit retention must keep at least 30 days';
                    END IF;
                    RETURN NEW;
                END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_retention_guard BEFORE INSERT OR UPDATE ON audit_retention
                FOR EACH ROW EXECUTE FUNCTION audit_retention_guard()
                """
            ).run()
        } else {
            try await sql.raw("DROP TRIGGER audit_events_no_delete").run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                WHEN old.occurred_at >= (SELECT cutoff FROM audit_retention WHERE id = 1)
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """
            ).run()
        }
    }

    func revert(on db: any Database) async throws {
        let sql = try db.sqlDatabase
        try await NarrowLookups.workspacesWithAuditBefore.drop(on: db)
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only';
                END $$
                """
            ).run()
            try await db.schema("audit_retention").delete()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_retention_guard()").run()
        } else {
            try await sql.raw("DROP TRIGGER audit_events_no_delete").run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """
            ).run()
            try await db.schema("audit_retention").delete()
        }
    }
}
