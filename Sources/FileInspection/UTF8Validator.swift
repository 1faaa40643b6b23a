/// Checks that a stream is plain text: well-formed UTF-8 without control characters other than tab, line feed,
/// form feed and carriage return.
///
/// The state carries over between calls, so a multi-byte character split across two chunks is accepted and an
/// invalid sequence split the same way is still caught. Overlong encodings, UTF-16 surrogates and code points above
/// U+10FFFF are rejected as the Unicode standard requires. A UTF-8 byte order mark is ordinary valid text.
struct UTF8Validator: Sendable {
    /// False once an invalid byte has been seen; the validator then stays invalid.
    private(set) var isValid = true
    private var pendingContinuations = 0
    private var lowerBound: UInt8 = 0x80
    private var upperBound: UInt8 = 0xBF

    /// True when everything seen is valid text and no multi-byte character is left unfinished.
    var isComplete: Bool { isValid && pendingContinuations == 0 }

    /// Feeds bytes; returns false as soon as the stream is known not to be text.
    mutating func consume(_ bytes: some Sequence<UInt8>) -> Bool {
        guard isValid else { return false }
        for byte in bytes where !accept(byte) {
            isValid = false
            return false
        }
        return true
    }

    private mutating func accept(_ byte: UInt8) -> Bool {
        if pendingContinuations > 0 {
            guard byte >= lowerBound && byte <= upperBound else { return false }
            pendingContinuations -= 1
            (lowerBound, upperBound) = (0x80, 0xBF)
            return true
        }
        switch byte {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20...0x7F: return true
        case 0xC2...0xDF: expect(1)
        case 0xE0: expect(2, lower: 0xA0)
        case 0xED: expect(2, upper: 0x9F)
        case 0xE1...0xEF: expect(2)
        case 0xF0: expect(3, lower: 0x90)
        case 0xF1...0xF3: expect(3)
        case 0xF4: expect(3, upper: 0x8F)
        default: return false
        }
        return true
    }

    /// Starts a multi-byte character; the bounds restrict only the first continuation byte.
    private mutating func expect(_ continuations: Int, lower: UInt8 = 0x80, upper: UInt8 = 0xBF) {
        pendingContinuations = continuations
        (lowerBound, upperBound) = (lower, upper)
    }
}
