import Fluent
import Foundation
import ParleyCore
import Vapor
import ZipArchive

/// One file of a workspace export, written by the module that owns the data (inside the workspace's context).
package struct WorkspaceExporter: Sendable {
    package var fileName: String
    package var export: @Sendable (TenantDatabase) async throws -> Data

    package init(fileName: String, export: @escaping @Sendable (TenantDatabase) async throws -> Data) {
        self.fileName = fileName
        self.export = export
    }

    /// The export's JSON: pretty, keys sorted, times in ISO 8601.
    package static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }
}

/// A stored file that an export can carry whole (`?files=include`): where it goes in the archive, and how to read
/// it. It is listed inside the workspace's context and read while the archive streams, after that has ended.
package struct ExportAttachment: Sendable {
    package var path: String
    package var modified: Date
    package var open: @Sendable () async throws -> AsyncThrowingStream<ByteBuffer, any Error>

    package init(
        path: String, modified: Date,
        open: @escaping @Sendable () async throws -> AsyncThrowingStream<ByteBuffer, any Error>
    ) {
        self.path = path
        self.modified = modified
        self.open = open
    }
}

/// A module's stored files for an export that includes them.
package typealias ExportAttachmentSource = @Sendable (TenantDatabase) async throws -> [ExportAttachment]

/// `GET /api/v1/workspace/export`: everything the workspace holds, as a ZIP of JSON files, and on request the
/// stored files themselves. Secrets stay out: no token or key hashes, no password material.
enum WorkspaceExport {
    /// What one export holds, gathered inside the workspace's context.
    struct Contents: Sendable {
        var records: [(name: String, data: Data)]
        var attachments: [ExportAttachment]
        var slug: String
    }

    static func gather(
        _ exporters: [WorkspaceExporter], attachments sources: [ExportAttachmentSource], _ tenant: TenantDatabase,
        _ env: WorkspacesEnvironment
    ) async throws -> Contents {
        var records = [(name: "README.txt", data: Data(readme(withFiles: !sources.isEmpty).utf8))]
        for exporter in exporters { records.append((exporter.fileName, try await exporter.export(tenant))) }
        var attachments: [ExportAttachment] = []
        for source in sources { attachments += try await source(tenant) }
        try await env.record(
            "workspace.exported", by: tenant.context.auditActor, in: tenant,
            target: ("workspace", tenant.workspaceID.uuidString),
            metadata: ["files": String(records.count), "stored_files": String(attachments.count)])
        return Contents(records: records, attachments: attachments, slug: try await tenant.workspace().slug)
    }

    /// Writes the archive to `writer` as it is made: the records, then each stored file, decrypted as it streams,
    /// so an export of any size takes little memory.
    static func stream(_ contents: Contents, modified: Date, to writer: any AsyncBodyStreamWriter) async throws {
        let pending = PendingBytes()
        var zip = ZipWriter { pending.data.append($0) }
        for record in contents.records { try zip.addFile(path: record.name, data: record.data, modified: modified) }
        try await pending.flush(to: writer)
        for attachment in contents.attachments {
            try zip.beginFile(path: attachment.path, modified: attachment.modified)
            for try await chunk in try await attachment.open() {
                try zip.write(Data(buffer: chunk))
                try await pending.flush(to: writer)
            }
            try zip.endFile()
        }
        try zip.finish()
        try await pending.flush(to: writer)
    }

    /// The archive bytes the ZIP writer has produced and the response has not taken yet.
    private final class PendingBytes: @unchecked Sendable {
        var data = Data()

        func flush(to writer: any AsyncBodyStreamWriter) async throws {
            guard !data.isEmpty else { return }
            let buffer = ByteBuffer(data: data)
            data.removeAll(keepingCapacity: true)
            try await writer.writeBuffer(buffer)
        }
    }

    static func readme(withFiles: Bool) -> String {
        let files =
            withFiles
            ? "The stored files themselves are in files/, one folder per file id (files.json describes each)."
            : "Stored files are described in files.json; ask for the export with ?files=include to have them in it too."
        return """
            This archive holds a Parley workspace's data as JSON, one file per kind of record, times in ISO 8601 (UTC).
            \(files)
            Secrets are not included: invitation tokens, API key secrets and their hashes never leave Parley.
            """
    }

    /// The exporters of this module: the workspace, members, invitations, API keys and the audit log.
    static let exporters: [WorkspaceExporter] = [
        WorkspaceExporter(fileName: "workspace.json") { tenant in
            let workspace = try await tenant.workspace()
            return try json(try WorkspaceResponses.WorkspaceInfo(workspace, role: nil, plan: tenant.context.plan))
        },
        WorkspaceExporter(fileName: "members.json") { tenant in try json(try await Members.list(tenant)) },
        WorkspaceExporter(fileName: "invitations.json") { tenant in
            try json(try await tenant.query(Invitation.self).sort(\.$createdAt).all().map(ExportedInvitation.init))
        },
        WorkspaceExporter(fileName: "api_keys.json") { tenant in
            try json(
                try await tenant.query(APIKey.self).sort(\.$createdAt).all().map {
                    try WorkspaceResponses.APIKeyInfo($0)
                })
        },
        WorkspaceExporter(fileName: "audit_events.json") { tenant in
            let events = try await AuditLog.allEvents(in: tenant)
            return try json(try events.map(WorkspaceResponses.AuditEventInfo.init))
        },
    ]

    struct ExportedInvitation: Codable {
        var id: UUID?
        var email: String
        var role: Role
        var createdAt: Date
        var expiresAt: Date
        var acceptedAt: Date?
        var revokedAt: Date?
        enum CodingKeys: String, CodingKey {
            case id, email, role, createdAt = "created_at", expiresAt = "expires_at", acceptedAt = "accepted_at",
                revokedAt = "revoked_at"
        }

        init(_ invitation: Invitation) {
            id = invitation.id
            email = invitation.email
            role = invitation.role
            createdAt = invitation.createdAt
            expiresAt = invitation.expiresAt
            acceptedAt = invitation.acceptedAt
            revokedAt = invitation.revokedAt
        }
    }

    static func json(_ value: some Encodable) throws -> Data { try WorkspaceExporter.json(value) }
}

extension Application {
    private struct ExportersKey: StorageKey { typealias Value = [WorkspaceExporter] }

    /// The files of a workspace export; each module that holds workspace data appends its own.
    package var workspaceExporters: [WorkspaceExporter] {
        get { storage[ExportersKey.self] ?? [] }
        set { storage[ExportersKey.self] = newValue }
    }

    private struct AttachmentSourcesKey: StorageKey { typealias Value = [ExportAttachmentSource] }

    /// The stored files of an export that includes them; each module that stores files outside the database adds
    /// its own.
    package var workspaceAttachmentSources: [ExportAttachmentSource] {
        get { storage[AttachmentSourcesKey.self] ?? [] }
        set { storage[AttachmentSourcesKey.self] = newValue }
    }
}
