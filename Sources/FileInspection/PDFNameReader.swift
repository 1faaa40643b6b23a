/// Decodes one PDF name byte by byte, resolving `#xx` hex escapes, so `/Java#53cript` reads as `JavaScript`.
///
/// The caller decides where a name starts (after `/`) and ends (at a delimiter, see `isDelimiter`), so `/JSON` is
/// one name and never `/JS`. Only the first `maxLength` decoded bytes are kept, which is enough for every name this
/// module acts on; the buffer is reused between names.
struct PDFNameReader: Sendable {
    static let maxLength = 32
    private var bytes: [UInt8] = []
    private var isTruncated = false
    /// The hex digits read after `#` so far (at most one is pending).
    private var escape: [UInt8] = []
    private var inEscape = false

    /// Starts a new name.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        escape.removeAll(keepingCapacity: true)
        isTruncated = false
        inEscape = false
    }

    /// Feeds one byte of the name (never a delimiter or whitespace).
    mutating func consume(_ byte: UInt8) {
        guard inEscape else {
            if byte == UInt8(ascii: "#") { inEscape = true } else { append(byte) }
            return
        }
        guard Self.hexValue(byte) != nil else {
            // Not an escape after all: keep the characters as written, as lenient readers do.
            append(UInt8(ascii: "#"))
            escape.forEach { append($0) }
            escape.removeAll(keepingCapacity: true)
            inEscape = false
            consume(byte)
            return
        }
        guard let high = escape.first.flatMap(Self.hexValue), let low = Self.hexValue(byte) else {
            escape.append(byte)
            return
        }
        append(high << 4 | low)
        escape.removeAll(keepingCapacity: true)
        inEscape = false
    }

    /// The decoded name; an unfinished escape is kept as written.
    mutating func finish() -> PDFName {
        if inEscape {
            append(UInt8(ascii: "#"))
            escape.forEach { append($0) }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return PDFName(text: isTruncated ? text + "…" : text)
    }

    /// PDF whitespace: NUL, tab, line feed, form feed, carriage return and space.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x00 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x20
    }

    /// Bytes that end a name or keyword: whitespace and `( ) < > [ ] { } / %`.
    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25: true
        default: isWhitespace(byte)
        }
    }

    private mutating func append(_ byte: UInt8) {
        if bytes.count < Self.maxLength { bytes.append(byte) } else { isTruncated = true }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
