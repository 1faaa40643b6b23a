import Foundation
import NIOCore
import SMTPClient

/// Delivers a written message. `file` writes `.eml` files into the data folder; `smtp` talks to a server.
package struct MailTransport: Sendable {
    package var name: String
    package var deliver: @Sendable (EmailMessage) async throws -> Void
    /// Checks that delivery could work (connects and authenticates for SMTP) without sending anything.
    package var verify: @Sendable () async throws -> Void

    package init(
        name: String, deliver: @escaping @Sendable (EmailMessage) async throws -> Void,
        verify: @escaping @Sendable () async throws -> Void
    ) {
        self.name = name
        self.deliver = deliver
        self.verify = verify
    }

    /// Writes each message as an RFC 5322 `.eml` file (mode 0600) into `directory` (mode 0700).
    package static func file(directory: String) -> MailTransport {
        MailTransport(
            name: "file",
            deliver: { message in
                try ensureDirectory(directory)
                let text = try MessageWriter.render(message, boundary: MessageWriter.makeBoundary())
                let stamp = ISO8601DateFormatter().string(from: message.date).replacingOccurrences(of: ":", with: "")
                let path = "\(directory)/\(stamp)-\(message.messageID.prefix(while: { $0 != "@" })).eml"
                guard
                    FileManager.default.createFile(
                        atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
                else {
                    throw MailTransportError.cannotWrite(path)
                }
            },
            verify: {
                try ensureDirectory(directory)
                guard FileManager.default.isWritableFile(atPath: directory) else {
                    throw MailTransportError.cannotWrite(directory)
                }
            })
    }

    package static func smtp(_ configuration: SMTPConfiguration, group: any EventLoopGroup) -> MailTransport {
        let client = SMTPClient(configuration: configuration, eventLoopGroup: group)
        return MailTransport(
            name: "smtp", deliver: { try await client.send($0) }, verify: { _ = try await client.verifyConnection() })
    }

    private static func ensureDirectory(_ directory: String) throws {
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
    }
}

package enum MailTransportError: Error, CustomStringConvertible {
    case cannotWrite(String)
    package var description: String {
        switch self {
        case .cannotWrite(let path): "Cannot write mail to \(path)"
        }
    }
}
