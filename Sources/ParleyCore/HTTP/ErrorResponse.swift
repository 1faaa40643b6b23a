import Vapor

/// The JSON body of every error answer: `{"error": {"status", "code", "message", "request_id"}}`.
package struct ErrorResponse: Content {
    package struct Body: Content {
        package let status: Int
        package let code: String
        package let message: String
        package let requestID: String?

        enum CodingKeys: String, CodingKey {
            case status, code, message
            case requestID = "request_id"
        }
    }

    package let error: Body
}

/// Turns any thrown error into the status, code and user-facing message Parley answers with.
package struct ErrorDescription {
    package let status: HTTPResponseStatus
    package let code: String
    package let message: String
    package let headers: HTTPHeaders

    package init(_ error: any Error, revealInternals: Bool) {
        switch error {
        case let appError as any AppError:
            self.init(status: appError.status, code: appError.code, message: appError.reason, headers: appError.headers)
        case let decoding as DecodingError:
            self.init(status: .badRequest, code: "invalid_body", message: Self.describe(decoding), headers: [:])
        case let abort as any AbortError:
            let message =
                abort.status.code >= 500 && !revealInternals ? "Something went wrong on our side." : abort.reason
            self.init(
                status: abort.status, code: Self.code(for: abort.status), message: message, headers: abort.headers)
        default:
            let message = revealInternals ? String(describing: error) : "Something went wrong on our side."
            self.init(status: .internalServerError, code: "internal_error", message: message, headers: [:])
        }
    }

    private init(status: HTTPResponseStatus, code: String, message: String, headers: HTTPHeaders) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// Names the field and the problem without echoing the body back.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : "field '\(keys.joined(separator: "."))'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "Missing field '\(key.stringValue)'\(parent)."
        case .typeMismatch(let type, let context):
            return "Wrong type for \(path(context)): expected \(Self.name(of: type))."
        case .valueNotFound(let type, let context):
            return "Missing value for \(path(context)): expected \(Self.name(of: type))."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "The request body is not valid JSON." : "Invalid value for \(path(context))."
        @unknown default: return "The request body could not be read."
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        default: type is any Sequence.Type && !(type is [String: Any].Type) ? "a list" : "an object"
        }
    }

    private static func code(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "not_found"
        case .payloadTooLarge: "body_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .tooManyRequests: "rate_limited"
        case .badRequest: "bad_request"
        default: status.code >= 500 ? "internal_error" : "http_\(status.code)"
        }
    }
}
