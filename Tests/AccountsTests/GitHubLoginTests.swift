@testable import Accounts
import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// Sign-in with GitHub against a stand-in for its OAuth endpoints and user API (`tools/fake_github.py`), which
/// checks the client secret, the single-use code, the redirect URI and the PKCE verifier.
@Suite struct GitHubLoginTests {
    static func variables(_ github: LoopbackPeer, secret: String = "gh-secret") -> [String: String] {
        authVariables.merging([
            "PARLEY_GITHUB_CLIENT_ID": "gh-client", "PARLEY_GITHUB_CLIENT_SECRET": secret,
            "PARLEY_GITHUB_BASE_URL": github.baseURL, "PARLEY_GITHUB_API_URL": github.baseURL + "/api/v3",
        ]) { $1 }
    }

    /// Starts at Parley, lets the stand-in authorize, and returns the callback path and the binding cookie.
    static func roundTrip(_ app: Application) async throws -> (callback: String, cookie: String) {
        let start = try await call(app, .GET, "/auth/external/github/start")
        let authorize = try #require(start.headers.first(name: .location))
        #expect(authorize.contains("code_challenge_method=S256") && authorize.contains("scope=read:user%20user:email"))
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let response = try await client.execute(HTTPClientRequest(url: authorize), timeout: .seconds(10))
        try await client.shutdown()
        let location = try #require(response.headers.first(name: "location"))
        let callback = try #require(URLComponents(string: location))
        return (
            callback.path + "?" + (callback.percentEncodedQuery ?? ""), try #require(start.setCookies["parley_login"])
        )
    }

    @Test(arguments: DatabaseLane.enabled)
    func aGitHubUserSignsInWithTheirPrimaryVerifiedAddress(_ lane: DatabaseLane) async throws {
        let github = try await LoopbackPeer.start(
            script: "fake_github.py",
            arguments: ["gh-client", "gh-secret", "4242", "octocat", "Mona@Example.com", "true"])
        defer { github.stop() }
        try await withTestApp(lane, variables: Self.variables(github)) { app async throws in
            let (callback, cookie) = try await Self.roundTrip(app)
            let done = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/app")
            let access = try #require(done.setCookies["parley_access"])
            let me = try await call(app, .GET, "/api/v1/auth/me", headers: ["Cookie": "parley_access=\(access)"])
            #expect(me.string("email") == "mona@example.com" && me.string("display_name") == "octocat")
            let identity = try #require(try await ExternalIdentity.query(on: app.db).first())
            #expect(identity.provider == "github" && identity.subject == "4242")
            #expect(try await AuthSession.query(on: app.db).first()?.method == "github")
        }
    }

    @Test func aWrongClientSecretIsRefusedByTheProvider() async throws {
        let github = try await LoopbackPeer.start(
            script: "fake_github.py",
            arguments: ["gh-client", "gh-secret", "4242", "octocat", "mona@example.com", "true"])
        defer { github.stop() }
        try await withTestApp(variables: Self.variables(github, secret: "wrong")) { app async throws in
            let (callback, cookie) = try await Self.roundTrip(app)
            let refused = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(refused.status == .badRequest && refused.text.contains("did not grant access"))
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test func anAccountWithoutAVerifiedAddressIsNotCreated() async throws {
        let github = try await LoopbackPeer.start(
            script: "fake_github.py",
            arguments: ["gh-client", "gh-secret", "7", "nobody", "nobody@example.com", "false"])
        defer { github.stop() }
        try await withTestApp(variables: Self.variables(github)) { app async throws in
            let (callback, cookie) = try await Self.roundTrip(app)
            let refused = try await call(app, .GET, callback, headers: ["Cookie": "parley_login=\(cookie)"])
            #expect(refused.status == .badRequest && refused.text.contains("verified email"))
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }
}
