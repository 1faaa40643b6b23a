import NIOSSL

/// Where and how to reach an SMTP server.
public struct SMTPConfiguration: Sendable {
    public enum Security: Sendable, Equatable {
        /// Plain connection upgraded with STARTTLS (port 587). Refuses servers that do not offer it.
        case startTLS
        /// TLS from the first byte (port 465).
        case implicitTLS
        /// No encryption: only for a relay on the same host or a test server.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: (username: String, password: String)?
    /// Extra certificate authorities to trust (PEM files), for private relays.
    public var trustRootFiles: [String]
    /// The name this client gives in EHLO.
    public var clientName: String
    /// The limit for connecting and for each reply.
    public var timeoutSeconds: Int64
    /// Sends AUTH over an unencrypted connection. Off by default; only tests against a local server turn it on.
    public var allowInsecureAuthentication: Bool

    public init(
        host: String, port: Int, security: Security, credentials: (username: String, password: String)? = nil,
        trustRootFiles: [String] = [], clientName: String = "localhost", timeoutSeconds: Int64 = 30,
        allowInsecureAuthentication: Bool = false
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.trustRootFiles = trustRootFiles
        self.clientName = clientName
        self.timeoutSeconds = timeoutSeconds
        self.allowInsecureAuthentication = allowInsecureAuthentication
    }

    func makeTLSContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if !trustRootFiles.isEmpty {
            let extra = try trustRootFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) }
            tls.trustRoots = .default
            tls.additionalTrustRoots = [.certificates(extra)]
        }
        return try NIOSSLContext(configuration: tls)
    }
}
