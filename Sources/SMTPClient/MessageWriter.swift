import Foundation

/// Writes an `EmailMessage` as an RFC 5322 message with MIME (RFC 2045–2047) bodies and CRLF line endings.
public enum MessageWriter {
    /// A boundary no body line can contain: quoted-printable output never holds `=_`.
    public static func makeBoundary() -> String {
        "=_parley_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
    }

    /// The whole message. Throws `MessageError.headerInjection` if any header value holds CR or LF.
    public static func render(_ message: EmailMessage, boundary: String) throws -> String {
        guard !message.to.isEmpty else { throw MessageError.noRecipients }
        try validateHeaderInputs(message)
        var headers: [(String, String)] = [
            ("Date", rfc5322Date(message.date)),
            ("From", mailbox(message.from)),
            ("To", message.to.map(mailbox).joined(separator: ", ")),
        ]
        if let replyTo = message.replyTo { headers.append(("Reply-To", mailbox(replyTo))) }
        headers += [
            ("Subject", encodedWord(message.subject)),
            ("Message-ID", "<\(message.messageID)>"),
            ("MIME-Version", "1.0"),
        ]
        headers += message.extraHeaders.map { ($0.name, $0.value) }
        var out = headers.map { "\($0): \($1)" }.joined(separator: "\r\n") + "\r\n"
        if let html = message.htmlBody {
            out += "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n"
            out += "This is a multi-part message in MIME format.\r\n"
            out += "--\(boundary)\r\n" + part(message.textBody, type: "text/plain")
            out += "--\(boundary)\r\n" + part(html, type: "text/html")
            out += "--\(boundary)--\r\n"
        } else {
            out += part(message.textBody, type: "text/plain")
        }
        return out
    }

    /// True when `text` holds a CR or LF, the characters that would end a header and start a forged one.
    public static func containsLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    }

    /// Every header input is checked as given, before any encoding could hide a line break.
    private static func validateHeaderInputs(_ message: EmailMessage) throws {
        var values: [(String, String)] = [("Subject", message.subject), ("Message-ID", message.messageID)]
        for address in [message.from] + message.to + (message.replyTo.map { [$0] } ?? []) {
            values.append(("address", address.address))
            values.append(("display name", address.name ?? ""))
        }
        values += message.extraHeaders.map { ($0.name, $0.value) }
        for (name, value) in values where containsLineBreak(value) {
            throw MessageError.headerInjection(field: name)
        }
        for (name, _) in message.extraHeaders
        where name.isEmpty || !name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }) {
            throw MessageError.headerInjection(field: "header name '\(name)'")
        }
    }

    private static func part(_ body: String, type: String) -> String {
        "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + QuotedPrintable.encode(body) + "\r\n"
    }

    /// `Name <addr>` with the name quoted, or RFC 2047-encoded when it is not plain ASCII.
    static func mailbox(_ address: EmailAddress) -> String {
        guard let name = address.name else { return address.address }
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address.address)>"
        }
        return "\(encodedWord(name)) <\(address.address)>"
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words (each at most 64 characters) for non-ASCII text; ASCII passes unchanged.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.value >= 32 || $0 == "\t") }) { return text }
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            // 39 bytes encode to 52 base64 characters; with the 12-character wrapper and a `Subject: ` prefix
            // every line stays within RFC 5322's 78.
            if chunk.count + bytes.count > 39 {
                words.append(chunk.base64EncodedString())
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append(chunk.base64EncodedString()) }
        // Folding whitespace between encoded words is ignored by readers (RFC 2047 §6.2), keeping lines short.
        return words.map { "=?UTF-8?B?\($0)?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
