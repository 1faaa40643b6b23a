import Foundation

/// Errors thrown while decoding OpenAI-compatible answers and streams.
public enum OpenAICompatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data is not the expected JSON: not JSON at all, a wrong type, or a
    /// missing required field. The payload says what was wrong and where
    /// (e.g. `expected String at choices[0].message.content`); it never
    /// contains the offending payload itself.
    case malformed(String)
    /// The provider answered with an error object (`{"error": ...}`), either
    /// as the whole body or as a chunk inside a stream. The payload is the
    /// provider's message, capped at ``OpenAIResponse/maxErrorMessageLength``
    /// characters.
    case providerError(String)
    /// A single Server-Sent Events line or event exceeded the parser's
    /// `maxEventBytes` limit.
    case eventTooLarge

    /// A human-readable description for logs.
    public var description: String {
        switch self {
        case .malformed(let detail):
            return "malformed OpenAI-compatible data: \(detail)"
        case .providerError(let message):
            return "provider error: \(message)"
        case .eventTooLarge:
            return "server-sent event exceeds the size limit"
        }
    }

    /// The associated text: the malformation detail, the provider message,
    /// or the description for ``eventTooLarge``.
    public var message: String {
        switch self {
        case .malformed(let text), .providerError(let text):
            return text
        case .eventTooLarge:
            return description
        }
    }

    /// `true` for ``providerError(_:)``: the upstream itself reported a
    /// failure, as opposed to sending something this module cannot read.
    public var isProviderError: Bool {
        if case .providerError = self { return true }
        return false
    }
}
