/// The raw bytes the inspectors work on: a view of the caller's chunk, valid only during one call.
typealias Bytes = UnsafeRawBufferPointer

/// Fixed-width integer fields and signatures read from byte collections, as found in file headers.
///
/// Offsets are relative to the collection's start, so arrays, slices and raw buffers are read the same way.
/// Callers check lengths first; these helpers do not.
extension RandomAccessCollection where Element == UInt8 {
    /// Reads `size` bytes at `offset` as an unsigned little-endian integer (ZIP, GIF, WEBP fields).
    /// Values above `Int.max` (only possible for 8-byte fields) are clamped.
    func littleEndian(at offset: Int, size: Int) -> Int {
        var value: UInt64 = 0
        for position in (0..<size).reversed() {
            value = value << 8 | UInt64(byte(at: offset + position))
        }
        return Int(clamping: value)
    }

    /// Reads `size` bytes at `offset` as an unsigned big-endian integer (PNG, JPEG fields).
    func bigEndian(at offset: Int, size: Int) -> Int {
        var value: UInt64 = 0
        for position in 0..<size {
            value = value << 8 | UInt64(byte(at: offset + position))
        }
        return Int(clamping: value)
    }

    /// Whether `pattern` occurs at `offset` (false when the collection is too short).
    func hasBytes(_ pattern: [UInt8], at offset: Int = 0) -> Bool {
        guard offset >= 0, offset + pattern.count <= count else { return false }
        return pattern.indices.allSatisfy { byte(at: offset + $0) == pattern[$0] }
    }

    /// Whether the UTF-8 bytes of `pattern` occur anywhere (`caseInsensitive` folds ASCII letters only).
    func containsText(_ pattern: String, caseInsensitive: Bool = false) -> Bool {
        var matcher = StreamMatcher(pattern, caseInsensitive: caseInsensitive)
        return contains { matcher.consume($0) }
    }

    private func byte(at offset: Int) -> UInt8 {
        self[index(startIndex, offsetBy: offset)]
    }
}

extension Array where Element == UInt8 {
    /// The bytes of an ASCII string literal, for signatures and keywords.
    init(ascii text: StaticString) {
        self = text.withUTF8Buffer { Array($0) }
    }
}
