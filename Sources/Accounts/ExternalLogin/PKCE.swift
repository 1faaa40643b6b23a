import Crypto
import Foundation
import ParleyCore

/// Proof Key for Code Exchange (RFC 7636), S256 only: `plain` is never offered.
enum PKCE {
    /// A verifier of 32 random bytes, base64url (43 characters).
    static func makeVerifier(_ random: RandomSource) -> String {
        Data(random.bytes(32)).base64URLEncodedString
    }

    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncodedString
    }
}
