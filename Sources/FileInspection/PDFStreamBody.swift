/// The bytes of one PDF stream, between the `stream` keyword and `endstream`.
///
/// Stream data is not PDF syntax, so it is skipped rather than tokenised. The end is found by searching for
/// `endstream`, because `/Length` may lie (or be an indirect reference). When active content is forbidden:
/// - an object stream is decoded by `ObjectStreamDecoder` and its objects are checked like the rest of the file;
/// - any other stream is searched for the distinctive active-content names, because a cross-reference table can
///   point a reader at an object hidden inside "stream data".
struct PDFStreamBody: Sendable {
    private var end = StreamMatcher("endstream")
    private var skipsLineFeed: Bool
    private var objectStream: ObjectStreamDecoder?
    private let scansNames: Bool
    private var name = PDFNameReader()
    private var readingName = false

    /// - Parameters:
    ///   - facts: what the stream's dictionary said.
    ///   - afterCarriageReturn: the `stream` keyword ended with CR, so a following LF is part of the line end.
    ///   - forbidActiveContent: whether to decode object streams and search stream data for active content.
    /// - Throws: `InspectionError.activeContent` for an object stream that cannot be decoded.
    init(facts: StreamFacts, afterCarriageReturn: Bool, forbidActiveContent: Bool) throws {
        skipsLineFeed = afterCarriageReturn
        if forbidActiveContent && facts.isObjectStream {
            try facts.requireDecodableObjectStream()
            objectStream = ObjectStreamDecoder(compressed: !facts.filters.isEmpty)
        }
        scansNames = forbidActiveContent && !facts.isObjectStream
    }

    /// Consumes stream data up to and including `endstream`.
    ///
    /// - Returns: how many bytes belonged to the stream, and whether `endstream` was among them.
    mutating func consume(_ bytes: Bytes, budget: inout ExpansionBudget) throws -> (used: Int, ended: Bool) {
        var index = 0
        if skipsLineFeed, let first = bytes.first {
            skipsLineFeed = false
            if first == 0x0A { index = 1 }
        }
        let start = index
        var ended = false
        while index < bytes.count && !ended {
            let byte = bytes[index]
            index += 1
            if scansNames { try scanName(byte) }
            ended = end.consume(byte)
        }
        // The decoder also receives the "endstream" bytes; a finished deflate stream ignores what follows it.
        try objectStream?.consume(Bytes(rebasing: bytes[start..<index]), budget: &budget)
        if ended { try objectStream?.finish() }
        return (index, ended)
    }

    /// Reads raw names (`/` up to a delimiter) and refuses distinctive active-content names.
    private mutating func scanName(_ byte: UInt8) throws {
        if readingName {
            if PDFNameReader.isDelimiter(byte) {
                readingName = false
                try name.finish().rejectActiveContent(distinctiveOnly: true)
            } else {
                name.consume(byte)
            }
        }
        if byte == UInt8(ascii: "/") && !readingName {
            name.reset()
            readingName = true
        }
    }
}
