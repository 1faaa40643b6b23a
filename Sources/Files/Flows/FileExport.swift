import Fluent
import ParleyCore
import Vapor
import Workspaces

/// The workspace export's `files.json`: every stored file's metadata (name, purpose, type, size, SHA-256, who
/// uploaded it and when). The storage record (blob key, wrapped data key) stays out. With `?files=include`, each
/// file itself follows as `files/<id>/<name>`, decrypted as the archive streams.
enum FileExport {
    static let exporter = WorkspaceExporter(fileName: "files.json") { tenant in
        try WorkspaceExporter.json(
            try await tenant.query(StoredFile.self).sort(\.$createdAt).all().map(FileResponses.File.init))
    }

    static func attachments(blobs: @escaping @Sendable () throws -> EncryptedBlobStore) -> ExportAttachmentSource {
        { tenant in
            try await tenant.query(StoredFile.self).sort(\.$createdAt).all().map { file in
                let sealed = try file.sealedObject
                let context = file.blobContext
                return ExportAttachment(
                    path: "files/\(try file.requireID().uuidString)/\(file.displayName)", modified: file.createdAt
                ) {
                    try await blobs().open(sealed, context: context)
                }
            }
        }
    }
}
