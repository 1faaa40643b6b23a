import Foundation
import NetGuard
import NIOPosix
import ParleyCore
import ParleyTestSupport
import Testing

/// Fetching on a user's behalf through the gate, against real servers on loopback (REFERENCE §4): every hop is
/// checked before anything is sent to it, and the caps hold against hostile answers.
@Suite struct GuardedFetcherTests {
    static func fetcher(allowing site: LoopbackPeer, maxBytes: Int = 1 << 20) -> GuardedFetcher {
        var limits = GuardedFetcher.Limits()
        limits.maxBytes = maxBytes
        return GuardedFetcher(
            gate: FetchGate(configuration: .init(allowlist: ["127.0.0.1:\(site.port)"])), limits: limits,
            group: MultiThreadedEventLoopGroup.singleton)
    }

    static func requestsServed(by peer: LoopbackPeer) async throws -> String {
        try await ChildProcess.run("/usr/bin/env", ["curl", "-s", "\(peer.baseURL)/count"]).stdout
    }

    @Test func anAllowedPageIsFetchedAndARelativeRedirectFollowed() async throws {
        let site = try await LoopbackPeer.start(script: "fetch_site.py")
        defer { site.stop() }
        let fetcher = Self.fetcher(allowing: site)
        let page = try await fetcher.get("\(site.baseURL)/ok")
        #expect(page.status == 200 && String(buffer: page.body) == "hello")
        let redirected = try await fetcher.get("\(site.baseURL)/redirect?to=/ok")
        #expect(redirected.status == 200 && redirected.url == "\(site.baseURL)/ok")
    }

    @Test func aRedirectElsewhereIsRefusedBeforeAnythingIsSentThere() async throws {
        let site = try await LoopbackPeer.start(script: "fetch_site.py")
        let other = try await LoopbackPeer.start(script: "fetch_site.py")
        defer { site.stop(); other.stop() }
        let fetcher = Self.fetcher(allowing: site)
        let cases: [(String, GuardedFetcher.Failure)] = [
            ("http://127.0.0.1:\(other.port)/ok", .refused(.port(other.port))),
            (
                "http://169.254.169.254/latest/meta-data/",
                .refused(
                    .address(
                        host: "169.254.169.254", address: IPAddress("169.254.169.254")!,
                        reason: "link-local (cloud metadata)"))
            ),
            ("http://localhost/ok", .refused(.blockedName("localhost"))),
            ("file:///etc/passwd", .refused(.scheme("file"))),
        ]
        for (target, expected) in cases {
            let escaped = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            await #expect(throws: expected, "\(target)") {
                try await fetcher.get("\(site.baseURL)/redirect?to=\(escaped)")
            }
        }
        #expect(try await Self.requestsServed(by: other) == "0", "the other server received nothing")
    }

    @Test func endlessRedirectsStopAtFive() async throws {
        let site = try await LoopbackPeer.start(script: "fetch_site.py")
        defer { site.stop() }
        await #expect(throws: GuardedFetcher.Failure.tooManyRedirects(5)) {
            try await Self.fetcher(allowing: site).get("\(site.baseURL)/loop")
        }
        #expect(try await Self.requestsServed(by: site) == "6", "the first request and five redirects")
    }

    @Test func largeAndCompressedBombAnswersAreCutOff() async throws {
        let site = try await LoopbackPeer.start(script: "fetch_site.py")
        defer { site.stop() }
        let fetcher = Self.fetcher(allowing: site, maxBytes: 1 << 20)
        await #expect(throws: GuardedFetcher.Failure.tooLarge(1 << 20)) { try await fetcher.get("\(site.baseURL)/big") }
        await #expect(throws: GuardedFetcher.Failure.self, "64 MiB of zeros in 64 KiB is refused while it is decoded") {
            try await fetcher.get("\(site.baseURL)/gzip-bomb")
        }
    }
}
