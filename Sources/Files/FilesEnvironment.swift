import Fluent
import Foundation
import ParleyCore
import Vapor

/// What the file flows need, passed explicitly: database, clock, blob store, link signer and the caller.
struct FilesEnvironment: Sendable {
    var db: any Database
    var now: Date
    var blobs: EncryptedBlobStore
    var links: DownloadLinks
    var logger: Logger
    var ip: String?
    var userAgent: String?
    var requestID: String?

    init(_ app: Application, db: any Database, logger: Logger, now: Date? = nil) throws {
        guard let masterKey = app.masterKey else { throw BlobStoreError.backend("the master key is not loaded") }
        self.db = db
        self.now = now ?? app.clock.now()
        blobs = try app.blobs
        links = DownloadLinks(
            masterKey: masterKey, publicURL: app.settings.publicURL,
            lifetimeSeconds: app.settings.storage.downloadLinkSeconds)
        self.logger = logger
    }

    init(_ request: Request) throws {
        try self.init(request.application, db: request.db, logger: request.logger)
        ip = request.clientIP
        userAgent = request.headers.first(name: .userAgent).map { String($0.prefix(512)) }
        requestID = request.requestID
    }

    /// Records an event of the workspace `tenant` is bound to, inside its transaction.
    func record(
        _ action: String, by actor: AuditActor, in tenant: TenantDatabase, file: StoredFile,
        metadata: [String: String] = [:]
    ) async throws {
        let entry = AuditEntry(
            action: action, actor: actor, workspaceID: tenant.workspaceID, target: ("file", file.id?.uuidString ?? ""),
            ip: ip, userAgent: userAgent, requestID: requestID, metadata: metadata)
        try await tenant.record(entry, logger: logger, now: now)
    }
}
