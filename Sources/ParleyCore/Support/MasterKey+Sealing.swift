import Crypto
import Foundation

/// Small secrets (TOTP seeds, signing keys) encrypted at rest under a key derived from the master key.
///
/// Each purpose derives its own AES-256-GCM key with HKDF, and the caller's context (a user or key id) is bound
/// as additional data, so a sealed value copied to another row or purpose does not open.
/// The stored form is `v1.` followed by base64 of nonce ‖ ciphertext ‖ tag.
extension MasterKey {
    package func seal(_ plaintext: some DataProtocol, purpose: String, context: String) throws -> String {
        let box = try AES.GCM.seal(plaintext, using: derivedKey(purpose), authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw SealingError.cannotSeal }
        return "v1." + combined.base64EncodedString()
    }

    package func open(_ sealed: String, purpose: String, context: String) throws -> Data {
        guard sealed.hasPrefix("v1."), let combined = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw SealingError.malformed
        }
        do {
            return try AES.GCM.open(
                AES.GCM.SealedBox(combined: combined), using: derivedKey(purpose), authenticating: Data(context.utf8))
        } catch {
            throw SealingError.cannotOpen
        }
    }

    /// A key for `purpose` (HMAC keys, cookie keys), independent of every other purpose's.
    package func derivedKey(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("parley/\(purpose)/v1".utf8), outputByteCount: 32)
    }
}

package enum SealingError: Error, Equatable {
    case cannotSeal, malformed, cannotOpen
}
