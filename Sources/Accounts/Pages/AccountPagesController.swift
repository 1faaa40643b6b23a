import Fluent
import Foundation
import ParleyCore
import Vapor

/// The sign-in pages: each GET shows a form, each POST runs the same flow as the JSON API and answers with a
/// page or a 303 redirect. Forms are refused unless they come from this origin; signed-in forms also carry the
/// session's CSRF token.
enum AccountPagesController {
    static func register(_ routes: any RoutesBuilder) {
        let pages = routes.tiered(.public)
        pages.get("sign-up") { request in
            let turnstile = request.application.settings.turnstile != nil
            return AccountPages.renderSignUp(request, AccountPages.signUp(turnstile: turnstile), turnstile: turnstile)
        }
        pages.get("sign-in", use: signInPage)
        pages.get("sign-in", "second-factor", use: secondFactorPage)
        pages.get("forgot-password") { request in
            AccountPages.render(request, "Reset your password", AccountPages.forgot())
        }
        pages.get("verify-email") { request in AccountPages.render(request, "Confirm your address", verifyForm()) }
        pages.get("reset-password") { request in AccountPages.render(request, "Choose a new password", resetForm()) }
        pages.get("confirm-email") { request in
            AccountPages.render(request, "Confirm your new address", confirmEmailForm())
        }
        pages.get("setup") { request in AccountPages.render(request, "Create the owner account", AccountPages.setup()) }
        pages.grouped(Authenticate()).get("account", use: account)

        let forms = routes.tiered(.auth).grouped(RequireSameOrigin())
        forms.post("sign-up", use: signUp)
        forms.post("sign-in", use: signIn)
        forms.post("sign-in", "second-factor", use: secondFactor)
        forms.post("forgot-password", use: forgot)
        forms.post("verify-email", use: verify)
        forms.post("reset-password", use: reset)
        forms.post("confirm-email", use: confirmEmail)
        forms.post("setup", use: setup)
        let signedIn = routes.tiered(.api).grouped(Authenticate(required: true))
        signedIn.post("account", "sign-out", use: signOut)
        signedIn.post("account", "sign-out-everywhere", use: signOutEverywhere)
        signedIn.post("account", "sessions", ":id", "revoke", use: revokeSession)
        routes.tiered(.auth).grouped(Authenticate(required: true)).post("account", "delete", use: deleteAccount)
        TwoFactorPagesController.register(routes)
    }

    struct ReturnQuery: Content {
        var returnTo: String?
        var link: String?
        var verify: String?
        enum CodingKeys: String, CodingKey { case returnTo = "return_to", link, verify }
    }

    static func verifyForm(error: FormError? = nil) -> Node {
        AccountPages.tokenForm(
            title: "Confirm your address", action: "/verify-email", button: "Confirm my address",
            explanation: "Confirm that this email address is yours: type the password you chose when you signed up.",
            error: error,
            fields: [AccountPages.currentPasswordField()])
    }

    static func resetForm(error: FormError? = nil) -> Node {
        var password = AccountPages.newPasswordField()
        password.label = "New password"
        return AccountPages.tokenForm(
            title: "Choose a new password", action: "/reset-password", button: "Set the new password",
            explanation: "Setting a new password signs you out on every device.", error: error, fields: [password])
    }

    static func confirmEmailForm(error: FormError? = nil) -> Node {
        AccountPages.tokenForm(
            title: "Confirm your new address", action: "/confirm-email", button: "Use this address",
            explanation: "Once confirmed, you sign in with this address.", error: error)
    }

    // MARK: Pages

    @Sendable static func signInPage(_ request: Request) throws -> Response {
        let query = try request.query.decode(ReturnQuery.self)
        let message: String? =
            query.link != nil
            ? "This address already has a Parley account. Sign in to it with your password to link your external account."
            : query.verify != nil ? "We have sent a link to confirm your address. Open it, then sign in again." : nil
        return AccountPages.render(
            request, "Sign in",
            AccountPages.signIn(
                providers: request.application.accounts.externalProviders,
                returnTo: ExternalLogin.safeReturnPath(query.returnTo), message: message))
    }

    @Sendable static func secondFactorPage(_ request: Request) throws -> Response {
        let query = try request.query.decode(ReturnQuery.self)
        return AccountPages.render(
            request, "Two-factor authentication",
            AccountPages.secondFactor(returnTo: ExternalLogin.safeReturnPath(query.returnTo)))
    }

