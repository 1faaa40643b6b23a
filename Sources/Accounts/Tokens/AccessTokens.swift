import Fluent
import Foundation
import JWTKit
import ParleyCore

/// Issues and verifies access tokens: EdDSA JWTs with `typ: at+jwt` and a `kid`.
///
/// Verification never trusts the header: the algorithm must be EdDSA, the type `at+jwt`, the key one of ours,
/// and headers that point elsewhere for keys (`jku`, `x5u`, `jwk`, `x5c`) or demand extensions (`crit`) are
/// refused outright (RFC 8725).
struct AccessTokens: Sendable {
    let keys: AccessTokenKeys
    let issuer: String
    let audience: String
    let lifetime: TimeInterval
    let verified = VerifiedTokenCache()
    let revocations = TokenRevocations()

    func issue(userID: UUID, sessionID: UUID, db: any Database, now: Date, random: RandomSource) async throws -> (
        token: String, expiresAt: Date
    ) {
        let (collection, kid) = try await keys.signer(db: db, now: now)
        let issuedAt = TokenRevocations.issuedAt(
            now: now, revokedSecond: try await revocations.load(userID: userID, db: db, now: now))
        let claims = AccessTokenClaims(
            iss: issuer, aud: audience, sub: userID.uuidString, exp: issuedAt + Int64(lifetime),
            nbf: Int64(now.timeIntervalSince1970), iat: issuedAt, jti: random.hexToken(byteCount: 16),
            sid: sessionID.uuidString)
        var header = JWTHeader()
        header.alg = AccessTokenKeys.algorithm
        header.typ = AccessTokenClaims.type
        header.kid = kid
        let token = try await collection.sign(claims, kid: JWKIdentifier(string: kid), header: header)
        return (token, Date(timeIntervalSince1970: TimeInterval(claims.exp)))
    }

    /// A token verified before and still valid at `now`, without suspending; nil otherwise.
    func remembered(_ token: String, now: Date) -> VerifiedTokenCache.Entry? {
        guard let known = verified.entry(for: token), (try? known.claims.validateTime(now: now)) != nil else {
            return nil
        }
        return known
    }

    func verify(_ token: String, db: any Database, now: Date) async throws -> AccessTokenClaims {
        if let known = verified.entry(for: token) {
            // Verified before: only the clock can have changed the answer.
            try known.claims.validateTime(now: now)
            return known.claims
        }
        guard token.utf8.count <= 4096 else { throw AccessTokenError.malformed }
        let header = try JWS.header(of: token)
        guard header.alg == AccessTokenKeys.algorithm else { throw AccessTokenError.wrongAlgorithm }
        guard header.typ == AccessTokenClaims.type else { throw AccessTokenError.wrongType }
        guard header.jku == nil, header.x5u == nil, header.jwk == nil, header.x5c == nil, header.crit == nil else {
            throw AccessTokenError.forbiddenHeader
        }
        guard let kid = header.kid, kid.utf8.count <= 64,
            let collection = try await keys.verifier(for: kid, db: db, now: now)
        else {
            throw AccessTokenError.unknownKey
        }
        let claims: AccessTokenClaims
        do {
            claims = try await collection.verify(token, as: AccessTokenClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw AccessTokenError.badSignature
        } catch {
            throw AccessTokenError.malformed
        }
        try claims.validate(now: now, issuer: issuer, audience: audience)
        verified.insert(claims, for: token, now: now)
        return claims
    }
}
