/// Restores placeholders in an answer that arrives in chunks (e.g. a streamed model
/// response), where a chunk boundary may fall anywhere inside a placeholder.
///
/// ``feed(_:)`` returns everything that can safely be shown now and holds back only a
/// trailing piece that is still a possible prefix of one of the mapping's placeholders
/// (such as `[EMA`). Nothing it returns is ever retracted: the concatenation of all
/// returned strings plus ``finish()`` equals ``RedactionMapping/restore(_:)`` applied
/// to the whole answer.
///
/// ```swift
/// var restorer = StreamingRestorer(mapping: redactor.mapping)
/// for try await chunk in stream { show(restorer.feed(chunk)) }
/// show(restorer.finish())
/// ```
///
/// Chunks are joined before splitting into characters, so a grapheme split across two
/// chunks is handled as one character. (One corner case remains: a chunk that starts
/// with a combining mark right after a complete placeholder modifies the restored value's
/// last character instead of invalidating the placeholder.)
public struct StreamingRestorer: Sendable {
    private let lookup: PlaceholderLookup
    private var pending = ""

    /// Creates a restorer for the placeholders of `mapping`.
    public init(mapping: RedactionMapping) {
        lookup = PlaceholderLookup(mapping.placeholders)
    }

    /// Adds `chunk` to the answer.
    /// - Returns: The restored text that is safe to emit now (possibly empty).
    public mutating func feed(_ chunk: String) -> String {
        pending.append(chunk)
        let chars = Array(pending)
        var output = ""
        var index = 0
        while index < chars.count {
            switch lookup.match(chars, at: index) {
            case .complete(let length, let value):
                output.append(value)
                index += length
            case .partial:
                pending = String(chars[index...])
                return output
            case .none:
                output.append(chars[index])
                index += 1
            }
        }
        pending = ""
        return output
    }

    /// Ends the answer.
    /// - Returns: Whatever was held back: a placeholder prefix that never completed is
    ///   returned verbatim.
    public mutating func finish() -> String {
        defer { pending = "" }
        return lookup.restore(pending)
    }
}