    @Sendable static func account(_ request: Request) async throws -> Response {
        guard let principal = request.principal, let user = try await User.find(principal.userID, on: request.db) else {
            return request.redirect(to: "/sign-in?return_to=%2Faccount", redirectType: .normal)
        }
        let sessions = try await Sessions.active(userID: principal.userID, try AccountsEnvironment(request))
        let csrf = request.application.accounts.cookies.csrfToken(for: principal.sessionID)
        return AccountPages.render(
            request, "Your account",
            AccountPages.account(user, sessions: sessions, current: principal.sessionID, csrf: csrf))
    }

    // MARK: Forms

    /// Runs a form's flow; a refusal shows the form again with the reason, under the refusal's status.
    static func form(
        _ request: Request, _ title: String, _ page: (FormError) -> Node, _ action: () async throws -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as any AppError {
            return AccountPages.render(request, title, page(FormError(error)), status: error.status)
        }
    }

    /// What the person typed into a field, to show it again when the form is refused.
    static func typed(_ request: Request, _ field: String) -> String {
        (try? request.content.get(String.self, at: field)) ?? ""
    }

    @Sendable static func signUp(_ request: Request) async throws -> Response {
        do {
            try await Registration.signUp(
                try await AuthRequests.SignUp.checked(request).validated(), try AccountsEnvironment(request))
            return AccountPages.render(
                request, "Check your inbox",
                AccountPages.message(
                    "Check your inbox", "We have sent a link to confirm your address. It works for 24 hours."))
        } catch let error as any AppError {
            let turnstile = request.application.settings.turnstile != nil
            let page = AccountPages.signUp(
                error: FormError(error), email: typed(request, "email"), displayName: typed(request, "display_name"),
                turnstile: turnstile)
            return AccountPages.renderSignUp(request, page, turnstile: turnstile, status: error.status)
        }
    }

    @Sendable static func signIn(_ request: Request) async throws -> Response {
        let returnTo = ExternalLogin.safeReturnPath(try? request.content.get(String.self, at: "return_to"))
        let providers = request.application.accounts.externalProviders
        let email = typed(request, "email")
        return try await form(
            request, "Sign in",
            { AccountPages.signIn(providers: providers, returnTo: returnTo, error: $0, email: email) }
        ) {
            let body = try request.content.decode(AuthRequests.SignIn.self)
            let cookies = request.application.accounts.cookies
            switch try await SignIn.withPassword(
                email: body.normalizedEmail, password: body.password, try AccountsEnvironment(request))
            {
            case .signedIn(let pair):
                return try await signedIn(pair, returnTo: returnTo, request)
            case .secondFactorRequired(let challenge, _):
                return cookies.redirectToSecondFactor(
                    request, challenge: challenge, returnTo: returnTo, now: request.application.clock.now())
            }
        }
    }

    @Sendable static func secondFactor(_ request: Request) async throws -> Response {
        let returnTo = ExternalLogin.safeReturnPath(try? request.content.get(String.self, at: "return_to"))
        return try await form(
            request, "Two-factor authentication", { AccountPages.secondFactor(returnTo: returnTo, error: $0) }
        ) {
            let body = try request.content.decode(AuthRequests.SecondFactor.self)
            let cookies = request.application.accounts.cookies
            let pair = try await SignIn.withSecondFactor(
                challenge: request.cookies[cookies.challengeName]?.string ?? "",
                code: body.code?.isEmpty == false ? body.code : nil,
                recoveryCode: body.recoveryCode?.isEmpty == false ? body.recoveryCode : nil,
                try AccountsEnvironment(request))
            let response = try await signedIn(pair, returnTo: returnTo, request)
            cookies.expire(cookies.challengeName, on: response)
            return response
        }
    }

    /// Sets the session cookies, links a waiting external identity, and goes on to `returnTo`.
    private static func signedIn(_ pair: TokenPair, returnTo: String, _ request: Request) async throws -> Response {
        let cookies = request.application.accounts.cookies
        let response = request.redirect(to: returnTo, redirectType: .normal)
        if let link = request.cookies[cookies.linkName]?.string {
            try await ExternalLogin.confirmLink(link, afterSignIn: pair, try AccountsEnvironment(request))
            cookies.expire(cookies.linkName, on: response)
        }
        cookies.set(pair, on: response, now: request.application.clock.now())
        return response
    }

    @Sendable static func forgot(_ request: Request) async throws -> Response {
        try await form(
            request, "Reset your password", { AccountPages.forgot(error: $0, email: typed(request, "email")) }
        ) {
            let email = try AuthRequests.email(try request.content.decode(AuthRequests.Email.self).email)
            try await Passwords.requestReset(email: email, try AccountsEnvironment(request))
            return AccountPages.render(
                request, "Reset your password",
                AccountPages.forgot(
                    message:
                        "If this address has an account, a link to reset its password is on its way. It works for one hour."
                ))
        }
    }

