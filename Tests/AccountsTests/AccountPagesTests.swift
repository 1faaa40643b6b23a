@testable import Accounts
import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting

/// The HTML pages as a browser uses them: form posts from this origin, cookies, redirects.
@Suite struct AccountPagesTests {
    static func post(
        _ app: Application, _ path: String, form: [String: String], origin: String? = origin, cookie: String? = nil
    ) async throws -> Reply {
        try await postForm(app, path, form: form, origin: origin, cookie: cookie)
    }

    /// A solved proof of work as the sign-up page's script sends it: `bot_check[…]` fields.
    static func botCheck(_ app: Application) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await solvedBotCheck(app).map { ("bot_check[\($0.key)]", $0.value) })
    }

    @Test func everyPageIsAPlainFormWithoutInlineScript() async throws {
        var variables = authVariables
        variables["PARLEY_GITHUB_CLIENT_ID"] = "gh-id"
        variables["PARLEY_GITHUB_CLIENT_SECRET"] = "gh-secret"
        try await withTestApp(variables: variables) { app async throws in
            for path in [
                "/sign-up", "/sign-in", "/sign-in/second-factor", "/forgot-password", "/verify-email",
                "/reset-password", "/confirm-email", "/setup",
            ] {
                let page = try await call(app, .GET, path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("<form method=\"post\""), "\(path)")
                #expect(
                    page.text.components(separatedBy: "<script").count - 1 == page.text.components(
                        separatedBy: "<script src="
                    ).count - 1, "\(path) has no inline script")
                #expect(!page.text.contains("style="), "\(path)")
                #expect(page.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
                #expect(page.headers.first(name: .cacheControl) == "no-store")
                #expect(
                    page.text.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/assets/favicon.svg?v="),
                    "\(path) links the site icon")
            }
            let signIn = try await call(app, .GET, "/sign-in?return_to=/account")
            #expect(
                signIn.text.contains(
                    "href=\"/auth/external/github/start?return_to=%2Faccount\">Continue with GitHub</a>"))
            #expect(
                try await call(app, .GET, "/sign-in?return_to=https://evil.example").text.contains(
                    "name=\"return_to\" value=\"/app\""), "the dashboard is the default")
            #expect(try await call(app, .GET, "/assets/auth.js").status == .ok)
            let icon = try await call(app, .GET, "/assets/favicon.svg")
            #expect(icon.status == .ok && icon.headers.contentType == .init(type: "image", subType: "svg+xml"))
            #expect(
                try await call(app, .GET, "/account").headers.first(name: .location) == "/sign-in?return_to=%2Faccount")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func signUpVerifySignInAndSignOutThroughThePages(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let foreign = try await Self.post(
                app, "/sign-up", form: ["email": "ada@example.com", "password": strongPassword],
                origin: "https://evil.example")
            #expect(foreign.status == .forbidden, "forms from another origin are refused")
            let missing = try await Self.post(
                app, "/sign-up", form: ["email": "ada@example.com", "password": strongPassword])
            #expect(
                missing.status == .badRequest && missing.text.contains("data-bot-check"),
                "no bot check: the form again, with the reason")
            let weak = try await Self.post(
                app, "/sign-up",
                form: ["email": "ada@example.com", "password": "1qaz2wsx3edc"].merging(try await Self.botCheck(app)) {
                    _, new in new
                })
            #expect(weak.status == .badRequest)
            #expect(
                weak.text.contains("most commonly used")
                    && weak.text.contains("<form method=\"post\" action=\"/sign-up\" data-bot-check=\"sign-up\">"),
                "the form again, with the reason")
            let form = ["email": "ada@example.com", "password": strongPassword, "display_name": "Ada"].merging(
                try await Self.botCheck(app)
            ) { _, new in new }
            #expect(try await Self.post(app, "/sign-up", form: form).text.contains("Check your inbox"))
            #expect(
                try await Self.post(app, "/sign-up", form: form).status == .forbidden, "a bot check answer works once")
            let token = try await mailedToken(app, template: "auth.verify_email")
            #expect(
                try await Self.post(app, "/verify-email", form: ["token": token, "password": strongPassword]).text
                    .contains("Address confirmed"))

            let wrong = try await Self.post(
                app, "/sign-in",
                form: ["email": "ada@example.com", "password": "not the password", "return_to": "/account"])
            #expect(wrong.status == .unauthorized && wrong.text.contains("Sign-in failed"))
            let signedIn = try await Self.post(
                app, "/sign-in",
                form: ["email": "ada@example.com", "password": strongPassword, "return_to": "/account"])
            #expect(signedIn.status == .seeOther && signedIn.headers.first(name: .location) == "/account")
            let cookies = signedIn.setCookies
            let jar = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let account = try await call(app, .GET, "/account", headers: ["Cookie": jar])
            #expect(account.status == .ok)
            #expect(account.text.contains("ada@example.com") && account.text.contains("Active sessions"))
            let csrf = try #require(cookies["parley_csrf"])
            #expect(account.text.contains("name=\"csrf_token\" value=\"\(csrf)\""))
            #expect(
                try await Self.post(app, "/account/sign-out", form: [:], cookie: jar).status == .forbidden,
                "no CSRF token")
            let out = try await Self.post(app, "/account/sign-out", form: ["csrf_token": csrf], cookie: jar)
            #expect(out.status == .seeOther && out.headers.first(name: .location) == "/sign-in")
            #expect(out.setCookies["parley_refresh"] == "")
            #expect(try await AuthSession.query(on: app.db).first()?.revokedReason == "signed_out")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aRefusedFormKeepsWhatWasTypedAndShowsTheErrorByItsField(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let hostile = "\"><script>alert(1)</script>"
            let form = ["email": "ada@example.com", "password": "1qaz2wsx3edc", "display_name": hostile]
            let weak = try await Self.post(
                app, "/sign-up", form: form.merging(try await Self.botCheck(app)) { _, new in new })
            #expect(weak.status == .badRequest)
            #expect(
                weak.text.contains(
                    "<p class=\"field-error\" id=\"password-error\">Password is one of the most commonly used passwords; choose another.</p>"
                ))
            #expect(
                weak.text.contains(
                    "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" value=\"\" required"
                ),
                "a password is never shown again")
            #expect(weak.text.contains("aria-describedby=\"password-hint password-error\" aria-invalid=\"true\""))
            #expect(
                weak.text.contains("<a href=\"#password\">Password is one of the most commonly used"),
                "the summary leads to the field")
            #expect(
                weak.text.contains("name=\"email\" type=\"email\" autocomplete=\"email\" value=\"ada@example.com\""))
            #expect(
                weak.text.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""),
                "what was typed comes back inert")
            #expect(!weak.text.contains("<script>alert"))

            let badEmail = try await Self.post(app, "/forgot-password", form: ["email": "not an <address>"])
            #expect(badEmail.status == .badRequest)
            #expect(badEmail.text.contains("id=\"email-error\">Email must be an email address"))
            #expect(badEmail.text.contains("value=\"not an &lt;address&gt;\""))

            let wrong = try await Self.post(
                app, "/sign-in", form: ["email": "ada@example.com", "password": "wrong", "return_to": "/account"])
            #expect(
                wrong.status == .unauthorized && wrong.text.contains("role=\"alert\"><p>Sign-in failed."),
                "a refusal naming no field sits above the form")
            #expect(wrong.text.contains("value=\"ada@example.com\""))
        }
    }

    @Test func thePagesKeepTheirHeadingsLabelsAndFieldNames() async throws {
        try await withTestApp(variables: authVariables) { app async throws in
            let expectations: [(String, String, [(label: String, name: String)])] = [
                (
                    "/setup", "Create the owner account",
                    [("Email", "email"), ("Your name", "display_name"), ("Password", "password")]
                ),
                ("/sign-in", "Sign in to Parley", [("Email", "email"), ("Password", "password")]),
                (
                    "/sign-up", "Create your Parley account",
                    [("Email", "email"), ("Your name", "display_name"), ("Password", "password")]
                ),
                (
                    "/sign-in/second-factor", "Two-factor authentication",
                    [("Code from your authenticator app", "code"), ("Or a recovery code", "recovery_code")]
                ),
                ("/forgot-password", "Reset your password", [("Email", "email")]),
                ("/reset-password", "Choose a new password", [("New password", "password")]),
                ("/verify-email", "Confirm your address", [("Password", "password")]),
            ]
            for (path, heading, fields) in expectations {
                let page = try await call(app, .GET, path)
                #expect(page.text.contains("<h1>\(heading)</h1>"), "\(path)")
                #expect(
                    page.text.contains("<main id=\"main\"") && page.text.contains("href=\"#main\""),
                    "\(path) has a skip link")
                for field in fields {
                    #expect(
                        page.text.contains("<label for=\"\(field.name)\">\(field.label)</label>"),
                        "\(path) \(field.name)")
                    #expect(
                        page.text.contains("<input id=\"\(field.name)\" name=\"\(field.name)\""),
                        "\(path) \(field.name)")
                }
            }
        }
    }

    @Test func theSecondFactorPageCompletesASignIn() async throws {
        let clock = TestClock()
        try await withTestApp(variables: authVariables, clock: clock.appClock) { app async throws in
            let (totp, _, _) = try await TwoFactorTests.enroll(app, clock: clock)
            clock.advance(by: 30)
            let first = try await Self.post(
                app, "/sign-in",
                form: ["email": "ada@example.com", "password": strongPassword, "return_to": "/account"])
            #expect(
                first.status == .seeOther
                    && first.headers.first(name: .location)?.hasPrefix("/sign-in/second-factor") == true)
            #expect(first.setCookies["parley_access"] == nil)
            let challenge = try #require(first.setCookies["parley_challenge"])
            let done = try await Self.post(
                app, "/sign-in/second-factor", form: ["code": totp.code(at: clock.now), "return_to": "/account"],
                cookie: "parley_challenge=\(challenge)")
            #expect(done.status == .seeOther && done.setCookies["parley_access"] != nil)
        }
    }
}
