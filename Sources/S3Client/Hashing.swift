import Crypto
import Foundation

/// SHA-256 and HMAC-SHA256 helpers producing the lowercase hex SigV4 uses.
enum Hashing {
    /// Lowercase hex SHA-256 of `data`.
    static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hex SHA-256 of the UTF-8 bytes of `string`.
    static func sha256Hex(_ string: String) -> String {
        sha256Hex(Data(string.utf8))
    }

    /// HMAC-SHA256 of `message` under `key`.
    static func hmac(key: some ContiguousBytes, _ message: String) -> SymmetricKey {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key))
        return SymmetricKey(data: Data(mac))
    }

    /// Lowercase hex of any byte sequence.
    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
