import Foundation

/// The one gate for every outbound fetch made on a user's behalf (REFERENCE §4): it normalises the URL (http
/// and https on allowed ports; no credentials, backslashes, percent-encoded or non-ASCII hosts), refuses internal
/// names, resolves the host once and checks every answer against the special-purpose address tables. The caller
/// connects to exactly the address it returns and runs the gate again for every redirect.
public struct FetchGate: Sendable {
    public struct Configuration: Sendable {
        /// Ports besides 80 and 443 that fetching may use.
        public var extraPorts: Set<Int>
        /// Exact `host:port` pairs whose addresses are not checked (development and tests, e.g. a site on
        /// loopback); empty by default.
        public var allowlist: Set<String>

        public init(extraPorts: Set<Int> = [], allowlist: Set<String> = []) {
            self.extraPorts = extraPorts
            self.allowlist = Set(allowlist.map { $0.lowercased() })
        }
    }

    /// Every address `host` resolves to (A and AAAA).
    public typealias Resolver = @Sendable (_ host: String) async throws -> [IPAddress]

    public let configuration: Configuration
    private let resolve: Resolver

    public init(configuration: Configuration = .init(), resolver: @escaping Resolver = SystemResolver.resolve) {
        self.configuration = configuration
        self.resolve = resolver
    }

    /// Names that reach internal services whatever they resolve to.
    static let blockedNames: Set<String> = ["localhost", "metadata", "metadata.google.internal", "instance-data"]
    static let blockedSuffixes = [".localhost", ".internal"]

    public func check(_ text: String) async throws(FetchRefusal) -> FetchTarget {
        let (scheme, host, port, pathAndQuery) = try Self.normalise(text)
        let allowlisted = configuration.allowlist.contains("\(host):\(port)")
        guard allowlisted || [80, 443].contains(port) || configuration.extraPorts.contains(port) else {
            throw .port(port)
        }
        if !allowlisted,
            Self.blockedNames.contains(host) || Self.blockedSuffixes.contains(where: { host.hasSuffix($0) })
        {
            throw .blockedName(host)
        }
        let addresses: [IPAddress]
        if let literal = IPAddress(host) {
            addresses = [literal]
        } else {
            do { addresses = try await resolve(host) } catch { throw .unresolvable(host) }
        }
        guard let first = addresses.first else { throw .unresolvable(host) }
        if !allowlisted {
            for address in addresses {
                if case .refused(let reason) = AddressPolicy.verdict(for: address) {
                    throw .address(host: host, address: address, reason: reason)
                }
            }
        }
        return FetchTarget(scheme: scheme, host: host, port: port, pathAndQuery: pathAndQuery, address: first)
    }

    /// Scheme, lowercased host (without brackets or a trailing dot), port and path with query.
    static func normalise(_ text: String) throws(FetchRefusal) -> (String, String, Int, String) {
        guard text.utf8.count <= 4096 else { throw .malformedURL("longer than 4096 bytes") }
        guard
            !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else {
            throw .malformedURL("it contains spaces or control characters")
        }
        guard !text.contains("\\") else { throw .malformedURL("it contains a backslash") }
        guard let components = URLComponents(string: text), let rawScheme = components.scheme else {
            throw .malformedURL("it could not be read as a URL")
        }
        let scheme = rawScheme.lowercased()
        guard scheme == "http" || scheme == "https" else { throw .scheme(scheme) }
        guard components.user == nil, components.password == nil, components.percentEncodedUser == nil else {
            throw .credentialsInURL
        }
        // The host as written: Foundation would decode punycode and percent-escapes in it.
        guard components.host != nil, var host = rawHost(text), !host.isEmpty else {
            throw .malformedURL("it has no host")
        }
        guard !host.contains("%") else { throw .malformedURL("its host is percent-encoded") }
        guard host.allSatisfy(\.isASCII) else {
            throw .malformedURL("its host is not ASCII (write it in punycode, xn--…)")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        host = host.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty, !host.hasSuffix(".") else { throw .malformedURL("its host is empty") }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65_535).contains(port) else { throw .malformedURL("its port is out of range") }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        return (scheme, host, port, path + query)
    }

    /// The host between `://` and the path, query or fragment, after any user information and without the port.
    static func rawHost(_ text: String) -> String? {
        guard let start = text.range(of: "://")?.upperBound else { return nil }
        let authority = text[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            return String(hostAndPort[...close])
        }
        return String(hostAndPort.prefix { $0 != ":" })
    }
}
