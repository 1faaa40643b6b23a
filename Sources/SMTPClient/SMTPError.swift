/// Why sending failed. `isPermanent` tells a caller whether trying again later could help.
public enum SMTPError: Error, Equatable, CustomStringConvertible {
    case connectionFailed(String)
    case timedOut(stage: String)
    case malformedReply(String)
    case closedByServer
    /// The server does not offer STARTTLS although the configuration requires it; Parley never falls back to plain text.
    case startTLSUnavailable
    /// The server sent more than its `220` before TLS began: bytes a man in the middle could have injected to be
    /// read as replies over TLS, so the connection is dropped.
    case plaintextAfterStartTLS
    /// Credentials would travel in plain text; refused unless explicitly allowed.
    case insecureAuthenticationRefused
    case noSupportedAuthMechanism(offered: String)
    case authenticationFailed(code: Int, message: String)
    case rejected(command: String, code: Int, message: String)

    public var isPermanent: Bool {
        switch self {
        case .connectionFailed, .timedOut, .closedByServer, .malformedReply, .plaintextAfterStartTLS: false
        case .startTLSUnavailable, .insecureAuthenticationRefused, .noSupportedAuthMechanism: true
        case .authenticationFailed(let code, _), .rejected(_, let code, _): code >= 500
        }
    }

    public var description: String {
        switch self {
        case .connectionFailed(let reason): "Could not connect to the SMTP server: \(reason)"
        case .timedOut(let stage): "The SMTP server did not answer in time (\(stage))."
        case .malformedReply(let line): "The SMTP server sent a malformed reply: \(line)"
        case .closedByServer: "The SMTP server closed the connection."
        case .startTLSUnavailable: "The SMTP server does not offer STARTTLS."
        case .plaintextAfterStartTLS:
            "The SMTP server sent unexpected data after agreeing to STARTTLS; the connection was dropped."
        case .insecureAuthenticationRefused: "Refusing to send SMTP credentials over an unencrypted connection."
        case .noSupportedAuthMechanism(let offered):
            "The SMTP server offers no supported AUTH mechanism (offered: \(offered))."
        case .authenticationFailed(let code, let message): "SMTP authentication failed: \(code) \(message)"
        case .rejected(let command, let code, let message): "The SMTP server refused \(command): \(code) \(message)"
        }
    }
}
