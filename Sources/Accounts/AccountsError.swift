import ParleyCore
import Vapor

/// The errors of sign-in and account management. Sign-in failures share one message whatever the cause, so a
/// response never tells whether an account exists, is locked, or had the wrong password.
enum AccountsError: AppError {
    case signInFailed
    case emailNotVerified
    case unauthenticated
    case invalidRefreshToken
    case invalidLink
    case secondFactorFailed
    case currentPasswordWrong
    case csrfRejected(String)
    case sessionNotFound
    case twoFactorAlreadyEnabled
    case twoFactorNotEnabled
    case noEnrollmentPending
    case setupUnavailable
    case passwordNotSet
    case tooManySecondFactorAttempts
    case reauthenticationRequired
    case signUpPasswordWrong

    var status: HTTPResponseStatus {
        switch self {
        case .signInFailed, .unauthenticated, .invalidRefreshToken, .secondFactorFailed: .unauthorized
        case .emailNotVerified, .csrfRejected, .currentPasswordWrong: .forbidden
        case .invalidLink: .badRequest
        case .sessionNotFound, .setupUnavailable: .notFound
        case .twoFactorAlreadyEnabled, .twoFactorNotEnabled, .noEnrollmentPending, .passwordNotSet: .conflict
        case .tooManySecondFactorAttempts: .tooManyRequests
        case .reauthenticationRequired, .signUpPasswordWrong: .forbidden
        }
    }

    var code: String {
        switch self {
        case .signInFailed: "sign_in_failed"
        case .emailNotVerified: "email_not_verified"
        case .unauthenticated: "unauthenticated"
        case .invalidRefreshToken: "invalid_refresh_token"
        case .invalidLink: "invalid_or_expired_link"
        case .secondFactorFailed: "second_factor_failed"
        case .currentPasswordWrong: "current_password_wrong"
        case .csrfRejected: "csrf_rejected"
        case .sessionNotFound: "session_not_found"
        case .twoFactorAlreadyEnabled: "two_factor_already_enabled"
        case .twoFactorNotEnabled: "two_factor_not_enabled"
        case .noEnrollmentPending: "no_enrollment_pending"
        case .setupUnavailable: "setup_unavailable"
        case .passwordNotSet: "password_not_set"
        case .tooManySecondFactorAttempts: "too_many_second_factor_attempts"
        case .reauthenticationRequired: "reauthentication_required"
        case .signUpPasswordWrong: "sign_up_password_wrong"
        }
    }

    var reason: String {
        switch self {
        case .signInFailed: "Sign-in failed. Check your email address and password, or try again later."
        case .emailNotVerified: "Verify your email address first: we have sent you a new link."
        case .unauthenticated: "Sign in to continue: the access token is missing, invalid or expired."
        case .invalidRefreshToken: "The session has ended. Sign in again."
        case .invalidLink: "This link or code is invalid, expired or already used."
        case .secondFactorFailed:
            "The code is not valid. Try the current code from your authenticator app, or a recovery code."
        case .currentPasswordWrong: "The current password is not correct."
        case .csrfRejected(let why): "The request was refused as a possible cross-site request forgery: \(why)."
        case .sessionNotFound: "You have no active session with this id."
        case .twoFactorAlreadyEnabled:
            "Two-factor authentication is already on. Turn it off first to enroll a new authenticator."
        case .twoFactorNotEnabled: "Two-factor authentication is not on for this account."
        case .noEnrollmentPending: "Start the enrollment first: no authenticator is waiting for confirmation."
        case .setupUnavailable:
            "Setup is finished or the setup link is invalid or expired. Run `parley users create-admin` on the server."
        case .passwordNotSet:
            "This account signs in with an external provider and has no password. Use password reset to set one."
        case .tooManySecondFactorAttempts:
            "Too many codes were tried for this account. Wait 15 minutes, then try again."
        case .reauthenticationRequired:
            "Confirm it is you: give your current password, or, for an account without one, sign in again (within the last \(Reauthentication.recentSignInMinutes) minutes)."
        case .signUpPasswordWrong:
            "The password is not the one chosen when this link was requested. If you did not sign up, ignore the mail; otherwise sign up again to get a new link."
        }
    }

    var headers: HTTPHeaders {
        switch self {
        case .unauthenticated, .invalidRefreshToken: ["WWW-Authenticate": "Bearer realm=\"parley\""]
        default: [:]
        }
    }
}
