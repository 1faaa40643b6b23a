/// Decodes a PDF object stream (`/Type /ObjStm`) and checks the objects inside it for active content.
///
/// Object streams hold ordinary dictionaries in compressed form, so an `/OpenAction` with JavaScript can hide there
/// from any scan of the raw file. Only `FlateDecode` (or no filter) is supported; `PDFStreamBody` refuses others.
/// Decompressed bytes count against the same `ExpansionBudget` as archives. If `endstream` comes before the end
/// of the compressed data, part of the stream could not be checked, so it is refused.
struct ObjectStreamDecoder: Sendable {
    private var inflater: Inflater?
    private var content = ObjectStreamContent()

    /// - Parameter compressed: whether the stream is `FlateDecode` (zlib) rather than unfiltered.
    init(compressed: Bool) {
        inflater = compressed ? Inflater(format: .zlib) : nil
    }

    /// Feeds raw stream data.
    mutating func consume(_ bytes: Bytes, budget: inout ExpansionBudget) throws {
        guard var stream = inflater else {
            try content.consume(bytes, budget: &budget)
            return
        }
        guard !stream.isFinished else { return }
        inflater = nil  // keeps the zlib stream uniquely referenced while it inflates
        defer { inflater = stream }
        do {
            _ = try stream.inflate(bytes, into: &content, budget: &budget)
        } catch let failure as Inflater.Failure {
            throw InspectionError.activeContent("an object stream cannot be decoded (\(failure.reason))")
        }
    }

    /// Called at `endstream`.
    ///
    /// - Throws: `InspectionError.activeContent` when the compressed data was cut short, and any active-content
    ///   name left at the very end of the decoded objects.
    mutating func finish() throws {
        if let inflater, !inflater.isFinished {
            throw InspectionError.activeContent("an object stream ends before its compressed data does")
        }
        try content.finish()
    }
}

/// The decoded objects of an object stream, tokenised like ordinary PDF syntax (minus streams, which cannot occur
/// inside object streams) and checked name by name.
private struct ObjectStreamContent: InflatedDataSink, Sendable {
    private var lexer = PDFLexer()

    mutating func consume(_ bytes: Bytes, budget: inout ExpansionBudget) throws {
        for byte in bytes {
            lexer.consume(byte)
            try checkTokens()
        }
    }

    mutating func finish() throws {
        lexer.flush()
        try checkTokens()
    }

    private mutating func checkTokens() throws {
        while let token = lexer.nextToken() {
            if case .name(let name) = token { try name.rejectActiveContent() }
            if case .embeddedName(let name) = token { try name.rejectActiveContent() }
        }
    }
}
