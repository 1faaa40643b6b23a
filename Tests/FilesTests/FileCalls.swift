import Fluent
import Foundation
import NIOCore
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting

/// Settings for the file tests: cheap accounts and a roomy public tier for downloads.
let fileVariables = authVariables.merging(["PARLEY_RATE_LIMIT_PUBLIC": "1000/60s"]) { _, new in new }

/// The path and query of a fresh download link.
func downloadPath(_ app: Application, fileID: String, disposition: String? = nil, bearer: String) async throws -> String
{
    let reply = try await call(
        app, .POST, "/api/v1/files/\(fileID)/link", json: disposition.map { ["disposition": $0] } ?? [:], bearer: bearer
    )
    #expect(reply.status == .created, "\(reply.text)")
    let url = try #require(reply.string("url"))
    #expect(url.hasPrefix(origin + "/files/"))
    return String(url.dropFirst(origin.count))
}

/// A GET without credentials, with the body's bytes.
func fetch(_ app: Application, _ path: String, headers: HTTPHeaders = [:]) async throws -> (
    status: HTTPStatus, headers: HTTPHeaders, body: [UInt8]
) {
    var result: (HTTPStatus, HTTPHeaders, [UInt8])?
    try await app.testing().test(.GET, path, headers: headers) { response async throws in
        result = (response.status, response.headers, Array(buffer: response.body))
    }
    return try #require(result)
}

/// Encrypted objects in the local store (data folder `blobs/`), excluding the temporary folder.
func storedObjects(_ app: Application) -> [String] {
    let root = StorageSettings.localRoot(app.settings.dataDirectory)
    let all = FileManager.default.enumerator(atPath: root)?.allObjects.compactMap { $0 as? String } ?? []
    return all.filter { !$0.hasPrefix("tmp") && BlobKey(($0 as NSString).lastPathComponent) != nil }
}

/// Moves a workspace to another plan, as an operator's SQL would, inside the workspace's context.
func setPlanDirectly(_ app: Application, _ workspaceID: UUID, _ plan: String) async throws {
    try await TenantContext.system(in: workspaceID, plan: .unchecked).run(on: app.db) { tenant in
        try await tenant.sql.raw("UPDATE workspaces SET plan_id = \(bind: plan) WHERE id = \(bind: workspaceID)").run()
    }
}

/// The audit actions recorded in one workspace, oldest first.
func workspaceAuditActions(_ app: Application, _ workspaceID: UUID) async throws -> [String] {
    try await TenantContext.system(in: workspaceID, plan: .unchecked).run(on: app.db) { tenant in
        try await AuditEvent.query(on: tenant.db).filter(\.$workspaceID == workspaceID).sort(\.$occurredAt).all().map(
            \.action)
    }
}
