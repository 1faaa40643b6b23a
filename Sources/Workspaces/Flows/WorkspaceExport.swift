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

/// `GET /api/v1/workspace/export`: everything the workspace holds, as a ZIP of JSON files. Secrets stay out: no
/// token or key hashes, no password material.
enum WorkspaceExport {
    static func archive(_ exporters: [WorkspaceExporter], _ tenant: TenantDatabase, _ env: WorkspacesEnvironment) async throws -> Data {
        final class Buffer: @unchecked Sendable { var data = Data() }
        let buffer = Buffer()
        var writer = ZipWriter { buffer.data.append($0) }
        try writer.addFile(path: "README.txt", data: Data(readme.utf8), modified: env.now)
        for exporter in exporters {
            try writer.addFile(path: exporter.fileName, data: try await exporter.export(tenant), modified: env.now)
        }
        try writer.finish()
        try await env.record("workspace.exported", by: tenant.context.auditActor, in: tenant, target: ("workspace", tenant.workspaceID.uuidString),
                             metadata: ["files": String(exporters.count + 1), "bytes": String(buffer.data.count)])
        return buffer.data
    }

    static let readme = """
        This archive holds a Parley workspace's data as JSON, one file per kind of record, times in ISO 8601 (UTC).
        Secrets are not included: invitation tokens, API key secrets and their hashes never leave Parley.
        """

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
            try json(try await tenant.query(APIKey.self).sort(\.$createdAt).all().map { try WorkspaceResponses.APIKeyInfo($0) })
        },
        WorkspaceExporter(fileName: "audit_events.json") { tenant in
            let events = try await AuditEvent.query(on: tenant.db).filter(\.$workspaceID == tenant.workspaceID).sort(\.$occurredAt).all()
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
            case id, email, role, createdAt = "created_at", expiresAt = "expires_at", acceptedAt = "accepted_at", revokedAt = "revoked_at"
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
}
