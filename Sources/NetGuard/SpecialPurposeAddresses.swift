/// The IANA IPv4 and IPv6 special-purpose address registries (REFERENCE §4), as the gate applies them: every
/// block that is not globally reachable is refused, and the few global exceptions inside a refused block are
/// allowed. Embedded IPv4 (mapped, NAT64, 6to4) is unwrapped and judged by the IPv4 table; the deprecated
/// IPv4-compatible block and Teredo are refused outright.
enum SpecialPurposeAddresses {
    static let blockedV4: [AddressBlock] = [
        .init("0.0.0.0/8", "\"this network\""),
        .init("10.0.0.0/8", "private-use"),
        .init("100.64.0.0/10", "shared address space (CGNAT)"),
        .init("127.0.0.0/8", "loopback"),
        .init("169.254.0.0/16", "link-local (cloud metadata)"),
        .init("172.16.0.0/12", "private-use"),
        .init("192.0.0.0/24", "IETF protocol assignments"),
        .init("192.0.2.0/24", "documentation"),
        .init("192.88.99.0/24", "deprecated 6to4 relay anycast"),
        .init("192.168.0.0/16", "private-use"),
        .init("198.18.0.0/15", "benchmarking"),
        .init("198.51.100.0/24", "documentation"),
        .init("203.0.113.0/24", "documentation"),
        .init("224.0.0.0/4", "multicast"),
        .init("240.0.0.0/4", "reserved"),
        .init("255.255.255.255/32", "limited broadcast"),
        // Public, but the Azure WireServer: a metadata endpoint.
        .init("168.63.129.16/32", "cloud metadata (Azure WireServer)"),
    ]

    /// Globally reachable anycast services inside 192.0.0.0/24.
    static let allowedV4: [AddressBlock] = [
        .init("192.0.0.9/32", "PCP anycast"),
        .init("192.0.0.10/32", "TURN anycast"),
    ]

    static let blockedV6: [AddressBlock] = [
        .init("::1/128", "loopback"),
        .init("::/128", "unspecified"),
        .init("::/96", "deprecated IPv4-compatible"),
        .init("2001::/32", "Teredo"),
        .init("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
        .init("100::/64", "discard-only"),
        .init("100:0:0:1::/64", "dummy prefix"),
        .init("2001::/23", "IETF protocol assignments"),
        .init("2001:db8::/32", "documentation"),
        .init("3fff::/20", "documentation"),
        .init("5f00::/16", "segment routing"),
        .init("fc00::/7", "unique-local"),
        .init("fe80::/10", "link-local"),
        .init("fec0::/10", "deprecated site-local"),
        .init("ff00::/8", "multicast"),
    ]

    /// Globally reachable services inside 2001::/23 (Teredo, 2001::/32, is not among them: it embeds IPv4).
    static let allowedV6: [AddressBlock] = [
        .init("2001:1::1/128", "PCP anycast"),
        .init("2001:1::2/128", "TURN anycast"),
        .init("2001:1::3/128", "DNS-SD SRP anycast"),
        .init("2001:3::/32", "AMT"),
        .init("2001:4:112::/48", "AS112-v6"),
        .init("2001:20::/28", "ORCHIDv2"),
        .init("2001:30::/28", "drone remote ID"),
    ]

    /// IPv6 blocks that carry an IPv4 address, and at which byte: judged by the IPv4 table.
    static let embeddingV4: [(block: AddressBlock, offset: Int)] = [
        (.init("::ffff:0:0/96", "IPv4-mapped"), 12),
        (.init("64:ff9b::/96", "NAT64"), 12),
        (.init("2002::/16", "6to4"), 2),
    ]
}
