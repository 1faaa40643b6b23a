import Crypto
import Foundation

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits a byte.
    package var hexString: String {
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)

/// SHA-256 of a token as lowercase hex: how Parley stores secrets it must recognise but never keep.
package func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).hexString
}
