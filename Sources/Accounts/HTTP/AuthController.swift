import Fluent
import ParleyCore
import Vapor

/// `/api/v1/auth/…`: thin handlers over the account flows.
///
/// Browsers opt into cookies with `X-Parley-Session: cookie` on sign-in; the tokens then go into HttpOnly
/// cookies and never into the body. Everything else gets the tokens in JSON and sends `Authorization: Bearer`.
enum AuthController {
    static let cookieModeHeader = "X-Parley-Session"

    static func register(_ routes: any RoutesBuilder) {
        let api = routes.grouped("api", "v1", "auth")
        // Anonymous endpoints that check secrets or send mail: the strict tier, per client address.
        let strict = api.tiered(.auth)
        strict.post("sign-up", use: signUp)
        strict.post("verify-email", use: verifyEmail)
        strict.post("verify-email", "resend", use: resendVerification)
        strict.post("sign-in", use: signIn)
        strict.post("sign-in", "second-factor", use: secondFactor)
        strict.post("password", "forgot", use: forgotPassword)
        strict.post("password", "reset", use: resetPassword)
        strict.post("email", "confirm", use: confirmEmail)
        strict.post("setup", use: setup)
        // Refresh and sign-out work from a refresh token alone (body or cookie).
        api.tiered(.api).post("refresh", use: refresh)
        let signedIn = api.grouped(Authenticate(required: true))
        let normal = signedIn.tiered(.api)
        normal.get("me", use: me)
        normal.post("sign-out", use: signOut)
        normal.post("sign-out-everywhere", use: signOutEverywhere)
        normal.get("sessions", use: sessions)
        normal.delete("sessions", ":id", use: revokeSession)
        // Endpoints that check a password or a one-time code: the strict tier.
        let checked = signedIn.tiered(.auth)
        checked.post("totp", "enroll", use: enrollTOTP)
        checked.post("password", "change", use: changePassword)
        checked.delete("account", use: deleteAccount)
        checked.post("email", "change", use: changeEmail)
        checked.post("totp", "confirm", use: confirmTOTP)
        checked.post("totp", "disable", use: disableTOTP)
        checked.post("totp", "recovery-codes", use: regenerateRecoveryCodes)
    }

    // MARK: Anonymous

    @Sendable static func signUp(_ request: Request) async throws -> Response {
        let form = try await AuthRequests.SignUp.checked(request).validated()
        try await Registration.signUp(form, try AccountsEnvironment(request))
        return try await accepted("Check your inbox: we have sent a link to confirm your address.", request)
    }

