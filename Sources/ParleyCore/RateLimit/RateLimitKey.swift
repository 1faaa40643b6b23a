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
    package func key(for request: Request, trust: ProxyTrust) -> String {
        let ip = "ip:" + (request.clientIP(trusting: trust).map(Self.addressBucket) ?? "unknown")
        switch self {
        case .clientIP: return ip
        case .clientIPAndAccount(let account): return account(request).map { "\(ip)|account:\($0.lowercased())" } ?? ip
        case .apiKey(let id): return id(request).map { "apikey:\($0)" } ?? ip
        case .site(let id): return id(request).map { "site:\($0)" } ?? ip
        case .visitor(let id): return id(request).map { "visitor:\($0)" } ?? ip
        }
    }

    /// The address a client is counted under. One IPv6 subscriber gets a whole /64 and can pick any address in it,
    /// so IPv6 clients are counted per /64; an IPv4-mapped address counts as its IPv4 address.
    package static func addressBucket(_ address: String) -> String {
        guard address.utf8.contains(UInt8(ascii: ":")), let bytes = CIDR.parseAddress(address), bytes.count == 16 else {
            return address
        }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        return CIDR(address + "/64")?.description ?? address
    }
}
