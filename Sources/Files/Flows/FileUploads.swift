import FileInspection
import Fluent
import Foundation
import NIOCore
import ParleyCore

/// Storing an uploaded file: limits chosen from the purpose and plan, bytes inspected and encrypted as they
/// stream, then the row written. A refused or failed upload leaves neither an object nor a row behind.
enum FileUploads {
    struct Upload: Sendable {
        var purpose: FilePurpose
        var name: String
        var declaredType: String
        /// `Content-Length`, when the client sent one: lets an oversized upload be refused before it is read.
        var declaredLength: Int?
    }

    static func store<Body: AsyncSequence & Sendable>(
        _ body: Body, _ upload: Upload, context: TenantContext, _ env: FilesEnvironment
    ) async throws -> StoredFile
    where Body.Element == ByteBuffer {
        let stored = try await context.run(on: env.db) { tenant in try await FileLibrary.storedBytes(tenant) }
        let limits = UploadLimits(purpose: upload.purpose, plan: context.plan, storedBytes: stored)
        if let length = upload.declaredLength, length > limits.maxBytes { throw limits.exceeded }

        let fileID = UUID()
        let inspector = UploadInspector(
            purpose: upload.purpose, maxBytes: limits.maxBytes, declaredType: upload.declaredType)
        let sealed: SealedObject
        do {
            sealed = try await env.blobs.store(
                body, context: EncryptedBlobStore.context(workspaceID: context.workspaceID, fileID: fileID),
                inspector: inspector)
        } catch InspectionError.tooLarge {
            throw limits.exceeded
        } catch let refusal as InspectionError {
            throw FilesError.refused(refusal)
        }
        let file = StoredFile(
            id: fileID, purpose: upload.purpose, name: upload.name,
            contentType: inspector.detectedType?.rawValue ?? "application/octet-stream",
            uploadedBy: context.auditActor, sealed: sealed, now: env.now)
        do {
            try await context.run(on: env.db) { tenant in
                // Concurrent uploads each passed the first check against the same stored total; the last word is
                // this one, taken with the workspace locked, so together they never pass the plan's storage.
                try await tenant.lockWorkspace()
                let quota = UploadLimits(
                    purpose: upload.purpose, plan: context.plan, storedBytes: try await FileLibrary.storedBytes(tenant))
                guard file.size <= Int64(quota.maxBytes) else { throw quota.exceeded }
                try await tenant.create(file)
                try await env.record(
                    "file.uploaded", by: context.auditActor, in: tenant, file: file,
                    metadata: [
                        "purpose": upload.purpose.rawValue, "content_type": file.contentType, "size": String(file.size),
                    ])
            }
        } catch {
            try? await env.blobs.delete(sealed.blobKey)
            throw error
        }
        return file
    }
}
