import Foundation
import ParleyCore
import Vapor

/// The two-factor forms of `/account`, running the same flows as `/api/v1/auth/totp/…` (`TwoFactor`): set up with
/// the password, confirm with a first code (the recovery codes are shown once), turn off with a code and the
/// password. Signed-in forms: `Authenticate` checks their CSRF token.
enum TwoFactorPagesController {
    static func register(_ routes: any RoutesBuilder) {
        let forms = routes.tiered(.auth).grouped(Authenticate(required: true))
        forms.post("account", "two-factor", "enroll", use: enroll)
        forms.post("account", "two-factor", "confirm", use: confirm)
        forms.post("account", "two-factor", "disable", use: disable)
    }

    static let title = "Two-factor authentication"

    @Sendable static func enroll(_ request: Request) async throws -> Response {
        let user = try await request.requireUser()
        return try await refusalAsMessage(request) {
            let password = try request.content.decode(AuthRequests.CurrentPassword.self).currentPassword
            let enrollment = try await TwoFactor.enroll(
                user, proof: try request.reauthentication(password), try AccountsEnvironment(request))
            return AccountPages.render(
                request, title, AccountPages.twoFactorSetup(enrollment, csrfField: request.csrfFormField()))
        }
    }

    @Sendable static func confirm(_ request: Request) async throws -> Response {
        let user = try await request.requireUser()
        do {
            let code = try request.content.decode(AuthRequests.Code.self).code
            let codes = try await TwoFactor.confirm(user, code: code, try AccountsEnvironment(request))
            return AccountPages.render(request, title, AccountPages.recoveryCodes(codes))
        } catch let error as any AppError {
            var problem = FormError(error)
            if case .secondFactorFailed? = error as? AccountsError {
                problem = FormError(
                    field: "code", reason: "does not match: type the code the app shows now.", message: error.reason)
            }
            return AccountPages.render(
                request, title, AccountPages.twoFactorSetup(nil, csrfField: request.csrfFormField(), error: problem),
                status: error.status)
        }
    }

    @Sendable static func disable(_ request: Request) async throws -> Response {
        let user = try await request.requireUser()
        return try await refusalAsMessage(request) {
            let body = try request.content.decode(AuthRequests.CodeAndPassword.self)
            try await TwoFactor.disable(
                user, code: body.code, proof: try request.reauthentication(body.currentPassword),
                try AccountsEnvironment(request))
            return AccountPages.render(
                request, title,
                AccountPages.message(
                    "Two-factor authentication is off", "Signing in now asks only for your password.",
                    link: ("Back to your account", "/account")))
        }
    }

    /// A refusal shown as a page that says why, with the way back to the account page.
    private static func refusalAsMessage(_ request: Request, _ action: () async throws -> Response) async throws
        -> Response
    {
        do {
            return try await action()
        } catch let error as any AppError {
            return AccountPages.render(
                request, title,
                AccountPages.message(
                    "Two-factor authentication is unchanged", error.reason, link: ("Back to your account", "/account")),
                status: error.status)
        }
    }
}