    @Sendable static func verifyEmail(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.VerifyEmail.self)
        try await Registration.verify(token: body.token, password: body.password, try AccountsEnvironment(request))
        return try await AuthResponses.Accepted(
            status: "verified", message: "Your address is confirmed. You can sign in now."
        ).encodeResponse(for: request)
    }

    @Sendable static func resendVerification(_ request: Request) async throws -> Response {
        let email = try AuthRequests.email(try request.content.decode(AuthRequests.Email.self).email)
        try await Registration.resend(email: email, try AccountsEnvironment(request))
        return try await accepted("If this address is waiting for confirmation, a new link is on its way.", request)
    }

    @Sendable static func signIn(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.SignIn.self)
        switch try await SignIn.withPassword(
            email: body.normalizedEmail, password: body.password, try AccountsEnvironment(request))
        {
        case .signedIn(let pair):
            return try await linked(pair, linkToken: body.linkToken, request)
        case .secondFactorRequired(let challenge, let expiresAt):
            return try await AuthResponses.SecondFactorRequired(challenge: challenge, expiresAt: expiresAt)
                .encodeResponse(for: request)
        }
    }

    @Sendable static func secondFactor(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.SecondFactor.self)
        let cookies = request.application.accounts.cookies
        // After an external sign-in the challenge comes in a cookie.
        let challenge = body.challenge ?? request.cookies[cookies.challengeName]?.string ?? ""
        let pair = try await SignIn.withSecondFactor(
            challenge: challenge, code: body.code, recoveryCode: body.recoveryCode,
            try AccountsEnvironment(request))
        let response = try await linked(pair, linkToken: body.linkToken, request)
        cookies.expire(cookies.challengeName, on: response)
        return response
    }

    /// Completes a pending external-identity link (its token in the body or the link cookie) once the user has
    /// signed in to the matching account, then answers with the tokens.
    private static func linked(_ pair: TokenPair, linkToken: String?, _ request: Request) async throws -> Response {
        let cookies = request.application.accounts.cookies
        guard let token = linkToken ?? request.cookies[cookies.linkName]?.string else {
            return try await tokens(pair, request)
        }
        try await ExternalLogin.confirmLink(token, afterSignIn: pair, try AccountsEnvironment(request))
        let response = try await tokens(pair, request)
        cookies.expire(cookies.linkName, on: response)
        return response
    }

    @Sendable static func forgotPassword(_ request: Request) async throws -> Response {
        let email = try AuthRequests.email(try request.content.decode(AuthRequests.Email.self).email)
        try await Passwords.requestReset(email: email, try AccountsEnvironment(request))
        return try await accepted(
            "If this address has an account, a link to reset its password is on its way.", request)
    }

    @Sendable static func resetPassword(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.ResetPassword.self)
        try await Passwords.reset(token: body.token, newPassword: body.password, try AccountsEnvironment(request))
        return try await AuthResponses.Accepted(
            status: "password_reset",
            message: "Your password is changed and every session is signed out. Sign in again."
        )
        .encodeResponse(for: request)
    }

    @Sendable static func confirmEmail(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.Token.self)
        try await EmailChange.confirm(token: body.token, try AccountsEnvironment(request))
        return try await AuthResponses.Accepted(
            status: "email_changed", message: "Your new address is confirmed and now signs you in."
        ).encodeResponse(for: request)
    }

    @Sendable static func setup(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.Setup.self)
        let env = try AccountsEnvironment(request)
        let user = try await FirstOwner.complete(token: body.token, try body.signUp.validated(), env)
        return try await tokens(try await SignIn.succeed(user, method: "setup", env), request)
    }

    @Sendable static func refresh(_ request: Request) async throws -> Response {
        let cookies = request.application.accounts.cookies
        if let presented = try? request.content.decode(AuthRequests.Refresh.self).refreshToken {
            return try await tokens(
                try await Sessions.refresh(presented, try AccountsEnvironment(request)), request, cookieMode: false)
        }
        guard let cookie = request.cookies[cookies.refreshName]?.string else { throw AccountsError.invalidRefreshToken }
        let env = try AccountsEnvironment(request)
        // The CSRF check comes before the rotation: a forged request must not spend the browser's token.
        guard let sessionID = try await Sessions.sessionID(ofRefreshToken: cookie, env) else {
            throw AccountsError.invalidRefreshToken
        }
        try cookies.checkUnsafeRequest(request, sessionID: sessionID)
        return try await tokens(try await Sessions.refresh(cookie, env), request, cookieMode: true)
    }

    // MARK: Signed in

    @Sendable static func me(_ request: Request) async throws -> AuthResponses.Me {
        try AuthResponses.Me(try await request.requireUser())
    }

    @Sendable static func signOut(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        _ = try await Sessions.revoke(
            sessionID: principal.sessionID, userID: principal.userID, reason: "signed_out",
            try AccountsEnvironment(request))
        return try await signedOut(request)
    }

    @Sendable static func signOutEverywhere(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let env = try AccountsEnvironment(request)
        let count = try await Sessions.revokeAll(userID: principal.userID, reason: "signed_out_everywhere", env)
        try await env.record(
            env.client.audit(
                "auth.signed_out_everywhere", actor: .init(kind: "user", id: principal.userID.uuidString),
                target: ("user", principal.userID.uuidString), metadata: ["sessions_revoked": String(count)]))
        return try await signedOut(request)
    }

    @Sendable static func sessions(_ request: Request) async throws -> AuthResponses.Sessions {
        let principal = try request.requirePrincipal()
        let sessions = try await Sessions.active(userID: principal.userID, try AccountsEnvironment(request))
        return AuthResponses.Sessions(
            sessions: try sessions.map { session in
                AuthResponses.Session(
                    id: try session.requireID(), current: session.id == principal.sessionID, device: session.userAgent,
                    ip: session.ip, method: session.method, createdAt: session.createdAt, lastUsedAt: session.lastUsedAt
                )
            })
    }

    @Sendable static func revokeSession(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("id", as: UUID.self) else {
            throw CoreError.invalidField(name: "id", reason: "must be a session id (UUID).")
        }
        guard
            try await Sessions.revoke(
                sessionID: id, userID: principal.userID, reason: "revoked_by_user", try AccountsEnvironment(request))
        else {
            throw AccountsError.sessionNotFound
        }
        return Response(status: .noContent)
    }

    @Sendable static func changePassword(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.ChangePassword.self)
        let principal = try request.requirePrincipal()
        try await Passwords.change(
            try await request.requireUser(), current: body.currentPassword, new: body.newPassword,
            keepingSession: principal.sessionID, try AccountsEnvironment(request))
        return try await AuthResponses.Accepted(
            status: "password_changed", message: "Your password is changed; your other sessions are signed out."
        )
        .encodeResponse(for: request)
    }

    @Sendable static func deleteAccount(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.DeleteAccount.self)
        try await AccountDeletion.delete(
            try await request.requireUser(), proof: try request.reauthentication(body.currentPassword),
            handlers: request.application.accountDeletionHandlers, try AccountsEnvironment(request))
        let response = Response(status: .noContent)
        request.application.accounts.cookies.clear(on: response)
        return response
    }

    @Sendable static func changeEmail(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.ChangeEmail.self)
        let newEmail = try AuthRequests.email(body.newEmail, field: "new_email")
        try await EmailChange.request(
            try await request.requireUser(), newEmail: newEmail,
            proof: try request.reauthentication(body.currentPassword),
            try AccountsEnvironment(request))
        return try await accepted(
            "Check the new address's inbox: the change takes effect once you open the link there.", request)
    }

    @Sendable static func enrollTOTP(_ request: Request) async throws -> AuthResponses.Enrollment {
        // The body is optional: an account without a password may send none.
        let body =
            try request.body.data.map { _ in try request.content.decode(AuthRequests.CurrentPassword.self) }
            ?? AuthRequests.CurrentPassword()
        let enrollment = try await TwoFactor.enroll(
            try await request.requireUser(), proof: try request.reauthentication(body.currentPassword),
            try AccountsEnvironment(request))
        return AuthResponses.Enrollment(secret: enrollment.secret, otpauthURI: enrollment.uri, qrSVG: enrollment.qrSVG)
    }

    @Sendable static func confirmTOTP(_ request: Request) async throws -> AuthResponses.RecoveryCodes {
        let code = try request.content.decode(AuthRequests.Code.self).code
        return AuthResponses.RecoveryCodes(
            recoveryCodes: try await TwoFactor.confirm(
                try await request.requireUser(), code: code, try AccountsEnvironment(request)))
    }

    @Sendable static func disableTOTP(_ request: Request) async throws -> Response {
        let body = try request.content.decode(AuthRequests.CodeAndPassword.self)
        try await TwoFactor.disable(
            try await request.requireUser(), code: body.code, proof: try request.reauthentication(body.currentPassword),
            try AccountsEnvironment(request))
        return Response(status: .noContent)
    }

    @Sendable static func regenerateRecoveryCodes(_ request: Request) async throws -> AuthResponses.RecoveryCodes {
        let code = try request.content.decode(AuthRequests.Code.self).code
        return AuthResponses.RecoveryCodes(
            recoveryCodes: try await TwoFactor.regenerateRecoveryCodes(
                try await request.requireUser(), code: code,
                try AccountsEnvironment(request)))
    }

    // MARK: Answers

    private static func accepted(_ message: String, _ request: Request) async throws -> Response {
        try await AuthResponses.Accepted(message: message).encodeResponse(status: .accepted, for: request)
    }

    /// The tokens in the body, or in cookies for a browser that asked for them.
    static func tokens(_ pair: TokenPair, _ request: Request, cookieMode: Bool? = nil) async throws -> Response {
        let useCookies = cookieMode ?? (request.headers.first(name: cookieModeHeader)?.lowercased() == "cookie")
        guard useCookies else { return try await pair.encodeResponse(for: request) }
        let cookies = request.application.accounts.cookies
        let response = try await AuthResponses.CookieSession(
            sessionID: pair.sessionID, accessTokenExpiresAt: pair.accessTokenExpiresAt,
            csrfToken: cookies.csrfToken(for: pair.sessionID)
        ).encodeResponse(for: request)
        cookies.set(pair, on: response, now: request.application.clock.now())
        return response
    }

    private static func signedOut(_ request: Request) async throws -> Response {
        let response = Response(status: .noContent)
        request.application.accounts.cookies.clear(on: response)
        return response
    }
}
