import Vapor

/// A domain error that states its own HTTP status and a stable machine-readable code.
/// Feature modules declare their errors as enums conforming to this.
package protocol AppError: AbortError {
    /// A short snake_case code clients can branch on, e.g. `invalid_json`.
    var code: String { get }
}

/// Errors of the HTTP core itself.
package enum CoreError: AppError {
    case methodNotAllowed(allowed: [HTTPMethod])
    case invalidField(name: String, reason: String)

    package var status: HTTPResponseStatus {
        switch self {
        case .methodNotAllowed: .methodNotAllowed
        case .invalidField: .badRequest
        }
    }

    package var code: String {
        switch self {
        case .methodNotAllowed: "method_not_allowed"
        case .invalidField: "invalid_field"
        }
    }

    package var reason: String {
        switch self {
        case .methodNotAllowed(let allowed):
            "This path accepts only \(allowed.map(\.rawValue).joined(separator: ", "))."
        case .invalidField(let name, let reason): "Field '\(name)': \(reason)"
        }
    }

    package var headers: HTTPHeaders {
        guard case .methodNotAllowed(let allowed) = self else { return [:] }
        return ["Allow": allowed.map(\.rawValue).joined(separator: ", ")]
    }
}
