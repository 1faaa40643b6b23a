/// Finds a fixed byte pattern in a stream that arrives one byte at a time, so a match split across chunks is found
/// exactly as if the file had arrived whole.
///
/// Uses the Knuth–Morris–Pratt failure table: memory is the pattern's length and each byte costs amortised O(1).
struct StreamMatcher: Sendable {
    /// The pattern, lowercased when matching case-insensitively.
    let pattern: [UInt8]
    private let failure: [Int]
    private let caseInsensitive: Bool
    private var matched = 0

    /// Creates a matcher for the UTF-8 bytes of `text`; `caseInsensitive` folds ASCII letters only.
    init(_ text: String, caseInsensitive: Bool = false) {
        let bytes = Array(text.utf8).map { caseInsensitive ? Self.lowercase($0) : $0 }
        precondition(!bytes.isEmpty, "a pattern needs at least one byte")
        var failure = [Int](repeating: 0, count: bytes.count)
        var length = 0
        for position in 1..<max(bytes.count, 1) {
            while length > 0 && bytes[position] != bytes[length] { length = failure[length - 1] }
            if bytes[position] == bytes[length] { length += 1 }
            failure[position] = length
        }
        self.pattern = bytes
        self.failure = failure
        self.caseInsensitive = caseInsensitive
    }

    /// The pattern as text, for messages.
    var text: String { String(decoding: pattern, as: UTF8.self) }

    /// Feeds one byte; returns true when the pattern ends at this byte.
    mutating func consume(_ byte: UInt8) -> Bool {
        let byte = caseInsensitive ? Self.lowercase(byte) : byte
        while matched > 0 && pattern[matched] != byte { matched = failure[matched - 1] }
        if pattern[matched] == byte { matched += 1 }
        guard matched == pattern.count else { return false }
        matched = failure[matched - 1]
        return true
    }

    /// Lowercases an ASCII letter and leaves every other byte alone.
    static func lowercase(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}
