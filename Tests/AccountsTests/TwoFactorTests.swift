@testable import Accounts
import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct TwoFactorTests {
    /// Signs in, enrolls and confirms TOTP; returns the seed, the recovery codes and an access token.
    static func enroll(_ app: Application, clock: TestClock) async throws -> (
        totp: TOTPGenerator, codes: [String], access: String
    ) {
        try await registerVerified(app)
        let access = try #require(try await signIn(app).string("access_token"))
        #expect(
            try await call(app, .POST, "/api/v1/auth/totp/enroll", bearer: access).errorCode
                == "current_password_wrong", "enrolling needs the password")
        let enrollment = try await call(
            app, .POST, "/api/v1/auth/totp/enroll", json: ["current_password": strongPassword], bearer: access)
        #expect(enrollment.status == .ok)
        let secret = try #require(enrollment.string("secret"))
        #expect(
            enrollment.string("otpauth_uri")?.hasPrefix("otpauth://totp/Parley:ada@example.com?secret=\(secret)")
                == true)
        let svg = try #require(enrollment.string("qr_svg"))
        #expect(svg.hasPrefix("<svg") && !svg.contains("<script") && !svg.contains("style="))
        let totp = TOTPGenerator(secret: try #require(Base32.decode(secret)))
        #expect(
            try await call(app, .POST, "/api/v1/auth/totp/confirm", json: ["code": "000000"], bearer: access).status
                == .unauthorized)
        let confirmed = try await call(
            app, .POST, "/api/v1/auth/totp/confirm", json: ["code": totp.code(at: clock.now)], bearer: access)
        #expect(confirmed.status == .ok)
        let codes = try #require(confirmed.json["recovery_codes"] as? [String])
        return (totp, codes, access)
    }

    @Test(arguments: DatabaseLane.enabled)
    func enrollmentThenSignInNeedsTheSecondFactorAndRefusesReplays(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (totp, codes, _) = try await Self.enroll(app, clock: clock)
            #expect(codes.count == 10 && Set(codes).count == 10)
            let user = try #require(try await User.query(on: app.db).first())
            let sealed = try #require(user.totpSecretSealed)
            #expect(
                !sealed.contains(Base32.encode(totp.secret)) && sealed.hasPrefix("v1."), "the seed is encrypted at rest"
            )
            #expect(
                try await RecoveryCode.query(on: app.db).all().allSatisfy { !codes.contains($0.codeHash) },
                "codes are stored hashed")

            clock.advance(by: 30)
            let first = try await signIn(app)
            #expect(first.string("status") == "second_factor_required")
            #expect(first.json["access_token"] == nil)
            let challenge = try #require(first.string("challenge"))
            let code = totp.code(at: clock.now)
            let done = try await call(
                app, .POST, "/api/v1/auth/sign-in/second-factor", json: ["challenge": challenge, "code": code])
            #expect(done.status == .ok)
            #expect(done.string("access_token") != nil)
            // The same code again, in the same step, on a new sign-in: a replay.
            let second = try #require(try await signIn(app).string("challenge"))
            let replay = try await call(
                app, .POST, "/api/v1/auth/sign-in/second-factor", json: ["challenge": second, "code": code])
            #expect(replay.status == .unauthorized && replay.errorCode == "second_factor_failed")
            // A code two steps old is refused; the next step's code works.
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": second, "code": totp.code(at: clock.now - 60)]
                ).status == .unauthorized)
            clock.advance(by: 30)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": second, "code": totp.code(at: clock.now)]
                ).status == .ok)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": second, "code": totp.code(at: clock.now)]
                ).status == .badRequest, "a challenge is used once")
            let methods = try await AuthSession.query(on: app.db).all().map(\.method)
            #expect(methods.filter { $0 == "password+totp" }.count == 2)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func recoveryCodesWorkOnceAndTurningOffNeedsAFreshCode(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (totp, codes, access) = try await Self.enroll(app, clock: clock)
            let challenge = try #require(try await signIn(app).string("challenge"))
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": challenge, "recovery_code": codes[0].uppercased()]
                ).status == .ok)
            let again = try #require(try await signIn(app).string("challenge"))
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": again, "recovery_code": codes[0]]
                ).status == .unauthorized, "each code works once")
            // Wrong answers are counted: the fifth ends the challenge.
            for _ in 0..<4 {
                _ = try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor", json: ["challenge": again, "code": "123456"])
            }
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/sign-in/second-factor",
                    json: ["challenge": again, "recovery_code": codes[1]]
                ).status == .badRequest)
            #expect(try await auditActions(app).contains("auth.two_factor.recovery_code_used"))

            // Turning off: a recovery code is not enough, the code already used is a replay, a fresh one works.
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/totp/disable",
                    json: ["code": codes[2], "current_password": strongPassword], bearer: access
                ).status == .unauthorized)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/totp/disable",
                    json: ["code": totp.code(at: clock.now), "current_password": strongPassword], bearer: access
                ).status == .unauthorized)
            clock.advance(by: 30)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/totp/disable", json: ["code": totp.code(at: clock.now)], bearer: access
                ).errorCode == "current_password_wrong",
                "a code alone does not turn 2FA off")
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/totp/disable",
                    json: ["code": totp.code(at: clock.now), "current_password": strongPassword], bearer: access
                ).status == .noContent)
            #expect(try await signIn(app).string("access_token") != nil, "sign-in is one step again")
            #expect(try await RecoveryCode.query(on: app.db).count() == 0)
            #expect(
                try await auditActions(app).filter { $0.hasPrefix("auth.two_factor.") } == [
                    "auth.two_factor.enabled", "auth.two_factor.recovery_code_used", "auth.two_factor.disabled",
                ])
        }
    }
}
