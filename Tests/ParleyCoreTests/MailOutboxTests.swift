import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import SMTPClient
import Testing
import Vapor

@Suite struct MailOutboxTests {
    static let template = MailTemplate(
        name: "account.verify-email", subject: "Confirm your email — Parley",
        greeting: "Hello Ada,", paragraphs: ["Please confirm <this> address & carry on."],
        action: .init(label: "Confirm email", url: "http://localhost:8080/verify?t=abc"))

    private func enqueue(_ app: Application, subject: String? = nil) async throws -> UUID {
        var template = Self.template
        if let subject { template.subject = subject }
        return try await Mailer.enqueue(
            template, to: try EmailAddress("ada@example.com", name: "Ada Lovelace"),
            from: try EmailAddress(parsing: app.settings.mailFrom), on: app.db,
            now: app.clock.now(), messageIDDomain: "parley.test")
    }

    @Test(arguments: DatabaseLane.enabled)
    func fileTransportWritesAReadableMessage(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let id = try await enqueue(app)
            #expect(try await OutboxMessage.find(id, on: app.db)?.state == .queued)
            #expect(try await JobRecord.query(on: app.db).filter(\.$kind == Mailer.deliveryJobKind).count() == 1)
            try await app.makeJobWorker().drain()
            let sent = try #require(try await OutboxMessage.find(id, on: app.db))
            #expect(sent.state == .sent)
            #expect(sent.sentAt != nil)
            // The sent body held a live link: it is gone from the outbox, the envelope stays.
            #expect(sent.textBody.isEmpty && sent.htmlBody == nil)
            #expect(sent.toAddress.contains("ada@example.com"))
            let directory = app.settings.mailDirectory
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(files.count == 1)
            let path = directory + "/" + files[0]
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?
                .intValue
            #expect(mode == 0o600)
            let raw = try String(contentsOfFile: path, encoding: .utf8)
            let parsed = try await PythonEmailParser.parse(raw)
            #expect(parsed.defects.isEmpty)
            #expect(parsed.subject == "Confirm your email — Parley")
            #expect(parsed.to == "Ada Lovelace <ada@example.com>")
            #expect(parsed.text.contains("http://localhost:8080/verify?t=abc"))
            #expect(parsed.html?.contains("Please confirm &lt;this&gt; address &amp; carry on.") == true)
        }
    }

    @Test(
        arguments: DatabaseLane.enabled, ["Hi\r\nBcc: victim@example.com", "Hi\nBcc: victim@example.com", "Hi\rthere"])
    func headerInjectionIsRefusedAndNothingIsWritten(_ lane: DatabaseLane, _ subject: String) async throws {
        try await withTestApp(lane) { app async throws in
            await #expect(throws: MessageError.headerInjection(field: "subject")) {
                try await enqueue(app, subject: subject)
            }
            #expect(try await OutboxMessage.query(on: app.db).count() == 0)
            #expect(try await JobRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func addressesWithLineBreaksAreRefused() {
        #expect(throws: MessageError.self) { try EmailAddress(parsing: "ada@example.com\r\nBcc: eve@example.com") }
        #expect(throws: MessageError.self) { try EmailAddress("ada@example.com", name: "Ada\r\nBcc: eve@example.com") }
    }

    @Test(.enabled(if: TestEnvironment.smtpPeerEnabled, "needs python3 with aiosmtpd"), arguments: DatabaseLane.enabled)
    func smtpTransportDeliversThroughARealServer(_ lane: DatabaseLane) async throws {
        let sink = try await SMTPSink()
        defer { sink.stop() }
        try await withTestApp(lane) { app async throws in
            app.mailTransport = .smtp(
                SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none, timeoutSeconds: 30),
                group: app.eventLoopGroup)
            let id = try await enqueue(app)
            try await app.makeJobWorker().drain()
            #expect(try await OutboxMessage.find(id, on: app.db)?.state == .sent)
            let received = try sink.received()
            #expect(received.count == 1)
            #expect(received.first?.recipients == ["ada@example.com"])
            #expect(received.first?.mailFrom == "parley@localhost")
            #expect(try await PythonEmailParser.parse(received[0].raw).subject == "Confirm your email — Parley")
        }
    }

    @Test(.enabled(if: TestEnvironment.smtpPeerEnabled, "needs python3 with aiosmtpd"), arguments: DatabaseLane.enabled)
    func aPermanentRefusalFailsTheMessageWithoutRetrying(_ lane: DatabaseLane) async throws {
        let sink = try await SMTPSink(auth: "parley:secret", requireAuth: true)
        defer { sink.stop() }
        try await withTestApp(lane) { app async throws in
            app.mailTransport = .smtp(
                SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none, timeoutSeconds: 30),
                group: app.eventLoopGroup)
            let id = try await enqueue(app)
            try await app.makeJobWorker().drain()
            let message = try #require(try await OutboxMessage.find(id, on: app.db))
            #expect(message.state == .failed)
            #expect(message.lastError?.contains("530") == true)
            #expect(try await JobRecord.query(on: app.db).first()?.state == .dead)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aMessageOutOfAttemptsIsMarkedFailed(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, clock: clock.appClock) { app async throws in
            app.mailTransport = MailTransport(
                name: "down", deliver: { _ in throw SMTPError.timedOut(stage: "greeting") }, verify: {})
            let id = try await enqueue(app)
            let worker = app.makeJobWorker()
            var attempts = 0
            while try await worker.runNext() {
                attempts += 1
                clock.advance(by: 7200)
            }
            #expect(attempts == 8)
            let message = try #require(try await OutboxMessage.find(id, on: app.db))
            #expect(message.state == .failed)
            #expect(message.attempts == 8)
            #expect(message.textBody.isEmpty, "a message that will never be sent keeps no link either")
            #expect(try await JobRecord.query(on: app.db).first()?.state == .dead)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func anUnreachableServerIsRetriedLater(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            // Port 1 on loopback: nothing listens, the connection is refused at once.
            app.mailTransport = .smtp(
                SMTPConfiguration(host: "127.0.0.1", port: 1, security: .none, timeoutSeconds: 2),
                group: app.eventLoopGroup)
            let id = try await enqueue(app)
            try await app.makeJobWorker().runNext()
            let message = try #require(try await OutboxMessage.find(id, on: app.db))
            #expect(message.state == .queued)
            #expect(message.attempts == 1)
            let job = try #require(try await JobRecord.query(on: app.db).first())
            #expect(job.state == .queued)
            #expect(job.runAt > app.clock.now())
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func deliveredMessagesArePrunedAfterThirtyDays(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, clock: clock.appClock) { app async throws in
            let old = try await enqueue(app)
            try await app.makeJobWorker().drain()
            clock.advance(by: 31 * 86_400)
            app.mailTransport = MailTransport(
                name: "down", deliver: { _ in throw SMTPError.timedOut(stage: "greeting") }, verify: {})
            let waiting = try await enqueue(app)
            try await Mailer.prune(createdBefore: clock.now - 30 * 86_400, on: app.db)
            #expect(try await OutboxMessage.find(old, on: app.db) == nil)
            #expect(try await OutboxMessage.find(waiting, on: app.db)?.state == .queued, "queued mail is never pruned")
        }
    }
}
