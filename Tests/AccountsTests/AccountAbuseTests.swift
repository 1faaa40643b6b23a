@testable import Accounts
import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import SQLKit
import Testing
import Vapor

/// Attacks on accounts from the outside: racing refreshes and code guesses, locking others out, squatting an
/// address through an external provider, and tokens that outlive a sign-out.
@Suite struct AccountAbuseTests {
    static let concurrency = authVariables.merging(["PARLEY_DATABASE_POOL_SIZE": "16"]) { $1 }

    static func env(_ app: Application, ip: String) throws -> AccountsEnvironment {
        try AccountsEnvironment(
            app, db: app.db, logger: app.logger, client: ClientInfo(ip: ip, userAgent: nil, requestID: nil))
    }

    @Test(arguments: DatabaseLane.enabled)
    func concurrentRefreshesRotateTheTokenOnce(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: Self.concurrency) { app async throws in
            try await registerVerified(app)
            let refresh = try #require(try await signIn(app).string("refresh_token"))
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": refresh])
                    }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            #expect(
                replies.allSatisfy { $0.status.code < 500 },
                "\(replies.map(\.status.code)) \(replies.first { $0.status.code >= 500 }?.text ?? "")")
            #expect(
                replies.filter { $0.string("refresh_token") != nil }.count == 1, "exactly one use rotates the token")
            #expect(try await RefreshToken.query(on: app.db).count() == 2, "the family did not fork")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func secondFactorGuessesAreLimitedPerChallengeAndPerAccountEvenConcurrently(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: Self.concurrency, clock: clock.appClock) { app async throws in
            let (totp, _, _) = try await TwoFactorTests.enroll(app, clock: clock)
            clock.advance(by: 30)
            let challenge = try #require(try await signIn(app).string("challenge"))
            _ = try await withThrowingTaskGroup(of: Reply.self) { group in
                for index in 0..<20 {
                    let guess = String(format: "%06d", index)
                    group.addTask {
                        try await call(
                            app, .POST, "/api/v1/auth/sign-in/second-factor",
                            json: ["challenge": challenge, "code": guess])
                    }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            let judged = try await AuditEvent.query(on: app.db).filter(\.$action == "auth.sign_in.failed").all()
                .filter { $0.metadataValues["reason"] == "second_factor" }.count
            #expect(judged <= 5, "at most five codes were looked at, not \(judged)")
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": challenge, "code": totp.code(at: clock.now)]
                ).status == .badRequest)
            // A fresh challenge does not bring fresh guesses: ten per account in fifteen minutes.
            let second = try #require(try await signIn(app).string("challenge"))
            for index in 0..<5 {
                _ = try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": second, "code": String(format: "%06d", index)])
            }
            let third = try #require(try await signIn(app).string("challenge"))
            let limited = try await call(
                app, .POST, "/api/v1/auth/sign-in/second-factor",
                json: ["challenge": third, "code": totp.code(at: clock.now)])
            #expect(limited.status == .tooManyRequests && limited.errorCode == "too_many_second_factor_attempts")
            clock.advance(by: 901)
            let fourth = try #require(try await signIn(app).string("challenge"))
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": fourth, "code": totp.code(at: clock.now)]
                ).status == .ok)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aStrangerGuessingFromOneAddressCannotLockTheOwnerOutElsewhere(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: Self.concurrency) { app async throws in
            try await registerVerified(app)
            let attacker = try Self.env(app, ip: "203.0.113.7"), owner = try Self.env(app, ip: "198.51.100.20")
            for _ in 0..<12 {
                await #expect(throws: AccountsError.self) {
                    _ = try await SignIn.withPassword(
                        email: "ada@example.com", password: "wrong guess number", attacker)
                }
            }
            await #expect(throws: AccountsError.self, "the guessing address is locked, even with the right password") {
                _ = try await SignIn.withPassword(email: "ada@example.com", password: strongPassword, attacker)
            }
            guard
                case .signedIn = try await SignIn.withPassword(
                    email: "ada@example.com", password: strongPassword, owner)
            else {
                Issue.record("the owner, elsewhere, signs in")
                return
            }
            // Concurrent failures are all counted (one atomic upsert each).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        _ = try? await SignIn.withPassword(
                            email: "ada@example.com", password: "wrong guess again", try Self.env(app, ip: "192.0.2.9"))
                    }
                }
                try await group.waitForAll()
            }
            let failures = try await (app.db as! any SQLDatabase).select().column("failures").from("sign_in_lockouts")
                .where("client", .equal, "192.0.2.9").first()
            #expect(try failures?.decode(column: "failures", as: Int.self) == 6)
        }
    }

    @Test func theTypedAddressNeverReachesALog() async throws {
        try await withTestApp(variables: authVariables) { app async throws in
            try await registerVerified(app)
            let typo = "my secret passphrase 4 ada"
            #expect(try await signIn(app, email: typo, password: typo).status.code >= 400)
            #expect(TestLogs.lines(containing: "secret passphrase 4").isEmpty)
            #expect(
                try await AuditEvent.query(on: app.db).all().allSatisfy {
                    !$0.metadataValues.values.contains { $0.contains("passphrase 4") }
                })
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func signingOutEverywhereOrDeletingTheAccountEndsItsAccessTokensAtOnce(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            try await registerVerified(app)
            let phone = try #require(try await signIn(app).string("access_token"))
            let laptop = try #require(try await signIn(app).string("access_token"))
            #expect(try await call(app, .GET, "/api/v1/auth/sessions", bearer: phone).status == .ok)
            #expect(try await call(app, .POST, "/api/v1/auth/sign-out-everywhere", bearer: laptop).status == .noContent)
            #expect(
                try await call(app, .GET, "/api/v1/auth/sessions", bearer: phone).status == .unauthorized,
                "revoked on a route outside any workspace")
            // A sign-in in the same second is not caught by the revocation.
            let fresh = try #require(try await signIn(app).string("access_token"))
            #expect(try await call(app, .GET, "/api/v1/auth/sessions", bearer: fresh).status == .ok)
            // Another process's revocation applies here once the remembered time is older than `freshness`.
            clock.advance(by: 2)
            let user = try #require(try await User.query(on: app.db).first())
            user.tokensRevokedAt = clock.now
            try await user.save(on: app.db)
            #expect(
                try await call(app, .GET, "/api/v1/auth/sessions", bearer: fresh).status == .ok,
                "remembered for a few seconds")
            clock.advance(by: TokenRevocations.freshness + 1)
            #expect(try await call(app, .GET, "/api/v1/auth/sessions", bearer: fresh).status == .unauthorized)
            // Deleting the account.
            let kept = try #require(try await signIn(app).string("access_token"))
            let other = try #require(try await signIn(app).string("access_token"))
            #expect(try await call(app, .GET, "/api/v1/auth/sessions", bearer: other).status == .ok)
            #expect(
                try await call(
                    app, .DELETE, "/api/v1/auth/account", json: ["current_password": strongPassword], bearer: kept
                ).status == .noContent)
            #expect(try await call(app, .GET, "/api/v1/auth/sessions", bearer: other).status == .unauthorized)
        }
    }

    /// An account without a password (external sign-in) proves itself by a recent sign-in.
    @Test(arguments: DatabaseLane.enabled)
    func passwordlessAccountsNeedARecentSignInForSensitiveChanges(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let user = User(email: "eve@example.com", displayName: "Eve", passwordHash: nil, now: clock.now)
            user.emailVerifiedAt = clock.now
            try await user.create(on: app.db)
            let pair = try await Sessions.start(user: user, method: "oidc", try Self.env(app, ip: "192.0.2.1"))
            #expect(
                try await call(app, .POST, "/api/v1/auth/totp/enroll", bearer: pair.accessToken).status == .ok,
                "just signed in")
            clock.advance(by: 11 * 60)
            let later = try await call(
                app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": try #require(pair.refreshToken)])
            let access = try #require(later.string("access_token"))
            let changes: [(HTTPMethod, String, [String: Any])] = [
                (.POST, "/api/v1/auth/totp/enroll", [:]),
                (.POST, "/api/v1/auth/email/change", ["new_email": "eve@elsewhere.example"]),
                (.DELETE, "/api/v1/auth/account", [:]),
            ]
            for (method, path, body) in changes {
                let refused = try await call(app, method, path, json: body, bearer: access)
                #expect(refused.status == .forbidden && refused.errorCode == "reauthentication_required", "\(path)")
            }
            #expect(try await User.find(user.requireID(), on: app.db)?.deletedAt == nil)
        }
    }

    /// An identity linked while the address was unproven (before unverified provider addresses were refused) is
    /// removed, with its sessions, when the address's owner proves the mailbox.
    @Test(arguments: DatabaseLane.enabled)
    func provingTheMailboxRemovesAnIdentityThatNeverProvedIt(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let squatter = User(
                email: "ada@example.com", displayName: "Mallory", passwordHash: nil, now: app.clock.now())
            try await squatter.create(on: app.db)
            let identity = ExternalIdentity()
            identity.id = UUID()
            identity.$user.id = try squatter.requireID()
            identity.provider = "oidc"
            identity.subject = "mallory"
            identity.createdAt = app.clock.now()
            identity.lastUsedAt = app.clock.now()
            try await identity.create(on: app.db)
            let pair = try await Sessions.start(user: squatter, method: "oidc", try Self.env(app, ip: "192.0.2.1"))
            // The owner resets the password through the mailbox.
            #expect(
                try await call(app, .POST, "/api/v1/auth/password/forgot", json: ["email": "ada@example.com"]).status
                    == .accepted)
            let token = try await mailedToken(app, template: "auth.reset_password")
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/password/reset", json: ["token": token, "password": strongPassword]
                ).status == .ok)
            #expect(try await ExternalIdentity.query(on: app.db).count() == 0)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": try #require(pair.refreshToken)]
                ).status == .unauthorized)
            #expect(
                try await call(app, .GET, "/api/v1/auth/sessions", bearer: pair.accessToken).status == .unauthorized)
            #expect(try await auditActions(app).contains("auth.identity.unlinked"))
            #expect(try await signIn(app).status == .ok)
        }
    }
}
