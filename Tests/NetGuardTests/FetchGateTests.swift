import NetGuard
import NIOConcurrencyHelpers
import Testing

/// The gate's URL rules, names, resolved answers and allowlist (REFERENCE §4), with an injected resolver.
@Suite struct FetchGateTests {
    /// A resolver that answers from a table; unknown names do not resolve.
    static func resolver(_ table: [String: [String]]) -> FetchGate.Resolver {
        { host in
            guard let answers = table[host] else { throw FetchRefusal.unresolvable(host) }
            return answers.compactMap(IPAddress.init)
        }
    }

    static let gate = FetchGate(
        resolver: resolver([
            "example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
            "inward.example": ["10.0.0.5"],
            "mixed.example": ["93.184.216.34", "127.0.0.1"],
            "metadata.example": ["169.254.169.254"],
            "mapped.example": ["::ffff:127.0.0.1"],
            "2130706433": ["127.0.0.1"],
            "xn--bcher-kva.example": ["93.184.216.34"],
        ]))

    @Test func aPublicURLIsNormalisedAndPinnedToTheCheckedAddress() async throws {
        let target = try await Self.gate.check("HTTP://Example.COM.:80/a/b?q=1#fragment")
        #expect(target.url == "http://example.com/a/b?q=1")
        #expect(target.host == "example.com" && target.port == 80 && target.pathAndQuery == "/a/b?q=1")
        #expect(target.address == IPAddress("93.184.216.34"))
        #expect(try await Self.gate.check("https://example.com").url == "https://example.com/")
        #expect(try await Self.gate.check("https://xn--bcher-kva.example/").host == "xn--bcher-kva.example")
    }

    static let refusals: [(String, FetchRefusal)] = [
        ("ftp://example.com/", .scheme("ftp")),
        ("file:///etc/passwd", .scheme("file")),
        ("gopher://example.com:70/", .scheme("gopher")),
        ("javascript:alert(1)", .scheme("javascript")),
        ("http://user:secret@example.com/", .credentialsInURL),
        ("http://user@example.com/", .credentialsInURL),
        ("http://example.com:22/", .port(22)),
        ("http://example.com:8080/", .port(8080)),
        ("https://example.com:0/", .malformedURL("its port is out of range")),
        ("http://localhost/", .blockedName("localhost")),
        ("http://LOCALHOST./", .blockedName("localhost")),
        ("http://api.localhost/", .blockedName("api.localhost")),
        ("http://metadata.google.internal/computeMetadata/v1/", .blockedName("metadata.google.internal")),
        ("http://metadata/", .blockedName("metadata")),
        ("http://instance-data/latest/", .blockedName("instance-data")),
        ("http://db.corp.internal/", .blockedName("db.corp.internal")),
        ("http://127.0.0.1/", .address(host: "127.0.0.1", address: IPAddress("127.0.0.1")!, reason: "loopback")),
        (
            "http://169.254.169.254/latest/meta-data/",
            .address(
                host: "169.254.169.254", address: IPAddress("169.254.169.254")!, reason: "link-local (cloud metadata)")
        ),
        ("http://[::1]/", .address(host: "::1", address: IPAddress("::1")!, reason: "loopback")),
        ("http://[fd00::1]:443/", .address(host: "fd00::1", address: IPAddress("fd00::1")!, reason: "unique-local")),
        ("http://2130706433/", .address(host: "2130706433", address: IPAddress("127.0.0.1")!, reason: "loopback")),
        (
            "http://inward.example/",
            .address(host: "inward.example", address: IPAddress("10.0.0.5")!, reason: "private-use")
        ),
        (
            "http://mixed.example/",
            .address(host: "mixed.example", address: IPAddress("127.0.0.1")!, reason: "loopback")
        ),
        (
            "http://metadata.example/",
            .address(
                host: "metadata.example", address: IPAddress("169.254.169.254")!, reason: "link-local (cloud metadata)")
        ),
        ("http://nowhere.example/", .unresolvable("nowhere.example")),
        ("http://%6c%6f%63%61%6c%68%6f%73%74/", .malformedURL("its host is percent-encoded")),
        ("http://exämple.com/", .malformedURL("its host is not ASCII (write it in punycode, xn--…)")),
        ("http://example.com\\@127.0.0.1/", .malformedURL("it contains a backslash")),
        ("http://exa mple.com/", .malformedURL("it contains spaces or control characters")),
        ("http://example.com/\n", .malformedURL("it contains spaces or control characters")),
        ("http:///path", .malformedURL("it has no host")),
        ("//example.com/", .malformedURL("it could not be read as a URL")),
    ]

