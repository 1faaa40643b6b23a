@testable import ParleyCore
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
