import Fluent
import Foundation
import SMTPClient

/// Puts mail in the outbox and delivers it through a job, so a slow or failing server never blocks a request,
/// and the mail is written in the same transaction as the change that caused it.
package enum Mailer {
    package static let deliveryJobKind = "mail.deliver"

    /// Validates the addresses and header values, stores the message and enqueues its delivery.
    /// Throws `MessageError` for a line break in any header value or an invalid address.
    @discardableResult
    package static func enqueue(
        _ template: MailTemplate, to recipient: EmailAddress, from sender: EmailAddress, workspaceID: UUID? = nil,
        on db: any Database, now: Date, messageIDDomain: String
    ) async throws -> UUID {
        for (field, value) in [
            ("subject", template.subject), ("recipient name", recipient.name ?? ""), ("template name", template.name),
        ]
        where MessageWriter.containsLineBreak(value) {
            throw MessageError.headerInjection(field: field)
        }
        let message = OutboxMessage()
        let id = UUID()
        message.id = id
        message.workspaceID = workspaceID
        message.template = template.name
        message.fromAddress = sender.description
        message.toAddress = recipient.description
        message.subject = template.subject
        message.textBody = template.textBody
        message.htmlBody = template.htmlBody
        message.messageID = "\(id.uuidString.lowercased())@\(messageIDDomain)"
        message.state = .queued
        message.attempts = 0
        message.createdAt = now
        try await db.writeTransaction { tx in
            try await message.create(on: tx)
            try await JobQueue.enqueue(
                JobRequest(kind: deliveryJobKind, payload: DeliveryPayload(outboxID: id), maxAttempts: 8), on: tx,
                now: now)
        }
        return id
    }

    struct DeliveryPayload: Codable { var outboxID: UUID }

    /// The delivery job: sends one outbox message. Transient failures are retried by the queue; a permanent one
    /// (a 5xx answer, a bad address) or the last attempt marks the message failed. Once the server accepted the
    /// message the job succeeds even if recording that fails, so a message is never sent twice.
    package static func deliveryJob(transport: @escaping @Sendable () -> MailTransport) -> JobDefinition {
        JobDefinition(backoff: Backoff(baseSeconds: 30, capSeconds: 3600)) { context in
            let payload = try context.decode(DeliveryPayload.self)
            guard let message = try await OutboxMessage.find(payload.outboxID, on: context.db) else {
                throw JobFailure.permanent("outbox message \(payload.outboxID) does not exist")
            }
            guard message.state == .queued else { return }
            message.attempts += 1
            do {
                try await transport().deliver(try emailMessage(from: message))
            } catch {
                let permanent = (error as? SMTPError)?.isPermanent ?? (error is MessageError)
                message.lastError = String(describing: error)
                if permanent || context.isLastAttempt {
                    message.state = .failed
                    message.forgetBody()
                }
                try await message.update(on: context.db)
                throw permanent ? JobFailure.permanent(String(describing: error)) : error
            }
            message.state = .sent
            message.sentAt = context.now
            message.lastError = nil
            message.forgetBody()
            do {
                try await message.update(on: context.db)
            } catch {
                context.logger.error(
                    "mail sent but its outbox row was not updated",
                    metadata: ["outbox_id": .string(payload.outboxID.uuidString)])
            }
        }
    }

    /// Deletes delivered and failed messages created before `cutoff` (the daily `jobs.prune` job). Their bodies
    /// are already gone; what stays until then is who was mailed what, and when.
    package static func prune(createdBefore cutoff: Date, on db: any Database) async throws {
        try await OutboxMessage.query(on: db).filter(\.$state != .queued).filter(\.$createdAt < cutoff).delete()
    }

    static func emailMessage(from message: OutboxMessage) throws -> EmailMessage {
        EmailMessage(
            from: try EmailAddress(parsing: message.fromAddress), to: [try EmailAddress(parsing: message.toAddress)],
            subject: message.subject, textBody: message.textBody, htmlBody: message.htmlBody,
            date: message.createdAt, messageID: message.messageID,
            extraHeaders: [("Auto-Submitted", "auto-generated"), ("X-Parley-Template", message.template)])
    }
}
