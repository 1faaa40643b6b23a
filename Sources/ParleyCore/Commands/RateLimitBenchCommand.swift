import Foundation
import Vapor

/// `parley ratelimit bench [--iterations N]`: times single limiter checks against the configured store, one after
/// another, and prints their latency percentiles. Useful to see what a shared PostgreSQL store costs.
struct RateLimitCommand: AsyncCommandGroup {
    var help: String { "Rate-limit tools: measure the configured store." }
    var commands: [String: any AnyAsyncCommand] { ["bench": RateLimitBench()] }
}

struct RateLimitBench: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "iterations", help: "How many checks to time (default 2000).")
        var iterations: Int?
    }

    var help: String { "Time single rate-limit checks against the configured store." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareStorage()
        let iterations = min(max(signature.iterations ?? 2000, 10), 1_000_000)
        let policy = RateLimitPolicy(tier: .api, limit: Int.max / 2, windowSeconds: 3600)
        let key = "bench:" + app.random.hexToken(byteCount: 8)
        for _ in 0..<min(200, iterations) { _ = try await app.rateLimiter.check(policy, key: key, now: Date()) }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = ContinuousClock.now
            _ = try await app.rateLimiter.check(policy, key: key, now: Date())
            samples.append((ContinuousClock.now - start).milliseconds)
        }
        samples.sort()
        func percentile(_ p: Double) -> String {
            String(format: "%.3f", samples[min(samples.count - 1, Int(Double(samples.count) * p))])
        }
        context.console.print(
            "store=\(app.rateLimiter.store.name) iterations=\(iterations) p50_ms=\(percentile(0.5)) p90_ms=\(percentile(0.9)) p99_ms=\(percentile(0.99))"
        )
    }
}
