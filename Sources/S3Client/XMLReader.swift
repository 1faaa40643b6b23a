/// A strict reader for the small XML documents S3 answers with, in pure Swift.
///
/// It replaces Foundation's `XMLParser`, which on Linux crashed on a processing instruction without data and leaked
/// memory for every error libxml2 reported, both reachable by whoever controls the storage endpoint's answers.
/// What it reads: an optional UTF-8 byte order mark and XML declaration, comments, one root element with nested
/// elements (attributes are checked for shape and ignored), text with the five predefined entities and numeric
/// character references, and CDATA sections. Line breaks in text become `\n`, as in any XML reader. Everything else
/// (DOCTYPE and other declarations, processing instructions, unknown entities, control characters, unclosed or
/// mismatched elements, content after the root) is refused; `S3XML.checkSafe` has already refused the worst.
///
/// Input must be valid UTF-8 (checked by `S3XML.checkSafe`); the reader only ever splits it at ASCII bytes, so every
/// text it returns is valid too. Recursion is bounded by `maxDepth`.
struct XMLReader {
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var position = 0

    /// Reads the document's root element.
    static func parse(_ bytes: [UInt8], maxDepth: Int) throws -> XMLNode {
        var reader = XMLReader(bytes: bytes, maxDepth: maxDepth)
        return try reader.document()
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private mutating func document() throws -> XMLNode {
        if has([0xEF, 0xBB, 0xBF]) { position += 3 }
        if has("<?xml"), position + 5 < bytes.count, Self.isWhitespace(bytes[position + 5]) {
            _ = try until("?>", what: "the XML declaration")
        }
        try skipMiscellany()
        guard has("<") else { throw S3XMLError.malformed("no root element") }
        let root = try element(depth: 1)
        try skipMiscellany()
        guard position == bytes.count else { throw S3XMLError.malformed("content after the root element") }
        return root
    }

    /// White space and comments, allowed around the root element.
    private mutating func skipMiscellany() throws {
        while true {
            skipWhitespace()
            guard has("<!--") else { return }
            _ = try until("-->", what: "a comment")
        }
    }

    /// Reads an element, the reader standing at its `<`.
    private mutating func element(depth: Int) throws -> XMLNode {
        guard depth <= maxDepth else { throw S3XMLError.tooLarge }
        position += 1
        let nameBytes = try readName()
        let name = String(decoding: nameBytes, as: UTF8.self)
        var node = XMLNode(name: Self.localName(name))
        while true {
            let spaced = skipWhitespace()
            if has("/>") {
                position += 2
                return node
            }
            if has(">") {
                position += 1
                break
            }
            guard spaced else { throw S3XMLError.malformed("unexpected character in <\(name)>") }
            try skipAttribute(of: name)
        }
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw S3XMLError.malformed("<\(name)> is not closed") }
            if has("</") {
                position += 2
                let closing = try readName()
                skipWhitespace()
                guard has(">") else { throw S3XMLError.malformed("unexpected character in the end tag of <\(name)>") }
                position += 1
                guard closing == nameBytes else {
                    throw S3XMLError.malformed("</\(String(decoding: closing, as: UTF8.self))> closes <\(name)>")
                }
                node.text = String(decoding: text, as: UTF8.self)
                return node
            } else if has("<!--") {
                _ = try until("-->", what: "a comment")
            } else if has("<![CDATA[") {
                position += 9
                Self.appendNormalizingLineBreaks(try until("]]>", what: "a CDATA section"), to: &text)
            } else if has("<!") || has("<?") {
                throw S3XMLError.forbiddenMarkup(String(decoding: bytes[position...].prefix(16), as: UTF8.self))
            } else if has("<") {
                node.children.append(try element(depth: depth + 1))
            } else if has("&") {
                try appendReference(to: &text)
            } else {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<"), bytes[position] != UInt8(ascii: "&")
                {
                    let byte = bytes[position]
                    guard byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else {
                        throw S3XMLError.malformed("control character in <\(name)>")
                    }
                    position += 1
                }
                Self.appendNormalizingLineBreaks(bytes[start..<position], to: &text)
            }
        }
    }

    /// `name = "value"` or `name = 'value'`; the value may not contain `<`.
    private mutating func skipAttribute(of element: String) throws {
        _ = try readName()
        skipWhitespace()
        guard has("=") else { throw S3XMLError.malformed("attribute without a value in <\(element)>") }
        position += 1
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
        else { throw S3XMLError.malformed("unquoted attribute value in <\(element)>") }
        let quote = bytes[position]
        position += 1
        while position < bytes.count, bytes[position] != quote {
            guard bytes[position] != UInt8(ascii: "<") else { throw S3XMLError.malformed("< in an attribute value") }
            position += 1
        }
        guard position < bytes.count else { throw S3XMLError.malformed("unclosed attribute value in <\(element)>") }
        position += 1
    }

    /// A name: bytes up to white space or markup, not starting with a digit, `-` or `.`.
    private mutating func readName() throws -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
        guard position > start, !Self.isDigitDashOrDot(bytes[start]) else {
            throw S3XMLError.malformed("invalid name at offset \(start)")
        }
        return bytes[start..<position]
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NNN;` or `&#xHHH;`, appended as UTF-8.
    private mutating func appendReference(to text: inout [UInt8]) throws {
        let start = position
        guard let end = bytes[position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw S3XMLError.malformed("unterminated reference at offset \(start)")
        }
        let body = bytes[(start + 1)..<end]
        position = end + 1
        switch String(decoding: body, as: UTF8.self) {
        case "amp": text.append(UInt8(ascii: "&"))
        case "lt": text.append(UInt8(ascii: "<"))
        case "gt": text.append(UInt8(ascii: ">"))
        case "quot": text.append(UInt8(ascii: "\""))
        case "apos": text.append(UInt8(ascii: "'"))
        case let reference where reference.hasPrefix("#"):
            let hex = reference.hasPrefix("#x")
            let digits = reference.dropFirst(hex ? 2 : 1)
            // At most 8 digits (checked by the 12-byte window above), so the value fits; then a valid XML character.
            guard !digits.isEmpty, digits.allSatisfy({ hex ? $0.isHexDigit : $0.isASCII && $0.isNumber }),
                let value = UInt32(digits, radix: hex ? 16 : 10),
                value == 0x09 || value == 0x0A || value == 0x0D || value >= 0x20,
                let scalar = Unicode.Scalar(value)
            else { throw S3XMLError.malformed("invalid character reference &\(reference);") }
            text.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw S3XMLError.malformed("unknown entity &\(String(decoding: body.prefix(16), as: UTF8.self));")
        }
    }

    /// Moves past the next `marker` and returns the bytes before it.
    private mutating func until(_ marker: StaticString, what: String) throws -> ArraySlice<UInt8> {
        let pattern = marker.withUTF8Buffer { Array($0) }
        var index = position
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                defer { position = index + pattern.count }
                return bytes[position..<index]
            }
            index += 1
        }
        throw S3XMLError.malformed("\(what) is not closed")
    }

    private func has(_ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { has($0) }
    }

    private func has(_ pattern: some Collection<UInt8>) -> Bool {
        bytes.count - position >= pattern.count && bytes[position..<(position + pattern.count)].elementsEqual(pattern)
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
        return position > start
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="),
            UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "?"),
            UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "`"), UInt8(ascii: ","):
            false
        default:
            true
        }
    }

    private static func isDigitDashOrDot(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// The name without its namespace prefix (`s3:Key` is `Key`).
    private static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    /// XML line-end handling: `\r\n` and a lone `\r` become `\n`.
    private static func appendNormalizingLineBreaks(_ slice: ArraySlice<UInt8>, to text: inout [UInt8]) {
        var previousWasCR = false
        for byte in slice {
            if byte == 0x0D {
                text.append(0x0A)
            } else if !(byte == 0x0A && previousWasCR) {
                text.append(byte)
            }
            previousWasCR = byte == 0x0D
        }
    }
}
