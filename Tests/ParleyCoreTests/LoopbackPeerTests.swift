import Foundation
import ParleyTestSupport
import Testing

/// The helper servers the tests start must end when told to. A peer that outlived its test kept copies of other
/// children's descriptors open, so their exits went unnoticed and tests waiting on them hung the whole run.
@Suite struct LoopbackPeerTests {
    @Test func aPeerStartsWithNoSignalBlockedAndStopsWhenTold() async throws {
        let peer = try await LoopbackPeer.start(script: "fetch_site.py")
        let pid = peer.processIdentifier
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let blocked = status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }
        // Spawned from a thread that blocks every signal, the peer would otherwise inherit that mask.
        #expect(blocked?.split(separator: "\t").last == "0000000000000000")
        peer.stop()
        // Killed at once: dead (a zombie until Foundation reaps it) or gone within moments.
        var state = ""
        for _ in 0..<100 {
            state = Self.state(of: pid)
            if state == "Z" || state == "gone" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(state == "Z" || state == "gone")
    }

    private static func state(of pid: Int32) -> String {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return "gone" }
        let line = status.split(separator: "\n").first { $0.hasPrefix("State:") }
        return line.flatMap { $0.split(separator: "\t").last?.prefix(1) }.map(String.init) ?? "gone"
    }
}
