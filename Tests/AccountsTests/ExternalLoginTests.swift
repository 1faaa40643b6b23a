@testable import Accounts
import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// Sign-in through a real OpenID provider on loopback (PyPI oidc-provider-mock), driven without a browser.
@Suite(.enabled(if: TestEnvironment.oidcProviderEnabled))
struct ExternalLoginTests {
    static let alice = #"{"sub":"alice-sub","email":"alice@example.com","email_verified":true,"name":"Alice"}"#

    /// The provider's discovery and keys are fetched through the fetch gate, which lets loopback through only
    /// when allowlisted.
    static func variables(_ provider: LoopbackPeer, allowlisted: Bool = true) -> [String: String] {
        authVariables.merging([
            "PARLEY_OIDC_ISSUER": provider.baseURL, "PARLEY_OIDC_CLIENT_ID": "parley-test",
            "PARLEY_OIDC_CLIENT_SECRET": "test-secret",
            "PARLEY_FETCH_ALLOW": allowlisted ? "127.0.0.1:\(provider.port)" : "",
        ]) { $1 }
    }

    /// Starts at Parley, signs in at the provider as `sub`, and returns the callback path and the login cookie.
    static func roundTrip(_ app: Application, sub: String, returnTo: String = "/account") async throws -> (
        callback: String, cookie: String, authorize: URLComponents
    ) {
        let start = try await call(app, .GET, "/auth/external/oidc/start?return_to=\(returnTo)")
        #expect(start.status == .seeOther)
        let redirect = try #require(start.headers.first(name: .location))
        let authorize = try #require(URLComponents(string: redirect))
        let cookie = try #require(start.setCookies["parley_login"])
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        var request = HTTPClientRequest(url: try #require(authorize.string))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "sub=\(sub)"))
        let response = try await client.execute(request, timeout: .seconds(10))
        try await client.shutdown()
        let location = try #require(response.headers.first(name: "location"))
        let callback = try #require(URLComponents(string: location))
        #expect(callback.path == "/auth/external/oidc/callback")
        return (callback.path + "?" + (callback.percentEncodedQuery ?? ""), cookie, authorize)
    }

    @Test(arguments: DatabaseLane.enabled)
    func aNewUserSignsInWithTheProvider(_ lane: DatabaseLane) async throws {
        let provider = try await LoopbackPeer.start(
            script: "oidc_provider.py", arguments: ["--require-nonce", Self.alice])
        defer { provider.stop() }
        try await withTestApp(lane, variables: Self.variables(provider)) { app async throws in
            let (callback, cookie, authorize) = try await Self.roundTrip(app, sub: "alice-sub")
            let query = Dictionary(uniqueKeysWithValues: (authorize.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(query["code_challenge_method"] == "S256")
            #expect(
                query["code_challenge"]?.count == 43 && query["nonce"]?.isEmpty == false && query["state"]?.count == 64)
            #expect(query["redirect_uri"] == "http://localhost:8080/auth/external/oidc/callback")
            #expect(query["scope"] == "openid email profile")

            let done = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location) == "/account")
            let jar = done.setCookies
            let access = try #require(jar["parley_access"])
            let me = try await call(app, .GET, "/api/v1/auth/me", headers: ["Cookie": "parley_access=\(access)"])
            #expect(me.string("email") == "alice@example.com")
            #expect(me.json["email_verified"] as? Bool == true)
            let identity = try #require(try await ExternalIdentity.query(on: app.db).first())
            #expect(identity.provider == "oidc" && identity.subject == "alice-sub")
            // The state is spent: the same callback again is refused.
            let replay = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(replay.status == .badRequest)
            #expect(replay.text.contains("Start again"))
            // A second sign-in finds the identity by subject.
            let again = try await Self.roundTrip(app, sub: "alice-sub")
            #expect(
                try await call(app, .GET, again.callback, headers: ["Cookie": "parley_login=\(again.cookie)"]).status
                    == .seeOther)
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func theStateIsBoundToTheBrowserThatStartedIt() async throws {
        let provider = try await LoopbackPeer.start(
            script: "oidc_provider.py", arguments: ["--require-nonce", Self.alice])
        defer { provider.stop() }
        try await withTestApp(variables: Self.variables(provider)) { app async throws in
            let (callback, _, _) = try await Self.roundTrip(app, sub: "alice-sub")
            #expect(try await call(app, .GET, callback).status == .badRequest, "no binding cookie")
            #expect(
                try await call(
                    app, .GET, callback, headers: ["Cookie": "parley_login=\(String(repeating: "0", count: 64))"]
                ).status == .badRequest)
            #expect(try await User.query(on: app.db).count() == 0)
            #expect(try await call(app, .GET, "/auth/external/nowhere/start").status == .notFound)
            let unsafe = try await call(app, .GET, "/auth/external/oidc/start?return_to=//evil.example/")
            #expect(unsafe.status == .seeOther)
            #expect(
                try await ExternalLoginAttempt.query(on: app.db).all().allSatisfy {
                    $0.returnTo.hasPrefix("/") && !$0.returnTo.hasPrefix("//")
                })
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func anExistingAccountIsLinkedOnlyAfterSigningInToIt(_ lane: DatabaseLane) async throws {
        let provider = try await LoopbackPeer.start(
            script: "oidc_provider.py", arguments: ["--require-nonce", Self.alice])
        defer { provider.stop() }
        try await withTestApp(lane, variables: Self.variables(provider)) { app async throws in
            try await registerVerified(app, email: "alice@example.com")
            let (callback, cookie, _) = try await Self.roundTrip(app, sub: "alice-sub")
            let done = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location) == "/sign-in?link=oidc")
            #expect(done.setCookies["parley_access"] == nil, "not signed in by the address alone")
            let link = try #require(done.setCookies["parley_link"])
            #expect(try await ExternalIdentity.query(on: app.db).count() == 0)
            // Signing in with the wrong password links nothing.
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in",
                    json: ["email": "alice@example.com", "password": "wrong password!"],
                    headers: ["Cookie": "parley_link=\(link)"]
                ).status == .unauthorized)
            #expect(try await ExternalIdentity.query(on: app.db).count() == 0)
            let signedIn = try await call(
                app, .POST, "/api/v1/auth/sign-in", json: ["email": "alice@example.com", "password": strongPassword],
                headers: ["Cookie": "parley_link=\(link)"])
            #expect(signedIn.status == .ok)
            #expect(try await ExternalIdentity.query(on: app.db).first()?.subject == "alice-sub")
            #expect(try await auditActions(app).contains("auth.identity.linked"))
            // From now on the provider signs in to that account directly.
            let again = try await Self.roundTrip(app, sub: "alice-sub")
            let direct = try await call(app, .GET, again.callback, headers: ["Cookie": "parley_login=\(again.cookie)"])
            #expect(direct.headers.first(name: .location) == "/account")
        }
    }

    @Test func anUnverifiedAddressNeverLinksToAnExistingAccount() async throws {
        let mallory = #"{"sub":"mallory","email":"alice@example.com","email_verified":false}"#
        let provider = try await LoopbackPeer.start(
            script: "oidc_provider.py", arguments: ["--require-nonce", mallory])
        defer { provider.stop() }
        try await withTestApp(variables: Self.variables(provider)) { app async throws in
            try await registerVerified(app, email: "alice@example.com")
            let (callback, cookie, _) = try await Self.roundTrip(app, sub: "mallory")
            let refused = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(refused.status == .badRequest)
            #expect(refused.setCookies["parley_link"] == nil)
            #expect(try await ExternalIdentity.query(on: app.db).count() == 0)
        }
    }

    /// A provider that did not verify the address creates no account with it, so whoever signed in that way holds
    /// nothing once the address's owner signs up and proves it.
    @Test func anUnverifiedAddressCreatesNoAccount() async throws {
        let mallory = #"{"sub":"mallory","email":"alice@example.com","email_verified":false}"#
        let provider = try await LoopbackPeer.start(
            script: "oidc_provider.py", arguments: ["--require-nonce", mallory])
        defer { provider.stop() }
        try await withTestApp(variables: Self.variables(provider)) { app async throws in
            let (callback, cookie, _) = try await Self.roundTrip(app, sub: "mallory")
            let refused = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(refused.status == .badRequest)
            #expect(try await User.query(on: app.db).count() == 0)
            #expect(try await ExternalIdentity.query(on: app.db).count() == 0)
            try await registerVerified(app, email: "alice@example.com")
            let again = try await Self.roundTrip(app, sub: "mallory")
            let still = try await call(app, .GET, again.callback, headers: ["Cookie": "parley_login=\(again.cookie)"])
            #expect(still.status == .badRequest && still.setCookies["parley_access"] == nil)
        }
    }

    @Test func anExpiredIDTokenFromTheProviderIsRefused() async throws {
        let provider = try await LoopbackPeer.start(
            script: "oidc_provider.py", arguments: ["--require-nonce", "--token-max-age", "-120", Self.alice])
        defer { provider.stop() }
        try await withTestApp(variables: Self.variables(provider)) { app async throws in
            let (callback, cookie, _) = try await Self.roundTrip(app, sub: "alice-sub")
            let refused = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("expired"))
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    /// A discovery document on an internal address is never fetched: the gate refuses it before any request.
    @Test func aProviderOnAnInternalAddressIsRefusedByTheFetchGate() async throws {
        let provider = try await LoopbackPeer.start(
            script: "oidc_provider.py", arguments: ["--require-nonce", Self.alice])
        defer { provider.stop() }
        try await withTestApp(variables: Self.variables(provider, allowlisted: false)) { app async throws in
            let start = try await call(app, .GET, "/auth/external/oidc/start?return_to=/account")
            #expect(start.status == .badGateway, "the provider cannot be reached, as when it is down")
            #expect(start.headers.first(name: .location) == nil)
        }
    }
}