    @Test(arguments: refusals)
    func aURLOutsideTheRulesIsRefusedByName(_ url: String, _ expected: FetchRefusal) async {
        await #expect(throws: expected) { try await Self.gate.check(url) }
    }

    @Test func anIPv4MappedAnswerIsJudgedAsIPv4() async {
        await #expect(
            throws: FetchRefusal.address(
                host: "mapped.example", address: IPAddress("::ffff:127.0.0.1")!,
                reason: "IPv4-mapped 127.0.0.1: loopback")
        ) {
            try await Self.gate.check("https://mapped.example/")
        }
    }

    /// DNS rebinding: the name answers a public address, then a private one. Each check resolves once and returns
    /// the address it checked, which the connection then uses; the second check refuses.
    @Test func aNameThatRebindsInwardIsRefusedOnTheNextCheck() async throws {
        let answers = NIOLockedValueBox(["93.184.216.34", "127.0.0.1"])
        let gate = FetchGate(resolver: { _ in
            [IPAddress(answers.withLockedValue { $0.removeFirst() })!]
        })
        let first = try await gate.check("http://rebind.example/")
        #expect(first.address == IPAddress("93.184.216.34"), "the connection goes to the address that was checked")
        await #expect(
            throws: FetchRefusal.address(host: "rebind.example", address: IPAddress("127.0.0.1")!, reason: "loopback")
        ) {
            try await gate.check("http://rebind.example/next")
        }
    }

    @Test func anAllowlistedHostAndPortPassesAndNothingElseDoes() async throws {
        let gate = FetchGate(
            configuration: .init(allowlist: ["127.0.0.1:8081", "site.test:8082"]),
            resolver: Self.resolver(["site.test": ["127.0.0.1"]]))
        #expect(try await gate.check("http://127.0.0.1:8081/robots.txt").address == IPAddress("127.0.0.1"))
        #expect(try await gate.check("http://site.test:8082/").address == IPAddress("127.0.0.1"))
        await #expect(throws: FetchRefusal.port(8083)) { try await gate.check("http://127.0.0.1:8083/") }
        await #expect(
            throws: FetchRefusal.address(host: "127.0.0.1", address: IPAddress("127.0.0.1")!, reason: "loopback")
        ) {
            try await gate.check("http://127.0.0.1/")
        }
    }

    @Test func theSystemResolverAnswersNumericNamesAsGlibcDoes() async throws {
        // Offline: numeric forms need no DNS. glibc reads each of these as 127.0.0.1.
        for name in ["127.1", "0x7f.1", "0177.0.0.1", "2130706433"] {
            #expect(try await SystemResolver.resolve(name) == [IPAddress("127.0.0.1")!], "\(name)")
            await #expect(throws: FetchRefusal.self) { try await FetchGate().check("http://\(name)/") }
        }
    }
}

/// Hostile text never traps the gate, and whatever passes keeps the rules.
@Suite struct FetchGateRobustnessTests {
    @Test func anyTextIsRefusedOrNormalisedWithinTheRules() async {
        let pieces = [
            "http", "https", "HTTP", "ftp", ":", "//", "/", "\\", "@", "[", "]", "::1", "127.0.0.1", "example.com", "%",
            "%2e",
            "..", ".", "?", "#", "a", "ä", "xn--", "0x7f", ":80", ":443", ":65536", ":-1", "user:pw", " ", "\u{0}",
            "\u{202E}", "[::ffff:1.2.3.4]",
        ]
        var generator = SplitMix(seed: 20_261_203)
        let gate = FetchGate(resolver: { _ in [IPAddress("93.184.216.34")!] })
        for _ in 0..<20_000 {
            let text = (0..<Int(generator.next() % 8 + 1)).map { _ in
                pieces[Int(generator.next() % UInt64(pieces.count))]
            }.joined()
            guard let target = try? await gate.check(text) else { continue }
            #expect(target.scheme == "http" || target.scheme == "https", "\(text)")
            #expect(target.host.allSatisfy { $0.isASCII && !$0.isUppercase } && !target.host.contains("%"), "\(text)")
            #expect([80, 443].contains(target.port), "\(text)")
        }
    }
}

/// A small, seeded generator, so a failure can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
