import Vapor

/// What a limit is counted per. Keys are namespaced so an IP and an API key can never share a bucket.
package enum RateLimitKey: Sendable {
    case clientIP
    /// Per client address and account: sign-in throttling for one account from one place.
    case clientIPAndAccount(@Sendable (Request) -> String?)
    case apiKey(@Sendable (Request) -> String?)
    case site(@Sendable (Request) -> String?)
    case visitor(@Sendable (Request) -> String?)

    /// The bucket key for this request. Without the specific identity, the client address is used, so a
    /// request that omits its key is still counted.
    package func key(for request: Request, trustedProxies: [CIDR]) -> String {
        let ip = "ip:" + (request.clientIP(trusting: trustedProxies) ?? "unknown")
        switch self {
        case .clientIP: return ip
        case .clientIPAndAccount(let account): return account(request).map { "\(ip)|account:\($0.lowercased())" } ?? ip
        case .apiKey(let id): return id(request).map { "apikey:\($0)" } ?? ip
        case .site(let id): return id(request).map { "site:\($0)" } ?? ip
        case .visitor(let id): return id(request).map { "visitor:\($0)" } ?? ip
        }
    }
}
