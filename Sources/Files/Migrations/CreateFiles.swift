import Fluent
import Foundation
import ParleyCore
import SQLKit

/// 0017: stored files (row-level security), the lookups that reach them from a download link and for key rotation,
/// and the upload and storage limits added to every plan (the plans table belongs to Workspaces, whose list is
/// closed).
struct CreateFiles: AsyncMigration {
    var name: String { "0017_create_files" }

    /// Limits a plan row gains when it lacks them, by plan id; unknown (operator-made) plans get the Free ones.
    static let planLimits: [String: [String: Int]] = [
        "free": ["upload_mb": 10, "storage_mb": 500],
        "pro": ["upload_mb": 50, "storage_mb": 10_000],
        "business": ["upload_mb": 200, "storage_mb": 100_000],
    ]

    func prepare(on db: any Database) async throws {
        try await db.schema("files")
            .field("id", .uuid, .identifier(auto: false))
            .field("workspace_id", .uuid, .required, .references("workspaces", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("display_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .string, .required)
            .field("blob_key", .string, .required)
            .field("key_id", .string, .required)
            .field("wrapped_key", .string, .required)
            .field("nonce_prefix", .string, .required)
            .field("segment_size", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "blob_key", name: "files_blob_key")
            .create()
        try await db.createIndex("files_workspace_created", on: "files", columns: "workspace_id", "created_at")
        try await db.createIndex("files_key_id", on: "files", columns: "key_id")
        try await db.isolateTenantTable("files")
        try await FileLookups.fileWorkspace.create(on: db)
        try await FileLookups.workspacesWithFilesNotUnderKey.create(on: db)
        try await FileLookups.fileCountsByKey.create(on: db)
        try await addPlanLimits(db)
    }

    func revert(on db: any Database) async throws {
        try await FileLookups.fileCountsByKey.drop(on: db)
        try await FileLookups.workspacesWithFilesNotUnderKey.drop(on: db)
        try await FileLookups.fileWorkspace.drop(on: db)
        try await db.schema("files").delete()
    }

    private func addPlanLimits(_ db: any Database) async throws {
        let sql = try db.sqlDatabase
        for row in try await sql.raw("SELECT id, limits FROM plans").all() {
            let id = try row.decode(column: "id", as: String.self)
            var limits =
                (try? JSONDecoder().decode(
                    [String: Int].self, from: Data(try row.decode(column: "limits", as: String.self).utf8))) ?? [:]
            limits.merge(Self.planLimits[id] ?? Self.planLimits["free"]!) { existing, _ in existing }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let text = String(decoding: try encoder.encode(limits), as: UTF8.self)
            try await sql.raw("UPDATE plans SET limits = \(bind: text) WHERE id = \(bind: id)").run()
        }
    }
}
