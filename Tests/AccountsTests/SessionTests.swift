@testable import Accounts
import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct SessionTests {
    @Test(arguments: DatabaseLane.enabled)
    func refreshRotatesAndReuseRevokesTheWholeFamily(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            try await registerVerified(app)
            let first = try #require(try await signIn(app).string("refresh_token"))
            let second = try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": first])
            #expect(second.status == .ok)
            let secondToken = try #require(second.string("refresh_token"))
            #expect(secondToken != first)
            // Within the leeway (two tabs refreshing at once) the old token gets an access token and no refresh token.
            let concurrent = try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": first])
            #expect(concurrent.status == .ok)
            #expect(concurrent.string("access_token") != nil)
            #expect(concurrent.json["refresh_token"] == nil || concurrent.json["refresh_token"] is NSNull)
            // Later, the rotated token is a stolen copy: the whole family ends.
            clock.advance(by: 30)
            let reuse = try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": first])
            #expect(reuse.status == .unauthorized)
            #expect(
                try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": secondToken]).status
                    == .unauthorized,
                "the legitimate newest token is revoked with its family")
            let session = try #require(try await AuthSession.query(on: app.db).first())
            #expect(session.revokedReason == "refresh_token_reuse")
            #expect(try await auditActions(app).contains("auth.refresh_token.reused"))
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": String(repeating: "0", count: 64)]
                ).status == .unauthorized)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func sessionsExpireWhenIdleAndAtTheirAbsoluteLimit(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            try await registerVerified(app)
            var token = try #require(try await signIn(app).string("refresh_token"))
            clock.advance(by: 7 * 86_400 + 1)
            #expect(
                try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": token]).status
                    == .unauthorized, "idle for more than 7 days")
            token = try #require(try await signIn(app).string("refresh_token"))
            let start = clock.now
            for _ in 0..<5 {  // used every 6 days, it still ends after 30
                clock.advance(by: 6 * 86_400)
                let reply = try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": token])
                guard reply.status == .ok, let next = reply.string("refresh_token") else {
                    #expect(clock.now.timeIntervalSince(start) >= 30 * 86_400, "refused only at the absolute limit")
                    return
                }
                token = next
            }
            Issue.record("a session outlived its absolute lifetime")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func sessionsAreListedAndRevocableOneByOneOrAllAtOnce(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            try await registerVerified(app)
            try await registerVerified(app, email: "grace@example.com")
            let laptop = try await call(
                app, .POST, "/api/v1/auth/sign-in", json: ["email": "ada@example.com", "password": strongPassword],
                headers: ["User-Agent": "Laptop browser"])
            let phone = try await call(
                app, .POST, "/api/v1/auth/sign-in", json: ["email": "ada@example.com", "password": strongPassword],
                headers: ["User-Agent": "Phone app"])
            let grace = try await signIn(app, email: "grace@example.com")
            let access = try #require(laptop.string("access_token"))
            let list = try await call(app, .GET, "/api/v1/auth/sessions", bearer: access)
            let sessions = try #require(list.json["sessions"] as? [[String: Any]])
            #expect(sessions.count == 2)
            #expect(Set(sessions.compactMap { $0["device"] as? String }) == ["Laptop browser", "Phone app"])
            #expect(sessions.filter { $0["current"] as? Bool == true }.count == 1)
            // Another user's session id is unknown here.
            let graceSession = try #require(grace.string("session_id"))
            #expect(
                try await call(app, .DELETE, "/api/v1/auth/sessions/\(graceSession)", bearer: access).status
                    == .notFound)
            let phoneSession = try #require(phone.string("session_id"))
            #expect(
                try await call(app, .DELETE, "/api/v1/auth/sessions/\(phoneSession)", bearer: access).status
                    == .noContent)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": phone.string("refresh_token")!]
                ).status == .unauthorized)
            #expect(try await call(app, .POST, "/api/v1/auth/sign-out-everywhere", bearer: access).status == .noContent)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": laptop.string("refresh_token")!]
                ).status == .unauthorized)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": grace.string("refresh_token")!]
                ).status == .ok,
                "other users are untouched")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func browsersUseHttpOnlyCookiesWithCSRFProtectionAndRefreshSilently(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            try await registerVerified(app)
            let reply = try await call(
                app, .POST, "/api/v1/auth/sign-in", json: ["email": "ada@example.com", "password": strongPassword],
                headers: ["X-Parley-Session": "cookie"])
            #expect(reply.status == .ok)
            #expect(
                reply.json["access_token"] == nil && reply.json["refresh_token"] == nil, "scripts never see the tokens")
            let csrf = try #require(reply.string("csrf_token"))
            let cookies = reply.setCookies
            #expect(
                Set(cookies.keys) == ["parley_access", "parley_refresh", "parley_csrf"],
                "no __Host- prefix on a plain-http public URL")
            let accessLine = try #require(reply.headers[.setCookie].first { $0.hasPrefix("parley_access=") })
            #expect(
                accessLine.contains("HttpOnly") && accessLine.contains("SameSite=Lax") && accessLine.contains("Path=/"))
            #expect(!accessLine.contains("Secure"))
            let jar =
                "parley_access=\(cookies["parley_access"]!); parley_refresh=\(cookies["parley_refresh"]!); parley_csrf=\(csrf)"
            #expect(try await call(app, .GET, "/api/v1/auth/me", headers: ["Cookie": jar]).status == .ok)
            // Unsafe requests need the token and the origin.
            let noToken = try await call(
                app, .POST, "/api/v1/auth/totp/enroll", headers: ["Cookie": jar, "Origin": origin])
            #expect(noToken.status == .forbidden && noToken.errorCode == "csrf_rejected")
            let otherOrigin = try await call(
                app, .POST, "/api/v1/auth/totp/enroll",
                headers: ["Cookie": jar, "Origin": "https://evil.example", "X-CSRF-Token": csrf])
            #expect(otherOrigin.status == .forbidden)
            let noOrigin = try await call(
                app, .POST, "/api/v1/auth/totp/enroll", headers: ["Cookie": jar, "X-CSRF-Token": csrf])
            #expect(noOrigin.status == .forbidden)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/totp/enroll", json: ["current_password": strongPassword],
                    headers: ["Cookie": jar, "Origin": origin, "X-CSRF-Token": csrf]
                ).status == .ok)
            // Eleven minutes on, the access cookie has expired: the refresh cookie renews it silently.
            clock.advance(by: 660)
            let renewed = try await call(app, .GET, "/api/v1/auth/me", headers: ["Cookie": jar])
            #expect(renewed.status == .ok)
            let newCookies = renewed.setCookies
            #expect(newCookies["parley_access"] != nil && newCookies["parley_refresh"] != cookies["parley_refresh"])
            #expect(newCookies["parley_csrf"] == csrf, "the CSRF token is bound to the session, which stays the same")
            // A dead refresh cookie is cleared and the request is unauthenticated.
            let signedOutJar = "parley_refresh=\(String(repeating: "a", count: 64))"
            let stale = try await call(app, .GET, "/api/v1/auth/me", headers: ["Cookie": signedOutJar])
            #expect(stale.status == .unauthorized)
        }
    }

    @Test func httpsPublicURLsGetHostPrefixedSecureCookies() async throws {
        var variables = authVariables
        variables["PARLEY_PUBLIC_URL"] = "https://parley.example.com"
        try await withTestApp(variables: variables) { app async throws in
            try await registerVerified(app)
            let reply = try await call(
                app, .POST, "/api/v1/auth/sign-in", json: ["email": "ada@example.com", "password": strongPassword],
                headers: ["X-Parley-Session": "cookie"])
            #expect(
                Set(reply.setCookies.keys) == ["__Host-parley_access", "__Host-parley_refresh", "__Host-parley_csrf"])
            #expect(
                reply.headers[.setCookie].allSatisfy {
                    $0.contains("Secure") && $0.contains("Path=/") && !$0.contains("Domain")
                })
        }
    }
}

@Suite struct AccountsPruningTests {
    @Test(arguments: DatabaseLane.enabled)
    func endedSessionsAndSpentLinksArePrunedAfterAMonth(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            try await registerVerified(app)
            let reply = try await signIn(app)
            let live = try #require(reply.string("refresh_token"))
            _ = try await call(app, .POST, "/api/v1/auth/sign-out", bearer: try #require(reply.string("access_token")))
            let kept = try #require(try await signIn(app).string("refresh_token"))
            clock.advance(by: 6 * 86_400)
            _ = try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": kept])
            try await AccountsPruning.prune(on: app.db, now: clock.now + 20 * 86_400)
            #expect(try await AuthSession.query(on: app.db).count() == 2, "a month has not passed since the sign-out")
            try await AccountsPruning.prune(on: app.db, now: clock.now + 25 * 86_400)
            #expect(
                try await AuthSession.query(on: app.db).count() == 1,
                "the signed-out session is gone, the used one stays")
            #expect(try await UserToken.query(on: app.db).count() == 0, "the spent verification link is gone")
            #expect(
                try await RefreshToken.query(on: app.db).filter(\.$tokenHash == sha256Hex(live)).count() == 0,
                "its refresh tokens went with it")
        }
    }
}
