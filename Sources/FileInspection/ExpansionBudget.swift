/// Receives decompressed bytes: an archive entry, or the content of a PDF object stream.
protocol InflatedDataSink {
    /// Takes the next decompressed bytes. `budget` is passed along so that nested archives draw from the same limit.
    mutating func consume(_ bytes: Bytes, budget: inout ExpansionBudget) throws
}

/// The number of bytes decompression may still produce for one uploaded file.
///
/// A single budget is shared by every archive entry at every nesting level (and by PDF object streams), so splitting
/// a bomb over many entries or nested archives does not help. Counting happens on bytes actually produced.
struct ExpansionBudget: Sendable {
    /// The most bytes decompression may produce in total.
    let limit: Int
    /// The bytes produced so far.
    private(set) var used = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Hands decompressed bytes to `sink`, but never more than the budget allows.
    ///
    /// The part that fits is delivered first and only then is the overflow reported, so the verdict does not depend
    /// on how the input happened to be split into blocks.
    ///
    /// - Throws: `InspectionError.archiveTooLarge` when `bytes` do not fit, or whatever `sink` throws.
    mutating func spend<Sink: InflatedDataSink>(_ bytes: Bytes, on sink: inout Sink) throws {
        let allowed = min(bytes.count, limit - used)
        used += allowed
        if allowed > 0 {
            try sink.consume(Bytes(rebasing: bytes.prefix(allowed)), budget: &self)
        }
        if allowed < bytes.count {
            throw InspectionError.archiveTooLarge(limit: limit)
        }
    }
}
