import Foundation

extension Data {
    /// Appends `value` as little-endian bytes, the byte order of every ZIP field.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
