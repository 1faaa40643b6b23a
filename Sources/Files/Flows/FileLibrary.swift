import Fluent
import Foundation
import ParleyCore
import SQLKit

/// A workspace's files: listing, finding, deleting, and what they add up to.
enum FileLibrary {
    static let maxPage = 200

    static func list(purpose: FilePurpose?, limit: Int, _ tenant: TenantDatabase) async throws -> [StoredFile] {
        var query = tenant.query(StoredFile.self).sort(\.$createdAt, .descending).limit(limit)
        if let purpose { query = query.filter(\.$purpose == purpose.rawValue) }
        return try await query.all()
    }

    static func find(_ id: UUID, _ tenant: TenantDatabase) async throws -> StoredFile {
        try await tenant.require(StoredFile.self, id, "file")
    }

    /// Deletes the row (recording it), then the object once the row is gone. An object whose deletion fails is
    /// unreachable (nothing refers to it) and only costs space.
    static func delete(_ id: UUID, context: TenantContext, _ env: FilesEnvironment) async throws {
        let key = try await context.run(on: env.db) { tenant in
            let file = try await find(id, tenant)
            try await tenant.delete(file)
            try await env.record("file.deleted", by: context.auditActor, in: tenant, file: file)
            return try file.sealedObject.blobKey
        }
        do { try await env.blobs.delete(key) } catch {
            env.logger.warning("a deleted file's object could not be removed", metadata: ["blob": "\(key)"])
        }
    }

    /// Bytes of every file the workspace holds.
    static func storedBytes(_ tenant: TenantDatabase) async throws -> Int {
        // Cast, because PostgreSQL sums a bigint column as numeric.
        let row = try await tenant.raw(
            "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) AS total FROM files WHERE \(scope: "files")"
        ).first()
        return try row?.decode(column: "total", as: Int.self) ?? 0
    }

    /// For the workspace purge: removes every file row and returns their objects, to delete after the commit.
    static func removeAll(_ tenant: TenantDatabase) async throws -> [BlobKey] {
        let keys = try await tenant.query(StoredFile.self).all().compactMap { BlobKey($0.blobKey) }
        try await tenant.query(StoredFile.self).delete()
        return keys
    }
}
