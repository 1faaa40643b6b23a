import Fluent
import ParleyCore
import Workspaces

/// The workspace export's `files.json`: every stored file's metadata (name, purpose, type, size, SHA-256, who
/// uploaded it and when). The storage record (blob key, wrapped data key) stays out.
enum FileExport {
    static let exporter = WorkspaceExporter(fileName: "files.json") { tenant in
        try WorkspaceExporter.json(try await tenant.query(StoredFile.self).sort(\.$createdAt).all().map(FileResponses.File.init))
    }
}
