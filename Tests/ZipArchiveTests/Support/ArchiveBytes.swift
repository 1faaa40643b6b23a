import Foundation

/// Little-endian field access for inspecting written archives.
extension Data {
    func uint16(at offset: Int) -> UInt16 {
        (0..<2).reduce(0) { $0 | UInt16(self[startIndex + offset + $1]) << (8 * $1) }
    }

    func uint32(at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(self[startIndex + offset + $1]) << (8 * $1) }
    }

    func uint64(at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(self[startIndex + offset + $1]) << (8 * $1) }
    }

    /// True if the four little-endian bytes of `signature` occur anywhere.
    func containsSignature(_ signature: UInt32) -> Bool {
        let bytes = Swift.withUnsafeBytes(of: signature.littleEndian) { Data($0) }
        return range(of: bytes) != nil
    }
}
