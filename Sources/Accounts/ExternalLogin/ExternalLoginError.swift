import ParleyCore
import Vapor

/// Why an external sign-in did not complete. The provider's own error text is never echoed back.
enum ExternalLoginError: AppError {
    case unknownProvider
    case invalidState
    case providerDenied
    case providerUnavailable
    case invalidIDToken(String)
    case noVerifiedEmail

    var status: HTTPResponseStatus {
        switch self {
        case .unknownProvider: .notFound
        case .invalidState, .providerDenied, .noVerifiedEmail: .badRequest
        case .providerUnavailable: .badGateway
        case .invalidIDToken: .unauthorized
        }
    }

    var code: String {
        switch self {
        case .unknownProvider: "unknown_provider"
        case .invalidState: "invalid_login_state"
        case .providerDenied: "provider_denied"
        case .providerUnavailable: "provider_unavailable"
        case .invalidIDToken: "invalid_id_token"
        case .noVerifiedEmail: "no_verified_email"
        }
    }

    var reason: String {
        switch self {
        case .unknownProvider: "This sign-in provider is not configured."
        case .invalidState:
            "This sign-in attempt is unknown, expired, already used or was started in another browser. Start again."
        case .providerDenied: "The provider did not grant access. Start again to retry."
        case .providerUnavailable:
            "The sign-in provider could not be reached or gave an unexpected answer. Try again shortly."
        case .invalidIDToken(let why): "The provider's identity token was refused: \(why)."
        case .noVerifiedEmail: "The provider did not give a verified email address, which a new Parley account needs."
        }
    }
}
