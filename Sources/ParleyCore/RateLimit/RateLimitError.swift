import Vapor

package enum RateLimitError: AppError {
    case exceeded(RateLimitDecision)
    /// The shared store did not answer; Parley refuses rather than letting traffic through unchecked.
    case storeUnavailable

    package var status: HTTPResponseStatus {
        switch self {
        case .exceeded: .tooManyRequests
        case .storeUnavailable: .serviceUnavailable
        }
    }

    package var code: String {
        switch self {
        case .exceeded: "rate_limited"
        case .storeUnavailable: "rate_limit_unavailable"
        }
    }

    package var reason: String {
        switch self {
        case .exceeded(let decision):
            "Too many requests. Try again in \(decision.retryAfterSeconds ?? decision.resetSeconds) second(s)."
        case .storeUnavailable:
            "The service is busy. Try again shortly."
        }
    }

    package var headers: HTTPHeaders {
        switch self {
        case .exceeded(let decision):
            [
                "Retry-After": String(decision.retryAfterSeconds ?? decision.resetSeconds),
                "RateLimit-Policy": decision.policyHeader,
                "RateLimit": decision.stateHeader,
            ]
        case .storeUnavailable:
            ["Retry-After": "5"]
        }
    }
}
