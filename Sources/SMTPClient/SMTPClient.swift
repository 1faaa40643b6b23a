import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// An RFC 5321 SMTP client: STARTTLS or implicit TLS, AUTH PLAIN or LOGIN, a time-out on every reply.
/// One connection per call; retries belong to the caller (Parley's job queue).
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup

    public init(
        configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.group = eventLoopGroup
    }

    /// Writes and sends `message` to all its `To` recipients.
    public func send(_ message: EmailMessage) async throws {
        let data = try MessageWriter.render(message, boundary: MessageWriter.makeBoundary())
        try await send(rawMessage: data, from: message.from.address, to: message.to.map(\.address))
    }

    /// Sends an already written RFC 5322 message with the given envelope.
    public func send(rawMessage: String, from sender: String, to recipients: [String]) async throws {
        guard !recipients.isEmpty else { throw MessageError.noRecipients }
        for address in [sender] + recipients
        where address.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" }) {
            throw MessageError.invalidAddress(address)
        }
        try await withSession { session in
            try await session.command("MAIL FROM:<\(sender)>", expect: [250], stage: "MAIL FROM")
            for recipient in recipients {
                try await session.command("RCPT TO:<\(recipient)>", expect: [250, 251], stage: "RCPT TO")
            }
            try await session.command("DATA", expect: [354], stage: "DATA")
            try await session.command(Self.dotStuffed(rawMessage) + "\r\n.", expect: [250], stage: "message body")
        }
    }

    /// Connects, secures and authenticates without sending anything; returns the server's EHLO capabilities.
    public func verifyConnection() async throws -> [String] {
        try await withSession { $0.capabilities }
    }

    private func withSession<T: Sendable>(_ body: @Sendable (inout SMTPSession) async throws -> T) async throws -> T {
        let configuration = configuration
        let tlsContext = configuration.security == .none ? nil : try configuration.makeTLSContext()
        let serverName = Self.serverName(for: configuration.host)
        let implicitTLS = configuration.security == .implicitTLS
        let received = ReceivedReplies()
        let channel: NIOAsyncChannel<SMTPResponse, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(configuration.timeoutSeconds))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS, let tlsContext {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tlsContext, serverHostname: serverName))
                        }
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(SMTPResponseDecoder(received: received)))
                        return try NIOAsyncChannel<SMTPResponse, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.connectionFailed(String(describing: error))
        }
        return try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(
                responses: inbound.makeAsyncIterator(), writer: outbound, channel: channel.channel,
                received: received, timeout: .seconds(configuration.timeoutSeconds))
            try await session.expect([220], stage: "greeting")
            try await session.hello(configuration.clientName)
            var encrypted = implicitTLS
            if configuration.security == .startTLS, let tlsContext {
                guard session.offers("STARTTLS") else { throw SMTPError.startTLSUnavailable }
                try await session.command("STARTTLS", expect: [220], stage: "STARTTLS")
                try await session.startTLS(context: tlsContext, serverName: serverName)
                try await session.hello(configuration.clientName)
                encrypted = true
            }
            if let credentials = configuration.credentials {
                guard encrypted || configuration.allowInsecureAuthentication else {
                    throw SMTPError.insecureAuthenticationRefused
                }
                try await session.authenticate(username: credentials.username, password: credentials.password)
            }
            let result = try await body(&session)
            try? await session.command("QUIT", expect: [221], stage: "QUIT")
            return result
        }
    }

    /// SNI takes a host name only; for an IP literal the certificate is checked against the address instead.
    private static func serverName(for host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// RFC 5321 §4.5.2: CRLF line endings, and a dot doubled at the start of every line.
    static func dotStuffed(_ message: String) -> String {
        let normalised = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix(".") ? "." + $0 : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\r\n")
    }
}
