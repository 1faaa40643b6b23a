import Fluent
import Foundation
import ParleyCore
import SMTPClient
import Vapor

/// The waitlist's rules, as functions that take their dependencies explicitly.
enum Waitlist {
    /// How long a confirmation link works, and how often one address can be sent a new one.
    static let confirmationLifetime: TimeInterval = 48 * 3600
    static let resendInterval: TimeInterval = 10 * 60

    struct Environment: Sendable {
        var db: any Database
        var now: Date
        var random: RandomSource
        var publicURL: URL
        var mailFrom: EmailAddress
        var logger: Logger

        /// The application's clock, randomness, links and sender, over `db`.
        init(_ app: Application, db: any Database, logger: Logger) throws {
            self.db = db
            now = app.clock.now()
            random = app.random
            publicURL = app.settings.publicURL
            mailFrom = try EmailAddress(parsing: app.settings.mailFrom)
            self.logger = logger
        }
    }

    /// Adds or merges the entry and, unless it is confirmed or was mailed a moment ago, sends a confirmation link.
    /// The caller answers the same way in every case, so the endpoint reveals nothing about who is listed.
    static func join(_ signup: WaitlistSignup, _ env: Environment, audit: AuditEntry) async throws {
        try await env.db.writeTransaction { tx in
            let entry =
                try await WaitlistEntry.query(on: tx).filter(\.$email == signup.email.address).first()
                ?? {
                    let entry = WaitlistEntry()
                    entry.id = UUID()
                    entry.email = signup.email.address
                    entry.createdAt = env.now
                    return entry
                }()
            entry.name = signup.name
            entry.company = signup.company
            entry.consentedAt = env.now
            entry.updatedAt = env.now
            let mailNow =
                entry.confirmedAt == nil
                && (entry.confirmationSentAt.map { env.now.timeIntervalSince($0) >= resendInterval } ?? true)
            var token: String?
            if mailNow {
                let fresh = env.random.hexToken(byteCount: 32)
                entry.confirmTokenHash = sha256Hex(fresh)
                entry.confirmExpiresAt = env.now + confirmationLifetime
                entry.confirmationSentAt = env.now
                token = fresh
            }
            try await entry.save(on: tx)
            var event = audit
            event.target = ("waitlist_entry", try entry.requireID().uuidString)
            event.metadata["confirmation_sent"] = token == nil ? "false" : "true"
            try await AuditLog.record(event, on: tx, logger: env.logger, now: env.now)
            if let token {
                try await Mailer.enqueue(
                    confirmationMail(name: signup.name, token: token, publicURL: env.publicURL),
                    to: try EmailAddress(entry.email, name: entry.name), from: env.mailFrom,
                    on: tx, now: env.now, messageIDDomain: env.publicURL.host ?? "localhost")
            }
        }
    }

    enum ConfirmOutcome: Equatable { case confirmed, invalid }

    /// Confirms the entry holding this token, once, before it expires.
    static func confirm(token: String, _ env: Environment, audit: AuditEntry) async throws -> ConfirmOutcome {
        guard token.utf8.count == 64, token.allSatisfy(\.isHexDigit) else { return .invalid }
        return try await env.db.writeTransaction { tx in
            guard
                let entry = try await WaitlistEntry.query(on: tx).filter(\.$confirmTokenHash == sha256Hex(token))
                    .first(),
                let expires = entry.confirmExpiresAt, expires > env.now
            else { return .invalid }
            entry.confirmedAt = env.now
            entry.confirmTokenHash = nil
            entry.confirmExpiresAt = nil
            entry.updatedAt = env.now
            try await entry.save(on: tx)
            var event = audit
            event.target = ("waitlist_entry", try entry.requireID().uuidString)
            try await AuditLog.record(event, on: tx, logger: env.logger, now: env.now)
            return .confirmed
        }
    }

    /// Sends invitations to confirmed entries not yet invited (all of them, or one address).
    static func invite(email: String?, _ env: Environment) async throws -> Int {
        var query = WaitlistEntry.query(on: env.db).filter(\.$confirmedAt != nil).filter(\.$invitedAt == nil)
        if let email { query = query.filter(\.$email == email.lowercased()) }
        let entries = try await query.sort(\.$createdAt).all()
        for entry in entries {
            try await env.db.writeTransaction { tx in
                entry.invitedAt = env.now
                entry.updatedAt = env.now
                try await entry.save(on: tx)
                try await Mailer.enqueue(
                    invitationMail(name: entry.name, publicURL: env.publicURL),
                    to: try EmailAddress(entry.email, name: entry.name), from: env.mailFrom,
                    on: tx, now: env.now, messageIDDomain: env.publicURL.host ?? "localhost")
                try await AuditLog.record(
                    AuditEntry(
                        action: "waitlist.invited", actor: .system,
                        target: ("waitlist_entry", try entry.requireID().uuidString)),
                    on: tx, logger: env.logger, now: env.now)
            }
        }
        return entries.count
    }

    /// The token travels after `#`, which browsers never send: no proxy or access log sees it. The page's script
    /// (`/assets/auth.js`) moves it into the form that POSTs it.
    static func confirmationMail(name: String, token: String, publicURL: URL) -> MailTemplate {
        MailTemplate(
            name: "waitlist.confirm", subject: "Confirm your place on the Parley waitlist", greeting: "Hello \(name),",
            paragraphs: [
                "Thanks for joining the Parley beta waitlist. Please confirm your email address; the link works for 48 hours."
            ],
            action: .init(
                label: "Confirm my place", url: publicURL.absoluteString + "/waitlist/confirm#token=" + token),
            footer:
                "You received this because someone entered this address on Parley's waitlist. If it wasn't you, ignore this message and nothing happens."
        )
    }

    static func invitationMail(name: String, publicURL: URL) -> MailTemplate {
        MailTemplate(
            name: "waitlist.invite", subject: "Your invitation to the Parley beta", greeting: "Hello \(name),",
            paragraphs: ["Your place on the waitlist came up: you are invited to the Parley beta."],
            action: .init(label: "Open Parley", url: publicURL.absoluteString),
            footer: "You received this because you confirmed your place on Parley's waitlist.")
    }
}
