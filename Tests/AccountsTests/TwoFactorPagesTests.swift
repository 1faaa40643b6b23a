@testable import Accounts
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// Two-factor authentication set up and turned off in the browser, from the account page: the QR code and key, a
/// wrong code refused by its field, the recovery codes shown once, and a refused password leaving it unchanged.
@Suite struct TwoFactorPagesTests {
    @Test(arguments: DatabaseLane.enabled)
    func aPersonTurnsItOnWithTheQRCodeAndOffAgain(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let ada = try await person(app, "ada@example.com")
            let (session, _) = try await DashboardSession.signIn(app, ada.email)
            let account = try await session.get(app, "/account")
            #expect(account.text.contains("Set up two-factor authentication"))
            expectPlainLabelledPage(account, "/account")

            let wrongPassword = try await session.post(
                app, "/account/two-factor/enroll", form: ["current_password": "not the password at all"])
            #expect(wrongPassword.status.code >= 400 && wrongPassword.status.code < 500)
            #expect(wrongPassword.text.contains("Two-factor authentication is unchanged"))

            let setup = try await session.post(
                app, "/account/two-factor/enroll", form: ["current_password": strongPassword])
            #expect(setup.status == .ok && setup.text.contains("<svg class=\"qr-code\""))
            #expect(setup.headers.first(name: .cacheControl) == "no-store", "the page holds the seed")
            #expect(setup.text.contains("<path fill=\"#000\" d=\"M"), "the QR code is drawn")
            expectPlainLabelledPage(setup, "/account/two-factor/enroll")
            let key = try #require(setup.text.firstMatch(of: /<code class="secret">([A-Z2-7 ]+)<\/code>/)?.1)
            let secret = try #require(Base32.decode(key.replacingOccurrences(of: " ", with: "")))
            let totp = TOTPGenerator(secret: secret)

            let wrongCode = try await session.post(app, "/account/two-factor/confirm", form: ["code": "000000"])
            #expect(wrongCode.status.code >= 400 && wrongCode.text.contains("id=\"code-error\""))

            let confirmed = try await session.post(
                app, "/account/two-factor/confirm", form: ["code": totp.code(at: clock.now)])
            #expect(confirmed.status == .ok && confirmed.text.contains("Two-factor authentication is on"))
            #expect(confirmed.headers.first(name: .cacheControl) == "no-store")
            #expect(confirmed.text.matches(of: /<li><code>[^<]+<\/code><\/li>/).count == TwoFactor.recoveryCodeCount)
            #expect(
                try await User.find(ada.userID, on: app.db)?.hasTwoFactor == true,
                "the account now has the second factor")
            #expect((try await session.get(app, "/account")).text.contains("Turn off two-factor authentication"))

            clock.advance(by: 30)
            let off = try await session.post(
                app, "/account/two-factor/disable",
                form: ["code": totp.code(at: clock.now), "current_password": strongPassword])
            #expect(off.status == .ok && off.text.contains("Two-factor authentication is off"))
            #expect(try await User.find(ada.userID, on: app.db)?.hasTwoFactor == false)
        }
    }
}
