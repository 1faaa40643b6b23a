@testable import Accounts
import Crypto
import Foundation
import JWTKit
import ParleyCore
import Testing

/// ID tokens made here with a P-256 key, against `IDTokenVerifier`: everything RFC 8725 and OIDC Core §3.1.3.7
/// say to refuse.
@Suite struct IDTokenTests {
    static let key = P256.Signing.PrivateKey()
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let issuer = "https://id.example.com"

    static var jwk: JWK {
        let raw = key.publicKey.rawRepresentation
        let json =
            #"{"kty":"EC","crv":"P-256","kid":"k1","x":"\#(Data(raw.prefix(32)).base64URLEncodedString)","y":"\#(Data(raw.suffix(32)).base64URLEncodedString)"}"#
        return try! JSONDecoder().decode(JWK.self, from: Data(json.utf8))
    }

    static func token(
        header: [String: Any] = ["alg": "ES256", "kid": "k1", "typ": "JWT"], _ overrides: [String: Any] = [:],
        signer: P256.Signing.PrivateKey = key
    ) throws -> String {
        var claims: [String: Any] = [
            "iss": issuer, "sub": "user-1", "aud": "client-1", "exp": now.timeIntervalSince1970 + 300,
            "iat": now.timeIntervalSince1970, "nonce": "n-1", "email": "ada@example.com", "email_verified": true,
        ]
        claims.merge(overrides) { $1 }
        let input =
            try JSONSerialization.data(withJSONObject: header).base64URLEncodedString + "."
            + JSONSerialization.data(withJSONObject: claims).base64URLEncodedString
        return input + "." + (try signer.signature(for: Data(input.utf8))).rawRepresentation.base64URLEncodedString
    }

    static func verify(_ token: String, keys: [JWK] = [jwk], issuer: String = issuer) async throws -> IDTokenClaims {
        try await IDTokenVerifier.verify(
            token, keys: keys, issuer: issuer, clientID: "client-1", nonce: "n-1", now: now)
    }

    @Test func aGoodTokenPasses() async throws {
        let claims = try await Self.verify(try Self.token())
        #expect(claims.sub == "user-1" && claims.email == "ada@example.com" && claims.emailVerified?.value == true)
        // Several audiences need azp naming this client.
        _ = try await Self.verify(try Self.token(["aud": ["client-1", "other"], "azp": "client-1"]))
    }

    static func overrides(_ name: String) -> [String: Any] {
        switch name {
        case "wrong issuer": ["iss": "https://evil.example"]
        case "wrong audience": ["aud": "someone-else"]
        case "several audiences without azp": ["aud": ["client-1", "other"]]
        case "expired": ["exp": 1_800_000_000 - 120]
        case "missing nonce": ["nonce": ""]
        case "wrong nonce": ["nonce": "n-2"]
        default: ["iat": 1_800_000_000 + 600]  // issued in the future
        }
    }

    @Test(arguments: [
        "wrong issuer", "wrong audience", "several audiences without azp", "expired", "missing nonce", "wrong nonce",
        "issued in the future",
    ])
    func badClaimsAreRefused(_ name: String) async throws {
        let token = try Self.token(Self.overrides(name))
        await #expect(throws: ExternalLoginError.self, "\(name)") { _ = try await Self.verify(token) }
    }

    @Test func badSignaturesAndHeadersAreRefused() async throws {
        let good = try Self.token()
        let parts = good.split(separator: ".")
        let none =
            try JSONSerialization.data(withJSONObject: ["alg": "none", "kid": "k1"]).base64URLEncodedString + "."
            + parts[1] + "."
        await #expect(throws: ExternalLoginError.self, "alg none") { _ = try await Self.verify(none) }
        let hs =
            try JSONSerialization.data(withJSONObject: ["alg": "HS256", "kid": "k1"]).base64URLEncodedString + "."
            + parts[1] + "." + parts[2]
        await #expect(throws: ExternalLoginError.self, "HS256") { _ = try await Self.verify(hs) }
        let otherKey = try Self.token(signer: P256.Signing.PrivateKey())
        await #expect(throws: ExternalLoginError.self, "signed by another key") { _ = try await Self.verify(otherKey) }
        let unknownKid = try Self.token(header: ["alg": "ES256", "kid": "k9"])
        await #expect(throws: ExternalLoginError.self, "unknown kid") { _ = try await Self.verify(unknownKid) }
        let jku = try Self.token(header: ["alg": "ES256", "kid": "k1", "jku": "https://evil.example/jwks"])
        await #expect(throws: ExternalLoginError.self, "jku") { _ = try await Self.verify(jku) }
        let tampered =
            parts[0] + "."
            + (try JSONSerialization.data(withJSONObject: [
                "iss": Self.issuer, "sub": "admin", "aud": "client-1",
                "exp": Self.now.timeIntervalSince1970 + 300, "nonce": "n-1",
            ])).base64URLEncodedString + "." + parts[2]
        await #expect(throws: ExternalLoginError.self, "payload swapped") { _ = try await Self.verify(tampered) }
    }

    @Test func microsoftsMultiTenantIssuerIsFilledWithTheTenant() async throws {
        let template = "https://login.microsoftonline.com/{tenantid}/v2.0"
        let tenant = "9188040d-6c67-4c5b-b112-36a304b66dad"
        _ = try await Self.verify(
            try Self.token(["iss": "https://login.microsoftonline.com/\(tenant)/v2.0", "tid": tenant]), issuer: template
        )
        let mismatch = try Self.token([
            "iss": "https://login.microsoftonline.com/\(tenant)/v2.0", "tid": "00000000-0000-0000-0000-000000000000",
        ])
        await #expect(throws: ExternalLoginError.self) { _ = try await Self.verify(mismatch, issuer: template) }
    }

    /// RFC 7636 Appendix B.
    @Test func pkceChallengeMatchesTheRFCVector() {
        #expect(
            PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }
}
