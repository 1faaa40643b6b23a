/// RFC 2045 §6.7 quoted-printable encoding of UTF-8 text, with CRLF line breaks and soft breaks at 76 columns.
public enum QuotedPrintable {
    public static func encode(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalised.split(separator: "\n", omittingEmptySubsequences: false)
            .map { encodeLine(Array($0.utf8)) }
            .joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal =
                (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !isLast)
            // A leading dot is encoded too, so no line of the body can end an SMTP DATA section by itself.
            let needsEncoding = !literal || (current.isEmpty && byte == UInt8(ascii: "."))
            let token = needsEncoding ? "=" + hex(byte) : String(UnicodeScalar(byte))
            if current.utf8.count + token.utf8.count > 75 {
                lines.append(current + "=")
                current = ""
            }
            current += token
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Decodes quoted-printable text back to its UTF-8 string (used by tests and diagnostics).
    public static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.utf8)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "="), index + 1 < input.count {
                if input[index + 1] == UInt8(ascii: "\r"), index + 2 < input.count,
                    input[index + 2] == UInt8(ascii: "\n")
                {
                    index += 3
                    continue
                }
                if input[index + 1] == UInt8(ascii: "\n") { index += 2; continue }
                if index + 2 < input.count,
                    let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                {
                    bytes.append(value)
                    index += 3
                    continue
                }
            }
            bytes.append(byte)
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
