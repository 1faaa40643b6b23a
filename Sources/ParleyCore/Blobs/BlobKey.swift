import Crypto
import Foundation

/// The name of a stored object: 32 random lowercase hex characters (128 bits), never derived from a user's file
/// name. Only `random()` and the strict parser make one, so a key cannot hold `/`, `..` or anything but hex, and
/// a path built from it cannot leave the store's folder.
package struct BlobKey: Sendable, Hashable, CustomStringConvertible {
    package let value: String

    private init(unchecked value: String) { self.value = value }

    /// A fresh key from the system's secure random generator.
    package static func random() -> BlobKey {
        let bytes = SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
        return BlobKey(unchecked: bytes.hexString)
    }

    /// Accepts exactly 32 lowercase hex characters.
    package init?(_ text: String) {
        guard text.utf8.count == 32, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        value = text
    }

    /// `ab/cd/abcd…`: two levels of fan-out keep folders small.
    package var shardedPath: String {
        let chars = Array(value)
        return "\(String(chars[0..<2]))/\(String(chars[2..<4]))/\(value)"
    }

    package var description: String { value }
}
