import Foundation
import JWTKit

/// The claims of an access token. Every one is checked in `validate`, against the application's clock; nothing
/// is left to a library default (RFC 8725 §3.8–3.11).
struct AccessTokenClaims: JWTPayload, Equatable {
    static let type = "at+jwt"

    var iss: String
    var aud: String
    /// The user id.
    var sub: String
    var exp: Int64
    var nbf: Int64
    var iat: Int64
    var jti: String
    /// The session (refresh-token family) the token was issued for.
    var sid: String

    /// The signature is checked by the key collection before this is called; the time and audience checks need
    /// the application's clock and settings, so they happen in `validate(now:issuer:audience:)`.
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    /// Every claim, explicitly: issuer, audience, subject and session ids, then the time claims.
    func validate(now: Date, issuer: String, audience: String) throws(AccessTokenError) {
        guard iss == issuer else { throw .wrongIssuer }
        guard aud == audience else { throw .wrongAudience }
        guard UUID(uuidString: sub) != nil, UUID(uuidString: sid) != nil, !jti.isEmpty, exp > iat else {
            throw .malformed
        }
        try validateTime(now: now)
    }

    /// Expiry, not-before and issued-at: the only checks whose answer changes for a token already verified.
    func validateTime(now: Date) throws(AccessTokenError) {
        let seconds = Int64(now.timeIntervalSince1970)
        guard exp > seconds else { throw .expired }
        guard nbf <= seconds, iat <= seconds + 60 else { throw .notYetValid }
    }
}

/// Why an access token was refused. Clients only ever see one message; the case is for tests and debug logs.
enum AccessTokenError: Error, Equatable {
    case malformed, wrongAlgorithm, wrongType, unknownKey, forbiddenHeader, badSignature
    case wrongIssuer, wrongAudience, expired, notYetValid
}
