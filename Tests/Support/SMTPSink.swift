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

    package let port: Int
    package let directory: String
    private let process: Process
    private let stdin: Pipe

    /// Starts the sink; `tls` is none, starttls or implicit.
    package init(tls: String = "none", certificates: TestCertificates? = nil, auth: String? = nil, requireAuth: Bool = false) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("parley-smtp")
        var arguments = [TestEnvironment.toolsDirectory + "/smtp_sink.py", "--out", directory, "--tls", tls]
        if let certificates { arguments += ["--cert", certificates.serverCertificate, "--key", certificates.serverKey] }
        if let auth { arguments += ["--auth", auth] }
        if requireAuth { arguments.append("--require-auth") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        stdin = Pipe()
        process.standardOutput = out
        process.standardInput = stdin  // the sink exits when this pipe closes
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            process.terminate()
            throw SinkError(description: "the SMTP sink did not start: '\(text)'")
        }
        self.port = port
    }

    /// The messages accepted so far, in order.
    package func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))) as? [String: Any] ?? [:]
            let raw = try String(contentsOfFile: directory + "/" + name.replacingOccurrences(of: ".json", with: ".eml"), encoding: .utf8)
            return Received(raw: raw, mailFrom: json["mail_from"] as? String ?? "", recipients: json["rcpt_tos"] as? [String] ?? [],
                            authUser: json["auth_user"] as? String, tls: json["tls"] as? Bool ?? false)
        }
    }

    package func stop() {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { if process.isRunning { stop() } }
}

struct SinkError: Error, CustomStringConvertible { let description: String }

/// A throwaway CA and a server certificate for `localhost` / 127.0.0.1 signed by it.
package struct TestCertificates: Sendable {
    package let directory: String
    package var caCertificate: String { directory + "/ca.pem" }
    package var serverCertificate: String { directory + "/server.pem" }
    package var serverKey: String { directory + "/server.key" }

    package static func make() throws -> TestCertificates {
        let directory = try TestEnvironment.makeTemporaryDirectory("parley-certs")
        let result = try ChildProcess.run("/usr/bin/env", ["python3", TestEnvironment.toolsDirectory + "/make_test_cert.py", directory])
        guard result.status == 0 else { throw SinkError(description: "make_test_cert.py failed: \(result.stderr)") }
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

    package static func parse(_ raw: String) throws -> Parsed {
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
        let result = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script, path])
        guard result.status == 0 else { throw SinkError(description: "python email parser failed: \(result.stderr)") }
        return try JSONDecoder().decode(Parsed.self, from: Data(result.stdout.utf8))
    }
}
