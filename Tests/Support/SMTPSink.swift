import Foundation
import Testing

/// A real SMTP server on loopback (aiosmtpd, via `tools/smtp_sink.py`) that stores what it accepts.
package final class SMTPSink: @unchecked Sendable {
    package struct Received: Sendable {
        package let raw: String
        package let mailFrom: String
        package let recipients: [String]
        package let authUser: String?
        package let tls: Bool
    }

    package let directory: String
    private let peer: LoopbackPeer
    package var port: Int { peer.port }

    /// Starts the sink; `tls` is none, starttls or implicit.
    package init(
        tls: String = "none", certificates: TestCertificates? = nil, auth: String? = nil, requireAuth: Bool = false
    ) async throws {
        directory = try TestEnvironment.makeTemporaryDirectory("parley-smtp")
        var arguments = ["--out", directory, "--tls", tls]
        if let certificates {
            arguments += ["--cert", certificates.serverCertificate, "--key", certificates.serverKey]
        }
        if let auth { arguments += ["--auth", auth] }
        if requireAuth { arguments.append("--require-auth") }
        peer = try await LoopbackPeer.start(script: "smtp_sink.py", arguments: arguments)
    }

    /// The messages accepted so far, in order.
    package func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let json =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
                as? [String: Any] ?? [:]
            let raw = try String(
                contentsOfFile: directory + "/" + name.replacingOccurrences(of: ".json", with: ".eml"), encoding: .utf8)
            return Received(
                raw: raw, mailFrom: json["mail_from"] as? String ?? "", recipients: json["rcpt_tos"] as? [String] ?? [],
                authUser: json["auth_user"] as? String, tls: json["tls"] as? Bool ?? false)
        }
    }

    package func stop() {
        peer.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A throwaway CA and a server certificate for `localhost` / 127.0.0.1 signed by it.
package struct TestCertificates: Sendable {
    package let directory: String
    package var caCertificate: String { directory + "/ca.pem" }
    package var serverCertificate: String { directory + "/server.pem" }
    package var serverKey: String { directory + "/server.key" }

    package static func make() async throws -> TestCertificates {
        let directory = try TestEnvironment.makeTemporaryDirectory("parley-certs")
        let result = try await ChildProcess.run(
            "/usr/bin/env", ["python3", TestEnvironment.toolsDirectory + "/make_test_cert.py", directory])
        guard result.status == 0 else { throw PeerError(description: "make_test_cert.py failed: \(result.stderr)") }
        return TestCertificates(directory: directory)
    }
}

/// Parses an RFC 5322 message with Python's standard `email` package: an independent reader of what Parley writes.
package enum PythonEmailParser {
    package struct Parsed: Decodable, Sendable {
        package let subject: String
        package let from: String
        package let to: String
        package let text: String
        package let html: String?
        package let defects: [String]
    }

    package static func parse(_ raw: String) async throws -> Parsed {
        let directory = try TestEnvironment.makeTemporaryDirectory("parley-eml")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/message.eml"
        try Data(raw.utf8).write(to: URL(fileURLWithPath: path))
        let script = """
            import email, email.policy, json, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            defects = [type(d).__name__ for d in m.defects]
            for part in m.walk(): defects += [type(d).__name__ for d in part.defects]
            text = m.get_body(('plain',)); html = m.get_body(('html',))
            crlf = lambda t: t.replace('\\r\\n', '\\n')
            print(json.dumps({'subject': str(m['subject']), 'from': str(m['from']), 'to': str(m['to']),
                'text': crlf(text.get_content()) if text else '', 'html': crlf(html.get_content()) if html else None, 'defects': defects}))
            """
        let result = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script, path])
        guard result.status == 0 else { throw PeerError(description: "python email parser failed: \(result.stderr)") }
        return try JSONDecoder().decode(Parsed.self, from: Data(result.stdout.utf8))
    }
}
