@testable import Accounts
import Crypto
import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// The RFC 8725 attack corpus against `AccessTokens.verify`, with hand-made tokens.
@Suite struct AccessTokenTests {
    static func segment(_ object: [String: Any]) throws -> String {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).base64URLEncodedString
    }

    /// A validly shaped claim set at `now`.
    static func claims(_ now: Date, _ overrides: [String: Any] = [:]) -> [String: Any] {
        let t = Int(now.timeIntervalSince1970)
        var claims: [String: Any] = [
            "iss": "http://localhost:8080", "aud": "http://localhost:8080/api", "sub": UUID().uuidString,
            "exp": t + 600, "nbf": t, "iat": t, "jti": "abc", "sid": UUID().uuidString,
        ]
        claims.merge(overrides) { _, new in new }
        return claims
    }

    /// Signs header.payload with the application's current signing key.
    static func signed(_ app: Application, header: [String: Any], claims: [String: Any]) async throws -> String {
        let row = try #require(try await SigningKey.query(on: app.db).filter(\.$retiredAt == nil).first())
        let raw = try app.accounts.masterKey.open(
            row.privateKeySealed, purpose: "jwt-signing-key", context: try row.requireID())
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        let input = try segment(header) + "." + segment(claims)
        return input + "." + (try key.signature(for: Data(input.utf8))).base64URLEncodedString
    }

    @Test(arguments: DatabaseLane.enabled)
    func theCorpusIsRefused(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let tokens = app.accounts.accessTokens
            let now = app.clock.now()
            // A real token verifies, and brings the key into existence.
            let issued = try await tokens.issue(
                userID: UUID(), sessionID: UUID(), db: app.db, now: now, random: app.random)
            _ = try await tokens.verify(issued.token, db: app.db, now: now)
            let kid = try #require(JWS.header(of: issued.token).kid)
            let good: [String: Any] = ["alg": "EdDSA", "typ": "at+jwt", "kid": kid]
            #expect(
                try await tokens.verify(
                    try await Self.signed(app, header: good, claims: Self.claims(now)), db: app.db, now: now
                ).iss == "http://localhost:8080")

            func refused(_ token: String, _ expected: AccessTokenError, _ note: Comment) async {
                await #expect(throws: expected, note) { _ = try await tokens.verify(token, db: app.db, now: now) }
            }
            let body = try Self.segment(Self.claims(now))
            await refused(
                try Self.segment(["alg": "none", "typ": "at+jwt", "kid": kid]) + "." + body + ".", .wrongAlgorithm,
                "alg none")
            // Algorithm confusion: HMAC keyed with the public key.
            let row = try #require(try await SigningKey.find(kid, on: app.db))
            let confusedInput = try Self.segment(["alg": "HS256", "typ": "at+jwt", "kid": kid]) + "." + body
            let mac = HMAC<SHA256>.authenticationCode(
                for: Data(confusedInput.utf8), using: SymmetricKey(data: Data(row.publicKey.utf8)))
            await refused(
                confusedInput + "." + Data(mac).base64URLEncodedString, .wrongAlgorithm, "HS256 with the public key")
            await refused(
                try await Self.signed(
                    app, header: ["alg": "EdDSA", "typ": "JWT", "kid": kid], claims: Self.claims(now)), .wrongType,
                "typ JWT")
            await refused(
                try await Self.signed(app, header: ["alg": "EdDSA", "kid": kid], claims: Self.claims(now)), .wrongType,
                "no typ")
            await refused(
                try await Self.signed(
                    app, header: good, claims: Self.claims(now, ["aud": "https://elsewhere.example/api"])),
                .wrongAudience, "wrong aud")
            await refused(
                try await Self.signed(app, header: good, claims: Self.claims(now, ["iss": "https://evil.example"])),
                .wrongIssuer, "wrong iss")
            let t = Int(now.timeIntervalSince1970)
            await refused(
                try await Self.signed(
                    app, header: good, claims: Self.claims(now, ["exp": t - 1, "iat": t - 601, "nbf": t - 601])),
                .expired, "expired")
            await refused(
                try await Self.signed(app, header: good, claims: Self.claims(now, ["nbf": t + 120, "exp": t + 700])),
                .notYetValid, "future nbf")
            await refused(
                try await Self.signed(
                    app, header: ["alg": "EdDSA", "typ": "at+jwt", "kid": "no-such-key"], claims: Self.claims(now)),
                .unknownKey, "unknown kid")
            await refused(
                try await Self.signed(app, header: ["alg": "EdDSA", "typ": "at+jwt"], claims: Self.claims(now)),
                .unknownKey, "no kid")
            await refused(
                try await Self.signed(
                    app, header: ["alg": "EdDSA", "typ": "at+jwt", "kid": kid, "jku": "https://evil.example/jwks"],
                    claims: Self.claims(now)),
                .forbiddenHeader, "jku")
            await refused(
                try await Self.signed(
                    app, header: ["alg": "EdDSA", "typ": "at+jwt", "kid": kid, "crit": ["exp"]],
                    claims: Self.claims(now)),
                .forbiddenHeader, "crit")
            // A valid signature over other claims: swap the payload.
            let parts = issued.token.split(separator: ".")
            await refused(parts[0] + "." + body + "." + parts[2], .badSignature, "payload swapped")
            await refused(
                try await Self.signed(app, header: good, claims: Self.claims(now, ["sub": "not-a-uuid"])), .malformed,
                "sub not a user id")
            await refused("not.a.jwt", .malformed, "garbage")
        }
    }

    /// A token verified once is remembered, but the clock is still checked on every use.
    @Test func aRememberedTokenStillExpires() async throws {
        let clock = TestClock()
        try await withTestApp(variables: authVariables, clock: clock.appClock) { app async throws in
            let tokens = app.accounts.accessTokens
            let issued = try await tokens.issue(
                userID: UUID(), sessionID: UUID(), db: app.db, now: clock.now, random: app.random)
            _ = try await tokens.verify(issued.token, db: app.db, now: clock.now)
            #expect(tokens.verified.entry(for: issued.token) != nil)
            clock.advance(by: 599)
            _ = try await tokens.verify(issued.token, db: app.db, now: clock.now)
            clock.advance(by: 2)
            await #expect(throws: AccessTokenError.expired) {
                _ = try await tokens.verify(issued.token, db: app.db, now: clock.now)
            }
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func rotationKeepsOldTokensValidUntilTheyExpire(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let tokens = app.accounts.accessTokens
            let old = try await tokens.issue(
                userID: UUID(), sessionID: UUID(), db: app.db, now: clock.now, random: app.random)
            let oldKid = try JWS.header(of: old.token).kid
            let rotation = try await AccessTokenKeys.rotate(
                db: app.db, masterKey: app.accounts.masterKey, now: clock.now, tokenLifetime: 600)
            #expect(rotation.retired == [oldKid].compactMap { $0 })
            tokens.keys.invalidate()
            let new = try await tokens.issue(
                userID: UUID(), sessionID: UUID(), db: app.db, now: clock.now, random: app.random)
            #expect(try JWS.header(of: new.token).kid == rotation.new)
            clock.advance(by: 300)
            _ = try await tokens.verify(old.token, db: app.db, now: clock.now)
            _ = try await tokens.verify(new.token, db: app.db, now: clock.now)
            // Long after, the retired key is gone; its tokens would be expired anyway.
            clock.advance(by: 3600)
            _ = try await AccessTokenKeys.rotate(
                db: app.db, masterKey: app.accounts.masterKey, now: clock.now, tokenLifetime: 600)
            #expect(try await SigningKey.find(oldKid, on: app.db) == nil)
        }
    }
}

@Suite struct BearerHeaderTests {
    @Test func theSchemeIsCaseInsensitiveAndTheTokenExact() {
        func token(_ value: String) -> String? { Authenticate.bearerToken(["Authorization": value]) }
        #expect(token("Bearer abc.def.ghi") == "abc.def.ghi")
        #expect(token("bearer abc.def.ghi") == "abc.def.ghi")
        #expect(token("BEARER abc") == "abc")
        #expect(token("Bearer ") == nil)
        #expect(token("Bearer a b") == nil)
        #expect(token("Basic YWxhZGRpbjpvcGVuc2VzYW1l") == nil)
        #expect(token("Bearerabc") == nil)
        #expect(Authenticate.bearerToken([:]) == nil)
    }
}
