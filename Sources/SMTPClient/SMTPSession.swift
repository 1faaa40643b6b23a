import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// One conversation with the server: send a line, await the reply within the time-out.
struct SMTPSession {
    private var responses: NIOAsyncChannelInboundStream<SMTPResponse>.AsyncIterator
    private let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel
    private let timeout: TimeAmount
    private let received: ReceivedReplies
    /// Replies read so far.
    private var read = 0
    private(set) var capabilities: [String] = []

    init(
        responses: NIOAsyncChannelInboundStream<SMTPResponse>.AsyncIterator,
        writer: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel, received: ReceivedReplies, timeout: TimeAmount
    ) {
        self.responses = responses
        self.writer = writer
        self.channel = channel
        self.received = received
        self.timeout = timeout
    }

    func offers(_ keyword: String) -> Bool {
        capabilities.contains { $0.uppercased() == keyword || $0.uppercased().hasPrefix(keyword + " ") }
    }

    mutating func hello(_ name: String) async throws {
        let reply = try await command("EHLO \(name)", expect: [250], stage: "EHLO")
        capabilities = Array(reply.lines.dropFirst())
    }

    /// Puts TLS under the conversation, on the event loop, so no byte can slip between the check and the
    /// handler: anything received beyond the replies already read is refused.
    mutating func startTLS(context: NIOSSLContext, serverName: String?) async throws {
        let (channel, received, read) = (channel, received, read)
        try await channel.eventLoop.submit {
            guard received.holdsNothingBeyond(read) else {
                channel.close(promise: nil)
                throw SMTPError.plaintextAfterStartTLS
            }
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
        }.get()
    }

    mutating func authenticate(username: String, password: String) async throws {
        let mechanisms =
            capabilities.first { $0.uppercased().hasPrefix("AUTH ") || $0.uppercased().hasPrefix("AUTH=") }?
            .dropFirst(5).uppercased().split(separator: " ").map(String.init) ?? []
        let reply: SMTPResponse
        if mechanisms.contains("PLAIN") {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            reply = try await command("AUTH PLAIN \(token)", expect: nil, stage: "AUTH")
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expect: [334], stage: "AUTH")
            try await command(Data(username.utf8).base64EncodedString(), expect: [334], stage: "AUTH")
            reply = try await command(Data(password.utf8).base64EncodedString(), expect: nil, stage: "AUTH")
        } else {
            throw SMTPError.noSupportedAuthMechanism(offered: mechanisms.joined(separator: " "))
        }
        guard reply.code == 235 else { throw SMTPError.authenticationFailed(code: reply.code, message: reply.text) }
    }

    /// Sends one line and checks the reply code (`expect: nil` returns any reply). The stage names the step
    /// in errors, so credentials never appear in a message.
    @discardableResult
    mutating func command(_ line: String, expect codes: Set<Int>?, stage: String) async throws -> SMTPResponse {
        do {
            try await writer.write(ByteBuffer(string: line + "\r\n"))
        } catch {
            throw SMTPError.connectionFailed(String(describing: error))
        }
        return try await expect(codes, stage: stage)
    }

    @discardableResult
    mutating func expect(_ codes: Set<Int>?, stage: String) async throws -> SMTPResponse {
        let reply = try await read(stage: stage)
        if let codes, !codes.contains(reply.code) {
            throw SMTPError.rejected(command: stage, code: reply.code, message: reply.text)
        }
        return reply
    }

    /// The next reply; the connection is closed if it does not come within the time-out.
    private mutating func read(stage: String) async throws -> SMTPResponse {
        let expired = NIOLockedValueBox(false)
        let channel = channel
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            expired.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            if let reply = try await responses.next() {
                read += 1
                return reply
            }
        } catch let error as SMTPError {
            throw error
        } catch {
            if expired.withLockedValue({ $0 }) { throw SMTPError.timedOut(stage: stage) }
            throw SMTPError.connectionFailed(String(describing: error))
        }
        throw expired.withLockedValue({ $0 }) ? SMTPError.timedOut(stage: stage) : SMTPError.closedByServer
    }
}
