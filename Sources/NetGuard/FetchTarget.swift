/// A URL that passed the gate: where to connect (exactly `address`, on `port`) and what to ask for. TLS still
/// verifies `host`, so a connection made to `address` for `host` proves it reached the name that was checked.
public struct FetchTarget: Equatable, Sendable {
    public let scheme: String
    public let host: String
    public let port: Int
    /// Path and query, as sent in the request line.
    public let pathAndQuery: String
    public let address: IPAddress

    /// The normalised URL, without fragment or default port.
    public var url: String {
        let defaultPort = scheme == "https" ? 443 : 80
        let hostPart = IPAddress(host).map(\.hostText) ?? host
        return "\(scheme)://\(hostPart)\(port == defaultPort ? "" : ":\(port)")\(pathAndQuery)"
    }
}
