import Fluent
import Foundation
import ParleyCore

/// `parley keys rotate-master`: re-wraps every file's data key under the current master key, without reading or
/// re-encrypting any content.
///
/// With keys in the data folder it first makes a new key current (new uploads use it at once); with
/// `PARLEY_STORAGE_KEYS` the operator has already put the new key first. Each data key is re-wrapped and saved
/// on its own, so an interrupted run loses nothing: run it again and it carries on where it stopped, and every
/// file stays readable meanwhile because the older keys stay in the ring. When no file needs an older key, the
/// folder's older keys move to `retired/`.
enum KeyRotation {
    static let batchSize = 100

    struct Outcome: Sendable {
        var target: String
        var rewrapped: Int
        var remaining: Int
        var retired: [String]

        var summary: String {
            if remaining > 0 {
                return
                    "Re-wrapped \(rewrapped) data key(s) under \(target); \(remaining) still use older keys. Run `parley keys rotate-master` again to finish."
            }
            let retiredText =
                retired.isEmpty
                ? ""
                : " Retired key(s): \(retired.joined(separator: ", ")) (kept in storage-keys/retired/ until you delete them)."
            return
                "Rotation to \(target) is complete: re-wrapped \(rewrapped) data key(s); no file needs an older key.\(retiredText)"
        }
    }

    static func run(stopAfter: Int?, _ env: FilesEnvironment) async throws -> Outcome {
        let keys = env.blobs.keys
        let target =
            try keys.folder.map { try StorageKeyFolder.beginRotation($0, now: env.now) } ?? keys.keyring().currentID
        let ring = try keys.keyring()
        guard ring.currentID == target else { throw BlobStoreError.keyUnavailable(keyID: target) }
        var rewrapped = 0
        rotation: while true {
            let pending = try await FileLookups.workspacesWithFilesNotUnderKey.run(on: env.db, [target]).map {
                try $0.decode(column: "workspace_id", as: UUID.self)
            }
            if pending.isEmpty { break }
            for workspaceID in pending {
                let context = TenantContext.system(in: workspaceID, plan: .unchecked)
                while true {
                    let budget = min(batchSize, stopAfter.map { $0 - rewrapped } ?? batchSize)
                    if budget <= 0 { break rotation }
                    let count = try await context.run(on: env.db) { tenant in
                        try await rewrapBatch(limit: budget, under: target, ring, tenant)
                    }
                    rewrapped += count
                    if count == 0 { break }
                }
            }
        }
        let remaining = try await countsByKey(env).filter { $0.key != target }.values.reduce(0, +)
        var retired: [String] = []
        if remaining == 0, let folder = keys.folder {
            retired = try StorageKeyFolder.finishRotation(folder)
            try await AuditLog.record(
                AuditEntry(
                    action: "storage.master_key_rotated", actor: .system, target: ("storage_key", target),
                    metadata: ["rewrapped": String(rewrapped), "retired": retired.joined(separator: " ")]),
                on: env.db, logger: env.logger, now: env.now)
        }
        return Outcome(target: target, rewrapped: rewrapped, remaining: remaining, retired: retired)
    }

    /// Files per master key id, across every workspace.
    static func countsByKey(_ env: FilesEnvironment) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await FileLookups.fileCountsByKey.run(on: env.db, []) {
            counts[try row.decode(column: "key_id", as: String.self)] = try row.decode(column: "files", as: Int.self)
        }
        return counts
    }

    private static func rewrapBatch(limit: Int, under target: String, _ ring: StorageKeyring, _ tenant: TenantDatabase)
        async throws -> Int
    {
        let batch = try await tenant.query(StoredFile.self).filter(\.$keyID != target).limit(limit).all()
        for file in batch {
            let wrapped = try ring.rewrap(
                WrappedDataKey(keyID: file.keyID, sealed: file.wrappedKey), context: file.blobContext)
            file.keyID = wrapped.keyID
            file.wrappedKey = wrapped.sealed
            try await tenant.update(file)
        }
        return batch.count
    }
}
