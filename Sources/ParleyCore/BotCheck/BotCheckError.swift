import Vapor

package enum BotCheckError: AppError, Equatable {
    case missing
    case malformed
    case failed
    case expired
    case replayed
    /// The verifier did not answer properly (time-out, 5xx, not JSON): Parley fails closed.
    case unavailable

    package var status: HTTPResponseStatus {
        switch self {
        case .missing, .malformed: .badRequest
        case .failed, .expired, .replayed: .forbidden
        case .unavailable: .serviceUnavailable
        }
    }

    package var code: String {
        switch self {
        case .missing: "bot_check_missing"
        case .malformed: "bot_check_invalid"
        case .failed: "bot_check_failed"
        case .expired: "bot_check_expired"
        case .replayed: "bot_check_replayed"
        case .unavailable: "bot_check_unavailable"
        }
    }

    package var reason: String {
        switch self {
        case .missing: "Field 'bot_check': this form needs the bot check's answer."
        case .malformed: "Field 'bot_check': the answer is malformed."
        case .failed: "The bot check failed. Reload the page and try again."
        case .expired: "The bot check expired. Reload the page and try again."
        case .replayed: "This bot check answer was already used. Reload the page and try again."
        case .unavailable: "The bot check could not be verified right now. Try again shortly."
        }
    }
}
