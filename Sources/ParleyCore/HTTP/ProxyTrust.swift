/// Which reverse proxies Parley believes about the client's address, and through which header.
package struct ProxyTrust: Sendable, Equatable {
    /// The header the trusted proxies set. A proxy overwrites or appends to the one it manages and passes the
    /// other through from the client, so exactly one is read (`PARLEY_FORWARDED_HEADER`).
    package enum Header: String, Sendable, CaseIterable {
        case xForwardedFor = "x-forwarded-for"
        case forwarded
    }

    /// `PARLEY_TRUSTED_PROXIES`: empty means the socket peer is the client and no header is read.
    package var proxies: [CIDR]
    package var header: Header

    package init(proxies: [CIDR] = [], header: Header = .xForwardedFor) {
        self.proxies = proxies
        self.header = header
    }
}
