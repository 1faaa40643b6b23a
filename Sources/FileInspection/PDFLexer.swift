/// Splits PDF syntax into the few tokens needed to follow dictionaries, names and the `stream` keyword.
///
/// Literal strings (with nesting and backslash escapes), hex strings and comments are tracked so that their content
/// is not mistaken for syntax: `(>> stream)` does not start a stream. Names are still reported from inside strings
/// and comments, as `.embeddedName`: a reader that jumps to an object through the cross-reference table may parse
/// those very bytes as syntax, so they are checked for active content too, at the price of refusing a PDF whose text
/// happens to contain a name such as `/JavaScript`.
struct PDFLexer: Sendable {
    enum Token: Sendable, Equatable {
        case name(PDFName)
        case embeddedName(PDFName)
        case dictionaryStart
        case dictionaryEnd
        case arrayStart
        case arrayEnd
        /// Any other object or keyword: numbers, strings, `R`, `true`, `obj`...
        case value
        case streamKeyword
    }

    private enum Mode: Sendable {
        case normal
        case comment
        case literalString(depth: Int, escaped: Bool)
        case hexString
        case afterLess
        case afterGreater
        case keyword(length: Int, isStream: Bool)
    }

    private static let stream = [UInt8](ascii: "stream")
    private var mode = Mode.normal
    private var name = PDFNameReader()
    private var readingName = false
    private var nameIsSyntax = false
    private var queue: [Token] = []

    /// Feeds one byte; the tokens it completes are then available from `nextToken()`.
    mutating func consume(_ byte: UInt8) {
        if readingName {
            if PDFNameReader.isDelimiter(byte) {
                finishName()
            } else {
                name.consume(byte)
                if nameIsSyntax { return }
            }
        }
        process(byte)
    }

    /// Takes the next completed token, oldest first.
    mutating func nextToken() -> Token? {
        queue.isEmpty ? nil : queue.removeFirst()
    }

    /// Completes a name or keyword cut off by the end of the input.
    mutating func flush() {
        if readingName { finishName() }
        if case .keyword = mode { queue.append(.value) }
        mode = .normal
    }

    /// Returns to plain syntax, dropping any partial token (after a stream body, whose bytes are not syntax).
    mutating func reset() {
        mode = .normal
        readingName = false
        queue.removeAll(keepingCapacity: true)
    }

    private mutating func process(_ byte: UInt8) {
        switch mode {
        case .normal:
            processNormal(byte)
        case .keyword(let length, let isStream):
            if PDFNameReader.isDelimiter(byte) {
                queue.append(isStream && length == Self.stream.count ? .streamKeyword : .value)
                mode = .normal
                processNormal(byte)
            } else {
                let continues = isStream && length < Self.stream.count && Self.stream[length] == byte
                mode = .keyword(length: length + 1, isStream: continues)
            }
        case .comment:
            if byte == 0x0A || byte == 0x0D { mode = .normal } else { startEmbeddedName(byte) }
        case .literalString(let depth, let escaped):
            startEmbeddedName(byte)
            mode = .literalString(depth: depth, escaped: false)
            guard !escaped else { return }
            switch byte {
            case UInt8(ascii: "\\"): mode = .literalString(depth: depth, escaped: true)
            case UInt8(ascii: "("): mode = .literalString(depth: depth + 1, escaped: false)
            case UInt8(ascii: ")"): mode = depth == 1 ? .normal : .literalString(depth: depth - 1, escaped: false)
            default: break
            }
        case .hexString:
            if byte == UInt8(ascii: ">") { mode = .normal } else { startEmbeddedName(byte) }
        case .afterLess:
            if byte == UInt8(ascii: "<") {
                queue.append(.dictionaryStart)
                mode = .normal
            } else {
                queue.append(.value)
                mode = .hexString
                process(byte)
            }
        case .afterGreater:
            mode = .normal
            if byte == UInt8(ascii: ">") { queue.append(.dictionaryEnd) } else { processNormal(byte) }
        }
    }

    private mutating func processNormal(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "%"): mode = .comment
        case UInt8(ascii: "("): mode = .literalString(depth: 1, escaped: false); queue.append(.value)
        case UInt8(ascii: "<"): mode = .afterLess
        case UInt8(ascii: ">"): mode = .afterGreater
        case UInt8(ascii: "["): queue.append(.arrayStart)
        case UInt8(ascii: "]"): queue.append(.arrayEnd)
        case UInt8(ascii: "{"), UInt8(ascii: "}"): queue.append(.value)
        case UInt8(ascii: "/"): startName(syntax: true)
        case UInt8(ascii: ")"): break
        default:
            if !PDFNameReader.isWhitespace(byte) {
                mode = .keyword(length: 1, isStream: byte == Self.stream[0])
            }
        }
    }

    /// Inside strings and comments, a `/` starts a name that is read alongside the surrounding text.
    private mutating func startEmbeddedName(_ byte: UInt8) {
        if byte == UInt8(ascii: "/") && !readingName { startName(syntax: false) }
    }

    private mutating func startName(syntax: Bool) {
        name.reset()
        readingName = true
        nameIsSyntax = syntax
    }

    private mutating func finishName() {
        let finished = name.finish()
        queue.append(nameIsSyntax ? .name(finished) : .embeddedName(finished))
        readingName = false
    }
}
