import NetGuard
import Testing

/// Every category of REFERENCE §4's address tables, with a public neighbour beside each refusal.
@Suite struct AddressPolicyTests {
    static let refused = [
        "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.255.0.1",
        "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.1", "192.0.0.8", "192.0.0.170", "192.0.2.1",
        "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1",
        "239.255.255.250", "240.0.0.1", "255.255.255.255", "168.63.129.16",
        "::1", "::", "::7f00:1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "64:ff9b::a00:1",
        "64:ff9b::7f00:1", "64:ff9b:1::1", "100::1", "100:0:0:1::1", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "2001:2::1", "2001:10::1", "2001:db8::1", "2002:7f00:1::", "2002:a9fe:a9fe::1", "3fff::1", "5f00::1", "fc00::1",
        "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff05::2",
    ]

    static let allowed = [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "9.255.255.255", "11.0.0.1", "100.63.255.255", "100.128.0.1",
        "172.15.255.255",
        "172.32.0.1", "192.0.0.9", "192.0.0.10", "192.0.3.1", "192.167.255.255", "192.169.0.1", "198.17.255.255",
        "198.20.0.1",
        "223.255.255.255", "168.63.129.17",
        "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2001:1::1",
        "2001:1::2", "2001:3::1", "2001:4:112::1", "2001:20::1", "2001:30::1", "2620:4f:8000::1",
    ]

    @Test(arguments: refused)
    func aSpecialPurposeAddressIsRefused(_ text: String) throws {
        let address = try #require(IPAddress(text), "\(text) parses")
        guard case .refused = AddressPolicy.verdict(for: address) else {
            Issue.record("\(text) must be refused")
            return
        }
    }

    @Test(arguments: allowed)
    func aGloballyReachableAddressIsAllowed(_ text: String) throws {
        let address = try #require(IPAddress(text), "\(text) parses")
        #expect(AddressPolicy.verdict(for: address) == .allowed, "\(text)")
    }

    @Test func anEmbeddedAddressIsJudgedAndNamedInTheReason() throws {
        let verdict = AddressPolicy.verdict(for: try #require(IPAddress("::ffff:169.254.169.254")))
        #expect(verdict == .refused("IPv4-mapped 169.254.169.254: link-local (cloud metadata)"))
    }

    @Test func onlyStandardTextFormsAreAddresses() {
        // glibc's resolver turns these into 127.0.0.1; here they are names, so the resolved answer is what is judged.
        for text in ["127.1", "0x7f.1", "0177.0.0.1", "2130706433", "0", "127.0.0.1.", "1.2.3.4.5"] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
        #expect(IPAddress("[2001:db8::1]")?.description == "2001:db8::1")
        #expect(IPAddress("::ffff:7f00:1")?.description == "::ffff:127.0.0.1")
    }
}
