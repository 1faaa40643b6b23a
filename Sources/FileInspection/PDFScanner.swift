/// Inspects a PDF as it streams in.
///
/// Outside stream bodies the syntax is tokenised by `PDFLexer`: names are checked for active content (when the
/// policy forbids it) and every byte is searched for HTML markup, which has no business in PDF syntax. Stream bodies
/// are handed to `PDFStreamBody`, which skips them, decodes object streams, and looks for hidden objects. All state
/// is a few small fixed buffers, so memory does not depend on the size of the PDF.
struct PDFScanner: Sendable {
    private let forbidActiveContent: Bool
    private var lexer = PDFLexer()
    private var dictionaries = StreamDictionaryTracker()
    private var markup = MarkupScanner()
    private var endOfFile = PDFEndOfFileTracker()
    private var body: PDFStreamBody?

    init(forbidActiveContent: Bool) {
        self.forbidActiveContent = forbidActiveContent
    }

    /// Feeds the next bytes of the PDF.
    mutating func consume(_ bytes: Bytes, budget: inout ExpansionBudget) throws {
        endOfFile.consume(bytes)
        var index = 0
        while index < bytes.count {
            if var stream = body {
                body = nil  // keeps an object stream's zlib state uniquely referenced
                let (used, ended) = try stream.consume(Bytes(rebasing: bytes[index...]), budget: &budget)
                index += used
                if !ended { body = stream }
            } else {
                try consumeSyntax(bytes[index])
                index += 1
            }
        }
    }

    /// Checks the end of the PDF.
    mutating func finish() throws {
        guard body == nil else { throw InspectionError.malformed("the PDF ends inside a stream") }
        lexer.flush()
        try handleTokens(terminatedBy: nil)
        try endOfFile.finish()
    }

    private mutating func consumeSyntax(_ byte: UInt8) throws {
        try markup.consume(byte)
        lexer.consume(byte)
        try handleTokens(terminatedBy: byte)
    }

    /// Checks the tokens completed by `terminator` (nil at the end of the file), and starts a stream body when
    /// they include the `stream` keyword.
    private mutating func handleTokens(terminatedBy terminator: UInt8?) throws {
        while let token = lexer.nextToken() {
            switch token {
            case .name(let name), .embeddedName(let name):
                if forbidActiveContent { try name.rejectActiveContent() }
            default:
                break
            }
            if let facts = dictionaries.handle(token) {
                body = try PDFStreamBody(
                    facts: facts, afterCarriageReturn: terminator == 0x0D,
                    forbidActiveContent: forbidActiveContent)
                lexer.reset()
                return
            }
        }
    }
}
