/// Helpers to write the binary fields of hand-built test files.
extension Array where Element == UInt8 {
    init(_ text: String) {
        self = Array(text.utf8)
    }

    mutating func append(_ text: String) {
        append(contentsOf: text.utf8)
    }

    mutating func littleEndian(_ value: Int, size: Int) {
        for index in 0..<size { append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    mutating func bigEndian(_ value: Int, size: Int) {
        for index in (0..<size).reversed() { append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    /// Deterministic bytes that look random (and so do not compress), from a linear congruential generator.
    static func pseudoRandom(count: Int, seed: UInt64 = 42) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }
}
