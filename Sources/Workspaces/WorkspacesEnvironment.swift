import Fluent
import Foundation
import ParleyCore
import SMTPClient
import Vapor

/// What the workspace flows need, passed explicitly: database, clock, randomness, links, mail and the caller.
struct WorkspacesEnvironment: Sendable {
    var db: any Database
    var now: Date
    var random: RandomSource
    var publicURL: URL
    var mailFrom: EmailAddress
    var logger: Logger
    var ip: String?
    var userAgent: String?
    var requestID: String?
    /// What other modules remove when a workspace is purged (`app.workspacePurgeHandlers`).
    var purgeHandlers: [WorkspacePurgeHandler] = []

    /// `now` defaults to the application clock's; a job passes its own.
    init(_ app: Application, db: any Database, logger: Logger, now: Date? = nil) throws {
        self.db = db
        self.now = now ?? app.clock.now()
        random = app.random
        publicURL = app.settings.publicURL
        mailFrom = try EmailAddress(parsing: app.settings.mailFrom)
        self.logger = logger
        purgeHandlers = app.workspacePurgeHandlers
    }

    init(_ request: Request) throws {
        try self.init(request.application, db: request.db, logger: request.logger)
        ip = request.clientIP
        userAgent = request.headers.first(name: .userAgent).map { String($0.prefix(512)) }
        requestID = request.requestID
    }

    /// Records an event of the workspace `tenant` is bound to, inside its transaction.
    func record(
        _ action: String, by actor: AuditActor, in tenant: TenantDatabase, target: (kind: String, id: String)? = nil,
        metadata: [String: String] = [:]
    ) async throws {
        let entry = AuditEntry(
            action: action, actor: actor, workspaceID: tenant.workspaceID, target: target, ip: ip,
            userAgent: userAgent, requestID: requestID, metadata: metadata)
        try await tenant.record(entry, logger: logger, now: now)
    }

    /// Queues a mail in `tenant`'s transaction, so it is sent only if the change commits.
    func mail(_ template: MailTemplate, to address: String, in tenant: TenantDatabase) async throws {
        try await tenant.enqueueMail(
            template, to: try EmailAddress(address, name: nil), from: mailFrom, now: now,
            messageIDDomain: publicURL.host ?? "localhost")
    }
}
