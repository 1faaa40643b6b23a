import Foundation
import NIOCore
import NIOPosix
import ParleyTestSupport
@testable import SMTPClient
import Testing

/// Against a real SMTP server (aiosmtpd) on loopback, in each security mode.
@Suite(.enabled(if: TestEnvironment.smtpPeerEnabled, "needs python3 with aiosmtpd and cryptography"))
struct SMTPClientTests {
    static func message(subject: String = "Your proposal — ready to sign") throws -> EmailMessage {
        EmailMessage(
            from: try EmailAddress("parley@example.com", name: "Parley"),
            to: [try EmailAddress("client@example.org", name: "Cli Ent")],
            subject: subject, textBody: "Hello,\n.this line starts with a dot\nGrüße\n", htmlBody: "<p>Hello</p>",
            date: Date(), messageID: "\(UUID().uuidString)@example.com")
    }

    @Test func deliversOverPlainConnection() async throws {
        let sink = try await SMTPSink()
        defer { sink.stop() }
        try await SMTPClient(
            configuration: .init(host: "127.0.0.1", port: sink.port, security: .none, timeoutSeconds: 30)
        ).send(try Self.message())
        let received = try sink.received()
        #expect(received.count == 1)
        #expect(received[0].mailFrom == "parley@example.com")
        #expect(received[0].recipients == ["client@example.org"])
        #expect(received[0].tls == false)
        let parsed = try await PythonEmailParser.parse(received[0].raw)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.subject == "Your proposal — ready to sign")
        #expect(parsed.text == "Hello,\n.this line starts with a dot\nGrüße\n")
    }

    @Test func upgradesWithSTARTTLSAndAuthenticates() async throws {
        let certificates = try await TestCertificates.make()
        let sink = try await SMTPSink(
            tls: "starttls", certificates: certificates, auth: "parley:correct horse", requireAuth: true)
        defer { sink.stop() }
        let client = SMTPClient(
            configuration: .init(
                host: "localhost", port: sink.port, security: .startTLS,
                credentials: ("parley", "correct horse"), trustRootFiles: [certificates.caCertificate],
                timeoutSeconds: 30))
        let capabilities = try await client.verifyConnection()
        #expect(capabilities.contains { $0.uppercased().hasPrefix("AUTH") })
        try await client.send(try Self.message())
        let received = try sink.received()
        #expect(received.count == 1)
        #expect(received[0].tls)
        #expect(received[0].authUser == "parley")
    }

    @Test func speaksImplicitTLS() async throws {
        let certificates = try await TestCertificates.make()
        let sink = try await SMTPSink(tls: "implicit", certificates: certificates, auth: "parley:pw", requireAuth: true)
        defer { sink.stop() }
        let client = SMTPClient(
            configuration: .init(
                host: "127.0.0.1", port: sink.port, security: .implicitTLS,
                credentials: ("parley", "pw"), trustRootFiles: [certificates.caCertificate], timeoutSeconds: 30))
        try await client.send(try Self.message())
        #expect(try sink.received().first?.tls == true)
    }

    @Test func wrongPasswordIsAPermanentAuthenticationFailure() async throws {
        let certificates = try await TestCertificates.make()
        let sink = try await SMTPSink(
            tls: "starttls", certificates: certificates, auth: "parley:right", requireAuth: true)
        defer { sink.stop() }
        let client = SMTPClient(
            configuration: .init(
                host: "localhost", port: sink.port, security: .startTLS,
                credentials: ("parley", "wrong"), trustRootFiles: [certificates.caCertificate], timeoutSeconds: 30))
        let error = try await #require(throws: SMTPError.self) { try await client.send(try Self.message()) }
        guard case .authenticationFailed(let code, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(code == 535)
        #expect(error.isPermanent)
        #expect(!error.description.contains("wrong"), "the password never appears in an error")
        #expect(try sink.received().isEmpty)
    }

    /// A man in the middle that appends a plaintext reply to the server's `220` for STARTTLS must not have it read
    /// as the first reply over TLS: the client refuses any data it already holds when it starts TLS.
    @Test func plaintextSentAlongWithTheSTARTTLSAnswerIsRefused() async throws {
        let certificates = try await TestCertificates.make()
        let injector = try await LoopbackPeer.start(
            script: "smtp_starttls_injector.py",
            arguments: ["--cert", certificates.serverCertificate, "--key", certificates.serverKey])
        defer { injector.stop() }
        let client = SMTPClient(
            configuration: .init(
                host: "localhost", port: injector.port, security: .startTLS,
                trustRootFiles: [certificates.caCertificate], timeoutSeconds: 30))
        await #expect(throws: SMTPError.plaintextAfterStartTLS) { try await client.send(try Self.message()) }
    }

    @Test func refusesToContinueWithoutOfferedSTARTTLS() async throws {
        let sink = try await SMTPSink()
        defer { sink.stop() }
        let client = SMTPClient(
            configuration: .init(host: "127.0.0.1", port: sink.port, security: .startTLS, timeoutSeconds: 30))
        await #expect(throws: SMTPError.startTLSUnavailable) { try await client.send(try Self.message()) }
        #expect(try sink.received().isEmpty)
    }

    @Test func refusesToSendCredentialsInPlainText() async throws {
        let sink = try await SMTPSink(auth: "parley:pw")
        defer { sink.stop() }
        let client = SMTPClient(
            configuration: .init(
                host: "127.0.0.1", port: sink.port, security: .none, credentials: ("parley", "pw"), timeoutSeconds: 30))
        await #expect(throws: SMTPError.insecureAuthenticationRefused) { try await client.send(try Self.message()) }
        let allowed = SMTPClient(
            configuration: .init(
                host: "127.0.0.1", port: sink.port, security: .none, credentials: ("parley", "pw"),
                timeoutSeconds: 30, allowInsecureAuthentication: true))
        try await allowed.send(try Self.message())
        #expect(try sink.received().map(\.authUser) == ["parley"])
    }

    @Test func untrustedCertificateIsRejected() async throws {
        let certificates = try await TestCertificates.make()
        let sink = try await SMTPSink(tls: "implicit", certificates: certificates)
        defer { sink.stop() }
        let client = SMTPClient(
            configuration: .init(host: "localhost", port: sink.port, security: .implicitTLS, timeoutSeconds: 30))
        let error = try await #require(throws: SMTPError.self) { try await client.send(try Self.message()) }
        guard case .connectionFailed = error else {
            Issue.record("expected a TLS connection failure, got \(error)"); return
        }
        #expect(try sink.received().isEmpty)
    }
}

/// A server that accepts the connection and never says a word.
@Suite struct SMTPTimeoutTests {
    @Test func silentServerTimesOutAtTheGreeting() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let client = SMTPClient(configuration: .init(host: "127.0.0.1", port: port, security: .none, timeoutSeconds: 1))
        await #expect(throws: SMTPError.timedOut(stage: "greeting")) {
            try await client.send(try SMTPClientTests.message())
        }
        try await server.close()
    }

    @Test func refusedConnectionIsTransient() async throws {
        let client = SMTPClient(configuration: .init(host: "127.0.0.1", port: 1, security: .none, timeoutSeconds: 2))
        let error = try await #require(throws: SMTPError.self) { try await client.send(try SMTPClientTests.message()) }
        #expect(!error.isPermanent)
    }
}
