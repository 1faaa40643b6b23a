import Crypto
import ParleyCore
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), HMAC-SHA1 with a 30-second step: what every
/// authenticator app speaks.
struct TOTPGenerator: Sendable {
    let secret: [UInt8]
    var digits = 6
    var period: Int64 = 30

    /// The time step `date` falls in.
    func step(at date: Date) -> Int64 {
        Int64(floor(date.timeIntervalSince1970)) / period
    }

    /// The code for one step, zero-padded to `digits`.
    func code(forStep step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let truncated =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(truncated % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    func code(at date: Date) -> String { code(forStep: step(at: date)) }

    /// The step `code` belongs to, if it matches the current step or one step either side; nil otherwise.
    /// Every candidate is compared in constant time.
    func matchingStep(_ code: String, at date: Date) -> Int64? {
        let now = step(at: date)
        var found: Int64?
        for candidate in [now - 1, now, now + 1] where constantTimeEquals(self.code(forStep: candidate), code) {
            found = found ?? candidate
        }
        return found
    }

    /// The `otpauth://` URI authenticator apps import, labelled `issuer:account`.
    func provisioningURI(account: String, issuer: String) -> String {
        var components = URLComponents()
        components.scheme = "otpauth"
        components.host = "totp"
        components.path = "/" + issuer + ":" + account
        components.queryItems = [
            URLQueryItem(name: "secret", value: Base32.encode(secret)),
            URLQueryItem(name: "issuer", value: issuer),
            URLQueryItem(name: "algorithm", value: "SHA1"),
            URLQueryItem(name: "digits", value: String(digits)),
            URLQueryItem(name: "period", value: String(period)),
        ]
        return components.string ?? ""
    }
}
