@testable import Accounts
import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import SQLKit
import Testing
import Vapor

@Suite struct SignInFlowTests {
    @Test(arguments: DatabaseLane.enabled)
    func signUpVerifySignInAndUseTheToken(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let signUp = try await call(
                app, .POST, "/api/v1/auth/sign-up",
                json: [
                    "email": "Ada@Example.com", "password": strongPassword, "bot_check": try await solvedBotCheck(app),
                ])
            #expect(signUp.status == .accepted)
            // Not verified yet: the password is right, so the answer says what to do, and a new link is not sent within the minute.
            let early = try await signIn(app)
            #expect(early.status == .forbidden)
            #expect(early.errorCode == "email_not_verified")
            #expect(try await mails(app, template: "auth.verify_email").count == 1)
            let token = try await mailedToken(app, template: "auth.verify_email")
            let mail = try #require(try await mails(app, template: "auth.verify_email").first)
            #expect(mail.toAddress.contains("ada@example.com"))
            #expect(
                mail.textBody.contains("http://localhost:8080/verify-email#token="),
                "the token travels in the fragment, never in a logged URL")
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/verify-email", json: ["token": token, "password": strongPassword]
                ).status == .ok)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/verify-email", json: ["token": token, "password": strongPassword]
                ).status == .badRequest, "single use")

            let reply = try await signIn(app)
            #expect(reply.status == .ok)
            let access = try #require(reply.string("access_token"))
            #expect(reply.string("refresh_token")?.count == 64)
            let me = try await call(app, .GET, "/api/v1/auth/me", bearer: access)
            #expect(me.status == .ok)
            #expect(me.string("email") == "ada@example.com")
            #expect(me.json["two_factor_enabled"] as? Bool == false)
            #expect(try await call(app, .GET, "/api/v1/auth/me").status == .unauthorized)
            let forged = try await call(app, .GET, "/api/v1/auth/me", bearer: access + "x")
            #expect(forged.status == .unauthorized)
            #expect(forged.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            #expect(
                try await auditActions(app) == [
                    "auth.signed_up", "auth.sign_in.failed", "auth.email.verified", "auth.sign_in.succeeded",
                ])
            // Nothing secret reached a log line.
            for secret in [token, access, reply.string("refresh_token")!, strongPassword] {
                #expect(TestLogs.lines(containing: secret).isEmpty)
            }
        }
    }

    /// The verification mail as delivered by the file transport, decoded by Python's email package, carries a
    /// link that works.
    @Test func theVerificationMailIsDeliveredThroughTheFileTransport() async throws {
        try await withTestApp(variables: authVariables) { app async throws in
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-up",
                    json: [
                        "email": "ada@example.com", "password": strongPassword,
                        "bot_check": try await solvedBotCheck(app),
                    ]
                ).status == .accepted)
            try await app.makeJobWorker(concurrency: 1).drain()
            let directory = app.settings.mailDirectory
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".eml") }
            #expect(files.count == 1)
            let raw = try String(contentsOfFile: directory + "/" + files[0], encoding: .utf8)
            let mail = try await PythonEmailParser.parse(raw)
            #expect(mail.subject == "Confirm your email address for Parley" && mail.to.contains("ada@example.com"))
            #expect(mail.defects.isEmpty)
            let token = String(try #require(mail.text.firstMatch(of: /verify-email#token=([0-9a-f]{64})/)).1)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/verify-email", json: ["token": token, "password": strongPassword]
                ).status == .ok)
            #expect(try await signIn(app).status == .ok)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func everyFailureLooksTheSameAndRepeatedFailuresLockWithGrowingDelays(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        var variables = authVariables
        variables["PARLEY_AUTH_LOCKOUT_THRESHOLD"] = "3"
        variables["PARLEY_AUTH_LOCKOUT_BASE_SECONDS"] = "60"
        try await withTestApp(lane, variables: variables, clock: clock.appClock) { app async throws in
            try await registerVerified(app)
            let unknown = try await signIn(app, email: "nobody@example.com")
            let wrong = try await signIn(app, password: "not the password")
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(
                (unknown.json["error"] as? [String: Any])?["message"] as? String
                    == (wrong.json["error"] as? [String: Any])?["message"] as? String)
            #expect(unknown.errorCode == "sign_in_failed" && wrong.errorCode == "sign_in_failed")
            _ = try await signIn(app, password: "not the password")
            _ = try await signIn(app, password: "not the password")  // third: locked for 60 s
            let locked = try await signIn(app)
            #expect(
                locked.status == .unauthorized && locked.errorCode == "sign_in_failed",
                "even the right password fails while locked")
            #expect(try await lockedUntil(app) == clock.now + 60)
            clock.advance(by: 61)
            _ = try await signIn(app, password: "not the password")  // fourth: twice as long
            #expect(try await lockedUntil(app) == clock.now + 120)
            clock.advance(by: 121)
            #expect(try await signIn(app).status == .ok)
            #expect(try await lockedUntil(app) == nil, "a sign-in forgets the client's failures")
            let actions = try await auditActions(app)
            #expect(actions.filter { $0 == "auth.sign_in.locked" }.count == 2)
            #expect(actions.filter { $0 == "auth.sign_in.failed" }.count == 6)
            let reasons = try await AuditEvent.query(on: app.db).filter(\.$action == "auth.sign_in.failed").all().map {
                $0.metadataValues["reason"] ?? ""
            }
            #expect(Set(reasons) == ["unknown_account", "wrong_password", "locked"])
        }
    }

    /// The lock of the test client (no socket address: `unknown`).
    func lockedUntil(_ app: Application) async throws -> Date? {
        let row = try await (app.db as! any SQLDatabase).select().column("locked_until").from("sign_in_lockouts")
            .first()
        guard let row, try !row.decodeNil(column: "locked_until") else { return nil }
        return try row.decode(column: "locked_until", as: Date.self)
    }

    @Test func signInIsThrottledPerClientAddress() async throws {
        var variables = authVariables
        variables["PARLEY_RATE_LIMIT_AUTH"] = "3/60s"
        try await withTestApp(variables: variables) { app async throws in
            var statuses: [UInt] = []
            for _ in 0..<5 { statuses.append(try await signIn(app, password: "wrong password!").status.code) }
            #expect(statuses == [401, 401, 401, 429, 429])
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func passwordResetRevokesEverySessionAndChangeNeedsTheCurrentPassword(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            try await registerVerified(app)
            let first = try await signIn(app)
            let refresh = try #require(first.string("refresh_token"))
            #expect(
                try await call(app, .POST, "/api/v1/auth/password/forgot", json: ["email": "nobody@example.com"]).status
                    == .accepted)
            #expect(
                try await call(app, .POST, "/api/v1/auth/password/forgot", json: ["email": "ada@example.com"]).status
                    == .accepted)
            #expect(try await mails(app, template: "auth.reset_password").count == 1, "only the real account gets mail")
            let token = try await mailedToken(app, template: "auth.reset_password")
            let weak = try await call(
                app, .POST, "/api/v1/auth/password/reset", json: ["token": token, "password": "short"])
            #expect(weak.status == .badRequest)
            #expect(weak.text.contains("password"))
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/password/reset",
                    json: ["token": token, "password": "a brand new passphrase"]
                ).status == .ok)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/password/reset",
                    json: ["token": token, "password": "another new passphrase"]
                ).status == .badRequest)
            #expect(
                try await call(app, .POST, "/api/v1/auth/refresh", json: ["refresh_token": refresh]).status
                    == .unauthorized, "reset signs out everywhere")
            #expect(try await signIn(app).status == .unauthorized)
            let fresh = try await signIn(app, password: "a brand new passphrase")
            let access = try #require(fresh.string("access_token"))
            let wrong = try await call(
                app, .POST, "/api/v1/auth/password/change",
                json: ["current_password": "guess", "new_password": "yet another passphrase"], bearer: access)
            #expect(wrong.status == .forbidden)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/password/change",
                    json: ["current_password": "a brand new passphrase", "new_password": "yet another passphrase"],
                    bearer: access
                ).status == .ok)
            #expect(try await signIn(app, password: "yet another passphrase").status == .ok)
            #expect(try await mails(app, template: "auth.password_changed").count == 2)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func signingUpAgainDoesNotRevealTheAccountAndDoesNotLetAnEarlierRegistrantKeepAPassword(_ lane: DatabaseLane)
        async throws
    {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            // Someone registers the address first, with their own password; the owner then signs up.
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-up",
                    json: [
                        "email": "ada@example.com", "password": "squatter's password",
                        "bot_check": try await solvedBotCheck(app),
                    ]
                ).status == .accepted)
            let squatterLink = try await mailedToken(app, template: "auth.verify_email")
            // The owner opens the squatter's mail first: the link alone does not verify, and the owner's own
            // password does not fit it, so the squatter's password never takes effect.
            let bare = try await call(app, .POST, "/api/v1/auth/verify-email", json: ["token": squatterLink])
            #expect(bare.status == .forbidden && bare.errorCode == "sign_up_password_wrong")
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/verify-email", json: ["token": squatterLink, "password": strongPassword]
                ).errorCode == "sign_up_password_wrong")
            #expect(try await User.query(on: app.db).first()?.emailVerifiedAt == nil)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-up",
                    json: [
                        "email": "ada@example.com", "password": strongPassword,
                        "bot_check": try await solvedBotCheck(app),
                    ]
                ).status == .accepted)
            #expect(try await mails(app, template: "auth.verify_email").count == 2)
            let ownerLink = try await mailedToken(app, template: "auth.verify_email")
            #expect(ownerLink != squatterLink)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/verify-email", json: ["token": ownerLink, "password": strongPassword]
                ).status == .ok)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/verify-email",
                    json: ["token": squatterLink, "password": "squatter's password"]
                ).status == .badRequest,
                "once verified, the other links no longer work")
            #expect(try await signIn(app, password: "squatter's password").status == .unauthorized)
            #expect(try await signIn(app).status == .ok)
            // Once verified, signing up again tells the mailbox, and the answer is the same.
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-up",
                    json: [
                        "email": "ada@example.com", "password": "some other password",
                        "bot_check": try await solvedBotCheck(app),
                    ]
                ).status == .accepted)
            #expect(try await mails(app, template: "auth.account_exists").count == 1)
            #expect(try await signIn(app).status == .ok)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aVerificationLinkStopsAfterFiveWrongPasswords(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-up",
                    json: [
                        "email": "ada@example.com", "password": strongPassword,
                        "bot_check": try await solvedBotCheck(app),
                    ]
                ).status == .accepted)
            let link = try await mailedToken(app, template: "auth.verify_email")
            for _ in 0..<5 {
                _ = try await call(
                    app, .POST, "/api/v1/auth/verify-email", json: ["token": link, "password": "a wrong guess here"])
            }
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/verify-email", json: ["token": link, "password": strongPassword]
                ).status == .badRequest)
        }
    }

    /// Sign-ups to one address send it at most three mails an hour, whether the account is verified or not.
    @Test(arguments: DatabaseLane.enabled)
    func signUpMailToOneAddressIsThrottled(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            try await registerVerified(app)  // one mail
            for _ in 0..<5 {
                #expect(
                    try await call(
                        app, .POST, "/api/v1/auth/sign-up",
                        json: [
                            "email": "ada@example.com", "password": "another passphrase",
                            "bot_check": try await solvedBotCheck(app),
                        ]
                    ).status == .accepted)
            }
            #expect(
                try await mails(app, template: "auth.account_exists").count == 2,
                "three mails in the hour, the verification included")
            clock.advance(by: 3601)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-up",
                    json: [
                        "email": "ada@example.com", "password": "another passphrase",
                        "bot_check": try await solvedBotCheck(app),
                    ]
                ).status == .accepted)
            #expect(try await mails(app, template: "auth.account_exists").count == 3)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func changingTheEmailTakesEffectOnlyOnceTheNewAddressConfirms(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            try await registerVerified(app)
            let access = try #require(try await signIn(app).string("access_token"))
            let noPassword = try await call(
                app, .POST, "/api/v1/auth/email/change", json: ["new_email": "ada@lovelace.example"], bearer: access)
            #expect(noPassword.status == .forbidden)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/email/change",
                    json: ["new_email": "ada@lovelace.example", "current_password": strongPassword],
                    bearer: access
                ).status == .accepted)
            #expect(try await call(app, .GET, "/api/v1/auth/me", bearer: access).string("email") == "ada@example.com")
            let token = try await mailedToken(app, template: "auth.change_email")
            #expect(try await call(app, .POST, "/api/v1/auth/email/confirm", json: ["token": token]).status == .ok)
            #expect(
                try await call(app, .GET, "/api/v1/auth/me", bearer: access).string("email") == "ada@lovelace.example")
            #expect(
                try await mails(app, template: "auth.email_changed").first?.toAddress.contains("ada@example.com")
                    == true)
            #expect(try await signIn(app, email: "ada@lovelace.example").status == .ok)
        }
    }

    @Test func malformedBodiesGetAClearFourHundred() async throws {
        try await withTestApp(variables: authVariables) { app async throws in
            var headers = HTTPHeaders()
            headers.contentType = .json
            try await app.testing().test(
                .POST, "/api/v1/auth/sign-in", headers: headers, body: ByteBuffer(string: "{\"email\": 5")
            ) { response async throws in
                #expect(response.status == .badRequest)
            }
            let unchecked = try await call(
                app, .POST, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": strongPassword])
            #expect(unchecked.status == .badRequest, "sign-up needs the bot check")
            let badEmail = try await call(
                app, .POST, "/api/v1/auth/sign-up",
                json: [
                    "email": "not an address", "password": strongPassword, "bot_check": try await solvedBotCheck(app),
                ])
            #expect(badEmail.status == .badRequest)
            #expect(badEmail.text.contains("email"))
            let wrongType = try await call(
                app, .POST, "/api/v1/auth/sign-up",
                json: ["email": "ada@example.com", "password": 42, "bot_check": try await solvedBotCheck(app)])
            #expect(wrongType.status == .badRequest)
            #expect(
                try await call(app, .POST, "/api/v1/auth/verify-email", json: ["token": "../../etc"]).status
                    == .badRequest)
            #expect(try await call(app, .DELETE, "/api/v1/auth/sessions/not-a-uuid").status == .unauthorized)
        }
    }
}
