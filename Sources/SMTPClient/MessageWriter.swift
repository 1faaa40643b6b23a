import Foundation

/// Writes an `EmailMessage` as an RFC 5322 message with MIME (RFC 2045–2047) bodies and CRLF line endings.
public enum MessageWriter {
    /// The whole message. Throws `MessageError.headerInjection` if any header value holds CR or LF.
    public static func render(_ message: EmailMessage, boundary: String) throws -> String {
        guard !message.to.isEmpty else { throw MessageError.noRecipients }
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
        for (name, value) in headers {
            guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }) else {
                throw MessageError.headerInjection(field: "header name '\(name)'")
            }
            if value.contains(where: { $0 == "\r" || $0 == "\n" }) || value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
                throw MessageError.headerInjection(field: name)
            }
        }
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

    /// RFC 2047 `=?UTF-8?B?…?=` words (each at most 75 characters) for non-ASCII text; ASCII passes unchanged.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.value >= 32 || $0 == "\t") }) { return text }
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            // 45 bytes encode to 60 base64 characters, plus 12 for the `=?UTF-8?B?` and `?=` wrapper.
            if chunk.count + bytes.count > 45 {
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
