/// Why a message cannot be written.
public enum MessageError: Error, Equatable, CustomStringConvertible {
    /// A header value holds a CR or LF, which would let it forge further headers.
    case headerInjection(field: String)
    case invalidAddress(String)
    case noRecipients

    public var description: String {
        switch self {
        case .headerInjection(let field): "The \(field) contains a line break, which is not allowed in a mail header."
        case .invalidAddress(let address): "'\(address)' is not a valid email address."
        case .noRecipients: "The message has no recipients."
        }
    }
}
