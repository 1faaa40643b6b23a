@testable import ParleyCore
import NIOCore
import Vapor
import Testing

@Suite struct CIDRTests {
    @Test(arguments: [
        ("10.0.0.0/8", "10.1.2.3", true),
        ("10.0.0.0/8", "11.0.0.1", false),
        ("127.0.0.1", "127.0.0.1", true),
        ("127.0.0.1", "127.0.0.2", false),
        ("192.168.1.0/24", "::ffff:192.168.1.7", true),
        ("172.16.0.0/12", "172.31.255.255", true),
        ("172.16.0.0/12", "172.32.0.0", false),
        ("::1/128", "::1", true),
        ("fd00::/8", "fd12:3456::1", true),
        ("fd00::/8", "fe80::1", false),
        ("0.0.0.0/0", "203.0.113.9", true),
        ("10.0.0.0/8", "not-an-ip", false),
        ("10.0.0.0/8", "0x0a.1.2.3", false),
    ])
    func membership(_ block: String, _ address: String, _ inside: Bool) throws {
        let cidr = try #require(CIDR(block))
        #expect(cidr.contains(address) == inside)
    }

    @Test(arguments: ["10.0.0.0/33", "::/129", "10.0.0", "hello", "10.0.0.0/-1", "2130706433"])
    func invalidBlocksAreRejected(_ text: String) {
        #expect(CIDR(text) == nil)
    }

    @Test func networkIsMaskedToItsPrefix() throws {
        #expect(try #require(CIDR("10.9.8.7/8")).description == "10.0.0.0/8")
    }
}

@Suite struct ClientIPTests {
    static let proxies = [CIDR("10.0.0.0/8")!, CIDR("::1")!]

    @Test(arguments: [
        // peer, X-Forwarded-For, expected client
        ("203.0.113.5", ["198.51.100.1"], "203.0.113.5"),  // untrusted peer: header ignored
        ("10.0.0.2", ["198.51.100.1"], "198.51.100.1"),  // one trusted proxy
        ("10.0.0.2", ["6.6.6.6, 198.51.100.1, 10.0.0.7"], "198.51.100.1"),  // forged left part is not reached
        ("10.0.0.2", ["10.0.0.9, 10.0.0.7"], "10.0.0.9"),  // only proxies: the leftmost
        ("10.0.0.2", ["not-an-ip, 198.51.100.1"], "198.51.100.1"),
        ("10.0.0.2", ["garbage"], "10.0.0.2"),  // unparseable hop stops at the proxy
        ("::1", ["198.51.100.1:4431"], "198.51.100.1"),
        ("10.0.0.2", [], "10.0.0.2"),
    ])
    func clientAddressComesFromTrustedHopsOnly(_ peer: String, _ xff: [String], _ expected: String) {
        var headers = HTTPHeaders()
        for value in xff { headers.add(name: .xForwardedFor, value: value) }
        #expect(ClientIP.resolve(peer: peer, headers: headers, trust: ProxyTrust(proxies: Self.proxies)) == expected)
    }

    /// Behind a proxy that manages only `X-Forwarded-For` (nginx's default), a client-sent `Forwarded` header
    /// reaches Parley untouched: it must not choose the client's address.
    @Test func onlyTheConfiguredHeaderIsBelieved() {
        let headers: HTTPHeaders = [
            "Forwarded": "for=192.0.2.60;proto=https, for=\"[2001:db8::1]:4711\"",
            "X-Forwarded-For": "198.51.100.1",
        ]
        let xff = ProxyTrust(proxies: Self.proxies, header: .xForwardedFor)
        let forwarded = ProxyTrust(proxies: Self.proxies, header: .forwarded)
        #expect(ClientIP.resolve(peer: "10.0.0.2", headers: headers, trust: xff) == "198.51.100.1")
        #expect(ClientIP.resolve(peer: "10.0.0.2", headers: headers, trust: forwarded) == "2001:db8::1")
    }

    @Test func theHeaderIsASetting() throws {
        #expect(try SettingsLoader.load([:]).proxyTrust.header == .xForwardedFor)
        #expect(try SettingsLoader.load(["PARLEY_FORWARDED_HEADER": "forwarded"]).proxyTrust.header == .forwarded)
        #expect(throws: SettingsError.self) { try SettingsLoader.load(["PARLEY_FORWARDED_HEADER": "both"]) }
    }
}

@Suite struct AddressTextTests {
    @Test(arguments: ["0.0.0.0", "127.0.0.1", "10.1.20.200", "203.0.113.5", "255.255.255.255", "::1", "2001:db8::1"])
    func addressTextMatchesNIOsFormatting(_ text: String) throws {
        let address = try SocketAddress(ipAddress: text, port: 443)
        #expect(address.addressText == text)
        #expect(address.addressText == address.ipAddress)
    }

    @Test func everyOctetIsWrittenWhole() throws {
        for octet in [0, 7, 9, 10, 99, 100, 199, 200, 255] {
            let text = "\(octet).\(255 - octet).\(octet).\(octet % 10)"
            #expect(try SocketAddress(ipAddress: text, port: 0).addressText == text)
        }
    }
}
