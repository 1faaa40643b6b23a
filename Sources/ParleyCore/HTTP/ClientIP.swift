import NIOCore
import Vapor

/// The client's address. The socket peer counts, unless it is a trusted proxy: then the forwarding chain of the
/// one configured header is walked from the right, skipping trusted proxies, and the first address that is not one
/// is the client. A forged header from an untrusted peer changes nothing.
///
/// Only the configured header is read. A proxy manages one of the two (nginx's default is `X-Forwarded-For`) and
/// passes the other through from the client untouched, so believing both would let a client choose its own address.
package enum ClientIP {
    package static func resolve(peer: String?, headers: HTTPHeaders, trust: ProxyTrust) -> String? {
        switch trust.header {
        case .xForwardedFor:
            resolve(peer: peer, chain: headers[.xForwardedFor].flatMap(xForwardedFor), trusted: trust.proxies)
        case .forwarded: resolve(peer: peer, chain: headers[.forwarded].flatMap(forwardedFor), trusted: trust.proxies)
        }
    }

    package static func resolve(peer: String?, chain: [String], trusted: [CIDR]) -> String? {
        guard var current = peer else { return nil }
        for hop in chain.reversed() {
            guard trusted.contains(where: { $0.contains(current) }) else { break }
            // A hop that is not an address ends the walk at the last proxy that vouched for it.
            guard let address = normalise(hop) else { break }
            current = address
        }
        return current
    }

    /// `X-Forwarded-For: client, proxy1, proxy2`.
    static func xForwardedFor(_ header: String) -> [String] {
        header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// RFC 7239 `Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"`.
    static func forwardedFor(_ header: String) -> [String] {
        header.split(separator: ",").compactMap { element in
            element.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.lowercased().hasPrefix("for=") }
                .map { String($0.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
    }

    /// A bare IP address from `1.2.3.4`, `1.2.3.4:80`, `[::1]` or `[::1]:80`; nil for anything else.
    static func normalise(_ text: String) -> String? {
        var candidate = text
        if candidate.hasPrefix("["), let close = candidate.firstIndex(of: "]") {
            candidate = String(candidate[candidate.index(after: candidate.startIndex)..<close])
        } else if candidate.filter({ $0 == ":" }).count == 1, let colon = candidate.firstIndex(of: ":") {
            candidate = String(candidate[..<colon])
        }
        return CIDR.parseAddress(candidate) == nil ? nil : candidate
    }
}

extension Request {
    /// The client's address, believing forwarding headers only from `PARLEY_TRUSTED_PROXIES`.
    package var clientIP: String? {
        clientIP(trusting: application.settings.proxyTrust)
    }

    package func clientIP(trusting trust: ProxyTrust) -> String? {
        // No trusted proxy: the socket peer, without looking at any header.
        guard !trust.proxies.isEmpty else { return remoteAddress?.addressText }
        return ClientIP.resolve(peer: remoteAddress?.addressText, headers: headers, trust: trust)
    }
}

extension SocketAddress {
    /// The address as text, like `ipAddress`. An IPv4 address, the common case, is written straight from its four
    /// bytes into a string short enough to need no allocation: `ipAddress` allocates a buffer and calls `inet_ntop`,
    /// which the rate limiter would pay on every request.
    package var addressText: String? {
        guard case .v4(let address) = self else { return ipAddress }
        let value = UInt32(bigEndian: address.address.sin_addr.s_addr)
        return String(unsafeUninitializedCapacity: 15) { buffer in
            var end = 0
            for shift in stride(from: 24, through: 0, by: -8) {
                if shift != 24 { end = buffer.write(".".utf8, at: end) }
                end = buffer.writeDecimal(Int(value >> UInt32(shift) & 0xFF), at: end)
            }
            return end
        }
    }
}
