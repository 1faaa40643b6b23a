import Foundation
@testable import SMTPClient
import Testing

@Suite struct MessageWriterTests {
    static func message(
        subject: String = "Hello", name: String? = "Ada Lovelace", text: String = "Body\n",
        html: String? = "<p>Body</p>",
        extra: [(name: String, value: String)] = []
    ) throws -> EmailMessage {
        EmailMessage(
            from: try EmailAddress("parley@example.com", name: "Parley"),
            to: [try EmailAddress("ada@example.com", name: name)],
            subject: subject, textBody: text, htmlBody: html, date: Date(timeIntervalSince1970: 1_800_000_000),
            messageID: "abc123@example.com", extraHeaders: extra)
    }

    @Test func writesRFC5322HeadersWithCRLF() throws {
        let raw = try MessageWriter.render(try Self.message(), boundary: "b1")
        #expect(
            raw.hasPrefix(
                "Date: Fri, 15 Jan 2027 08:00:00 +0000\r\nFrom: \"Parley\" <parley@example.com>\r\nTo: \"Ada Lovelace\" <ada@example.com>\r\n"
            ))
        #expect(raw.contains("\r\nMessage-ID: <abc123@example.com>\r\nMIME-Version: 1.0\r\n"))
        #expect(raw.contains("Content-Type: multipart/alternative; boundary=\"b1\""))
        #expect(raw.replacingOccurrences(of: "\r\n", with: "").contains("\n") == false, "every line ends in CRLF")
        #expect(raw.hasSuffix("--b1--\r\n"))
    }

    @Test(arguments: ["Hi\r\nBcc: eve@example.com", "Hi\nBcc: eve@example.com", "Hi\rX: y"])
    func subjectWithALineBreakIsRefused(_ subject: String) throws {
        let message = try Self.message(subject: subject)
        #expect(throws: MessageError.headerInjection(field: "Subject")) {
            try MessageWriter.render(message, boundary: "b")
        }
    }

    @Test func unicodeLineSeparatorIsEncodedNotRefused() throws {
        // U+2028 is no line break in a mail header; it travels inside an RFC 2047 word.
        #expect(
            try MessageWriter.render(try Self.message(subject: "Hi\u{2028}there"), boundary: "b").contains(
                "Subject: =?UTF-8?B?"))
    }

    @Test func extraHeaderValuesAndNamesAreChecked() throws {
        #expect(throws: MessageError.headerInjection(field: "X-Tag")) {
            try MessageWriter.render(try Self.message(extra: [("X-Tag", "a\r\nBcc: eve@example.com")]), boundary: "b")
        }
        #expect(throws: MessageError.self) {
            try MessageWriter.render(try Self.message(extra: [("Bad: Name", "x")]), boundary: "b")
        }
    }

    @Test func nonASCIISubjectIsEncodedInShortWords() throws {
        let subject = "Angebot für Müller & Söhne — Überarbeitung der Preise für 2027, bitte prüfen 🙂"
        let raw = try MessageWriter.render(try Self.message(subject: subject), boundary: "b")
        let header = raw.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }
        let lines = [header.first!] + header.dropFirst().prefix { $0.hasPrefix(" ") }
        #expect(lines.count > 1, "a long subject folds")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let decoded = lines.joined().components(separatedBy: "=?UTF-8?B?").dropFirst().map { word in
            Data(base64Encoded: String(word.prefix { $0 != "?" }))!
        }.reduce(Data(), +)
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
    }

    @Test func displayNamesAreQuotedOrEncoded() throws {
        #expect(
            MessageWriter.mailbox(try EmailAddress("a@example.com", name: "O\"Brien, Pat"))
                == "\"O\\\"Brien, Pat\" <a@example.com>")
        #expect(
            MessageWriter.mailbox(try EmailAddress("a@example.com", name: "Zoë")).hasPrefix("=?UTF-8?B?Wm/Dqw==?= <"))
        #expect(MessageWriter.mailbox(try EmailAddress("a@example.com")) == "a@example.com")
    }

    @Test(arguments: [
        ("ada@example.com", true), ("a.b+tag@sub.example.org", true),
        ("no-at-sign", false), ("two@@example.com", false), ("@example.com", false), ("ada@", false),
        ("ada @example.com", false), ("<ada@example.com>", false), ("ada@example.com\r\n", false),
    ])
    func addressValidation(_ address: String, _ valid: Bool) {
        #expect(((try? EmailAddress(address)) != nil) == valid)
    }

    @Test func parsesDisplayNameForms() throws {
        let quoted = try EmailAddress(parsing: "\"Parley Team\" <team@example.com>")
        #expect(quoted.name == "Parley Team")
        #expect(quoted.address == "team@example.com")
        #expect(try EmailAddress(parsing: "team@example.com").name == nil)
    }
}

@Suite struct QuotedPrintableTests {
    @Test(arguments: [
        ("a=b", "a=3Db"),
        ("trailing space ", "trailing space=20"),
        ("tab\t", "tab=09"),
        ("é", "=C3=A9"),
        (".dot at start", "=2Edot at start"),
        ("line one\nline two", "line one\r\nline two"),
    ])
    func encodesPerRFC2045(_ input: String, _ expected: String) {
        #expect(QuotedPrintable.encode(input) == expected)
    }

    @Test func longLinesAreSoftBrokenAt76() {
        let encoded = QuotedPrintable.encode(String(repeating: "é", count: 60) + String(repeating: "x", count: 200))
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
    }

    @Test(arguments: [
        "plain", "Grüße, ½ € and 🙂", "a=b c= d\n\nnext ", String(repeating: "long ", count: 50), ".\n..\n.",
    ])
    func decodingInvertsEncoding(_ text: String) {
        #expect(
            QuotedPrintable.decode(QuotedPrintable.encode(text)) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func dataSectionIsDotStuffed() {
        #expect(SMTPClient.dotStuffed(".a\n.b\r\nc\n") == "..a\r\n..b\r\nc")
    }
}