    @Sendable static func verify(_ request: Request) async throws -> Response {
        try await form(request, "Confirm your address", { verifyForm(error: $0) }) {
            let body = try request.content.decode(AuthRequests.VerifyEmail.self)
            try await Registration.verify(token: body.token, password: body.password, try AccountsEnvironment(request))
            return AccountPages.render(
                request, "Address confirmed",
                AccountPages.message(
                    "Address confirmed", "Your address is confirmed. You can sign in now.",
                    link: ("Sign in", "/sign-in")))
        }
    }

    @Sendable static func reset(_ request: Request) async throws -> Response {
        try await form(request, "Choose a new password", { resetForm(error: $0) }) {
            let body = try request.content.decode(AuthRequests.ResetPassword.self)
            try await Passwords.reset(token: body.token, newPassword: body.password, try AccountsEnvironment(request))
            return AccountPages.render(
                request, "Password changed",
                AccountPages.message(
                    "Password changed", "Your password is changed and every session is signed out.",
                    link: ("Sign in", "/sign-in")))
        }
    }

    @Sendable static func confirmEmail(_ request: Request) async throws -> Response {
        try await form(request, "Confirm your new address", { confirmEmailForm(error: $0) }) {
            try await EmailChange.confirm(
                token: try request.content.decode(AuthRequests.Token.self).token, try AccountsEnvironment(request))
            return AccountPages.render(
                request, "Address changed",
                AccountPages.message(
                    "Address changed", "Your new address is confirmed and now signs you in.",
                    link: ("Your account", "/account")))
        }
    }

    @Sendable static func setup(_ request: Request) async throws -> Response {
        try await form(
            request, "Create the owner account",
            {
                AccountPages.setup(
                    error: $0, email: typed(request, "email"), displayName: typed(request, "display_name"))
            }
        ) {
            let body = try request.content.decode(AuthRequests.Setup.self)
            let env = try AccountsEnvironment(request)
            let user = try await FirstOwner.complete(token: body.token, try body.signUp.validated(), env)
            return try await signedIn(try await SignIn.succeed(user, method: "setup", env), returnTo: "/app", request)
        }
    }

    @Sendable static func signOut(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        _ = try await Sessions.revoke(
            sessionID: principal.sessionID, userID: principal.userID, reason: "signed_out",
            try AccountsEnvironment(request))
        let response = request.redirect(to: "/sign-in", redirectType: .normal)
        request.application.accounts.cookies.clear(on: response)
        return response
    }

    @Sendable static func signOutEverywhere(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        try await Sessions.revokeAll(
            userID: principal.userID, reason: "signed_out_everywhere", try AccountsEnvironment(request))
        let response = request.redirect(to: "/sign-in", redirectType: .normal)
        request.application.accounts.cookies.clear(on: response)
        return response
    }

    @Sendable static func deleteAccount(_ request: Request) async throws -> Response {
        let user = try await request.requireUser()
        do {
            try await AccountDeletion.delete(
                user,
                proof: try request.reauthentication(
                    try request.content.decode(AuthRequests.DeleteAccount.self).currentPassword),
                handlers: request.application.accountDeletionHandlers, try AccountsEnvironment(request))
        } catch let error as any AppError {
            return AccountPages.render(
                request, "Your account",
                AccountPages.message(
                    "Your account is not deleted", error.reason, link: ("Back to your account", "/account")),
                status: error.status)
        }
        let response = AccountPages.render(
            request, "Account deleted",
            AccountPages.message("Account deleted", "Your account is deleted. Thank you for using Parley."))
        request.application.accounts.cookies.clear(on: response)
        return response
    }

    @Sendable static func revokeSession(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("id", as: UUID.self),
            try await Sessions.revoke(
                sessionID: id, userID: principal.userID, reason: "revoked_by_user", try AccountsEnvironment(request))
        else {
            throw AccountsError.sessionNotFound
        }
        return request.redirect(to: "/account", redirectType: .normal)
    }
}

/// Refuses form posts that do not come from this site's own pages (login CSRF).
struct RequireSameOrigin: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.headers.first(name: .origin) == request.application.accounts.cookies.origin else {
            throw AccountsError.csrfRejected("forms are accepted only from this site's own pages")
        }
        return try await next.respond(to: request)
    }
}
