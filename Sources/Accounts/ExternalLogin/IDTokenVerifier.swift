import Foundation
import JWTKit
import ParleyCore

/// The claims Parley reads from an OpenID Connect ID token.
struct IDTokenClaims: JWTPayload {
    var iss: String
    var sub: String
    var aud: AudienceClaim
    var exp: Double
    var iat: Double?
    var nonce: String?
    var azp: String?
    var email: String?
    var emailVerified: BoolClaim?
    var name: String?
    /// Microsoft's tenant id, for the multi-tenant issuer template.
    var tid: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nonce, azp, email, name, tid
        case emailVerified = "email_verified"
    }

    /// The signature is checked by jwt-kit; every claim is checked in `IDTokenVerifier.verify`, against the
    /// application's clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Verifies ID tokens against the provider's JWKS: an algorithm allowlist, a key chosen by `kid` (never the
/// token's own key material), then `iss`, `aud`/`azp`, `exp`, `iat` and `nonce`, each explicitly.
enum IDTokenVerifier {
    static let allowedAlgorithms: Set<String> = ["RS256", "ES256", "PS256"]
    /// Provider clocks drift: a minute of tolerance on expiry and issue time.
    static let skew: TimeInterval = 60

    static func verify(_ token: String, keys: [JWK], issuer: String, clientID: String, nonce: String, now: Date)
        async throws -> IDTokenClaims
    {
        let header: JWTHeader
        do { header = try JWS.header(of: token) } catch {
            throw ExternalLoginError.invalidIDToken("it is not a signed JWT")
        }
        guard let alg = header.alg, allowedAlgorithms.contains(alg) else {
            throw ExternalLoginError.invalidIDToken("algorithm not allowed")
        }
        guard header.jku == nil, header.x5u == nil, header.jwk == nil, header.crit == nil else {
            throw ExternalLoginError.invalidIDToken("it names its own keys or extensions")
        }
        let candidates =
            header.kid.map { kid in keys.filter { $0.keyIdentifier?.string == kid } } ?? (keys.count == 1 ? keys : [])
        guard candidates.count == 1, let jwk = candidates.first else {
            throw ExternalLoginError.invalidIDToken("no matching key in the provider's key set")
        }
        if let keyAlgorithm = jwk.algorithm?.rawValue, keyAlgorithm != alg {
            throw ExternalLoginError.invalidIDToken("algorithm does not match the key")
        }
        let claims: IDTokenClaims
        do {
            let collection = JWTKeyCollection()
            try await collection.add(jwk: jwk)
            claims = try await collection.verify(token, as: IDTokenClaims.self)
        } catch {
            throw ExternalLoginError.invalidIDToken("bad signature or malformed claims")
        }
        guard matchesIssuer(claims, expected: issuer) else { throw ExternalLoginError.invalidIDToken("wrong issuer") }
        guard claims.aud.value.contains(clientID) else { throw ExternalLoginError.invalidIDToken("wrong audience") }
        if claims.aud.value.count > 1 || claims.azp != nil {
            guard claims.azp == clientID else { throw ExternalLoginError.invalidIDToken("wrong authorized party") }
        }
        let seconds = now.timeIntervalSince1970
        guard claims.exp + skew > seconds else { throw ExternalLoginError.invalidIDToken("expired") }
        if let iat = claims.iat, iat > seconds + skew {
            throw ExternalLoginError.invalidIDToken("issued in the future")
        }
        guard let tokenNonce = claims.nonce, constantTimeEquals(tokenNonce, nonce) else {
            throw ExternalLoginError.invalidIDToken("missing or wrong nonce")
        }
        guard !claims.sub.isEmpty, claims.sub.utf8.count <= 255 else {
            throw ExternalLoginError.invalidIDToken("missing subject")
        }
        return claims
    }

    /// Exact match, or Microsoft's multi-tenant template `…/{tenantid}/v2.0` filled with the token's `tid`.
    private static func matchesIssuer(_ claims: IDTokenClaims, expected: String) -> Bool {
        if expected.contains("{tenantid}") {
            guard let tid = claims.tid, !tid.isEmpty, tid.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                return false
            }
            return claims.iss == expected.replacingOccurrences(of: "{tenantid}", with: tid)
        }
        return claims.iss == expected
    }
}
