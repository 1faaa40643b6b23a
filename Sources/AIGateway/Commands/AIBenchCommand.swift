import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import OpenAICompat
import ParleyCore
import Vapor
import Workspaces

/// `parley ai bench [--streams N] [--single N] [--rounds N] [--bursts N]`: what the gateway adds to a streamed
/// chat, against a direct connection to the same provider (the first configured one; `scripts/bench ai` starts a
/// fake provider that streams at a fixed delay). Measured per stream: time to the first token, and the mean time
/// between its first and last tokens. "single" runs streams one at a time (p50); "concurrent" runs `--streams` at
/// once (p99), `--bursts` times a round, the two paths taking turns. The direct client parses the same SSE with
/// the same library, so the difference is the gateway's own work: redaction, budget reservation, restoring, and
/// after the last token, settlement and metering. The last line gives the median of the paired differences.
struct AIBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "streams", help: "Concurrent streams in the concurrent phase (default 200).")
        var streams: Int?
        @Option(name: "single", help: "Streams run one at a time in the single phase (default 100).")
        var single: Int?
        @Option(name: "rounds", help: "Rounds, each timing both paths (default 3).")
        var rounds: Int?
        @Option(name: "bursts", help: "Concurrent bursts of each path per round (default 5).")
        var bursts: Int?
    }

    var help: String { "Time the AI gateway's overhead against a direct connection to the provider." }

    struct Sample { var opened: Double; var firstToken: Double; var perToken: Double }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let gateway = app.aiGateway, let provider = app.settings.ai.providers.first, provider.chatModel != nil
        else {
            throw CommandFailure(
                "ai bench needs a chat provider (PARLEY_AI_PROVIDERS); scripts/bench ai starts a fake one.")
        }
        try await app.prepareStorage()
        try await app.migrateDatabase()
        let bench = try await BenchWorkspace.create(app)
        let request = AIChatRequest(
            messages: [.init(role: .user, content: "Write to ada@example.com about order 4711.")], feature: .assistant,
            maxTokens: 256)
        let direct = DirectStream(client: ProviderClient(provider: provider, http: gateway.chain.clients[0].http))
        let tenant = bench.context
        let db = app.db
        let streams = signature.streams ?? 200
        let viaGatewayOnce: @Sendable () async throws -> Sample = {
            try await Self.timed(
                { try await gateway.streamChat(request, context: tenant, db: db) }, isToken: { _ in true })
        }
        // Warm-up, unmeasured: opens the connections both paths then share from the pool.
        _ = try await Self.measure(count: streams, parallel: streams) { try await direct.run(request) }
        _ = try await Self.measure(count: streams, parallel: streams, viaGatewayOnce)
        var overheads: [String: [Double]] = [:]
        for round in 1...(signature.rounds ?? 3) {
            let phases =
                [("single", signature.single ?? 100, 1)]
                + Array(repeating: ("concurrent", streams, streams), count: max(1, signature.bursts ?? 5))
            for (index, (phase, count, parallel)) in phases.enumerated() {
                // The two paths alternate which goes first, so drift on the machine hits both alike.
                var viaDirect: [Sample] = [], viaGateway: [Sample] = []
                if (round + index) % 2 == 1 {
                    viaDirect = try await Self.measure(count: count, parallel: parallel) {
                        try await direct.run(request)
                    }
                    viaGateway = try await Self.measure(count: count, parallel: parallel, viaGatewayOnce)
                } else {
                    viaGateway = try await Self.measure(count: count, parallel: parallel, viaGatewayOnce)
                    viaDirect = try await Self.measure(count: count, parallel: parallel) {
                        try await direct.run(request)
                    }
                }
                let p = parallel == 1 ? 0.5 : 0.99
                let first = (
                    Self.percentile(viaDirect.map(\.firstToken), p), Self.percentile(viaGateway.map(\.firstToken), p)
                )
                let perToken = (
                    Self.percentile(viaDirect.map(\.perToken), p), Self.percentile(viaGateway.map(\.perToken), p)
                )
                overheads[phase + " first token", default: []].append(first.1 - first.0)
                overheads[phase + " per token", default: []].append(perToken.1 - perToken.0)
                let opened = (Self.percentile(viaDirect.map(\.opened), p), Self.percentile(viaGateway.map(\.opened), p))
                context.console.print(
                    String(
                        format:
                            "round %d %@ (%d streams, p%.0f): first token direct %.3f ms, gateway %.3f ms, overhead %.3f ms (of which opening the stream: direct %.3f ms, gateway %.3f ms); per token direct %.3f ms, gateway %.3f ms, overhead %.3f ms",
                        round, phase, count, p * 100, first.0, first.1, first.1 - first.0, opened.0, opened.1,
                        perToken.0, perToken.1, perToken.1 - perToken.0))
            }
        }
        let summary = ["single first token", "single per token", "concurrent first token", "concurrent per token"].map {
            name in
            String(
                format: "%@ %.3f ms (%d pairs)", name, Self.percentile(overheads[name] ?? [], 0.5),
                overheads[name]?.count ?? 0)
        }
        context.console.print("median overhead: " + summary.joined(separator: ", "))
        try await bench.erase()
    }

    static func measure(count: Int, parallel: Int, _ body: @escaping @Sendable () async throws -> Sample) async throws
        -> [Sample]
    {
        var samples: [Sample] = []
        var remaining = count
        while remaining > 0 {
            let batch = min(parallel, remaining)
            remaining -= batch
            samples += try await withThrowingTaskGroup(of: Sample.self) { group in
                for _ in 0..<batch { group.addTask { try await body() } }
                var out: [Sample] = []
                for try await sample in group { out.append(sample) }
                return out
            }
        }
        return samples
    }

    /// Times a stream from the moment `open` is called: to its first token, and between tokens.
    static func timed<S: AsyncSequence>(_ open: () async throws -> S, isToken: (S.Element) -> Bool) async throws
        -> Sample
    {
        let start = ContinuousClock.now
        let stream = try await open()
        let opened = (ContinuousClock.now - start).milliseconds
        var first: Double?
        var last = 0.0
        var count = 0
        for try await element in stream where isToken(element) {
            count += 1
            last = (ContinuousClock.now - start).milliseconds
            if first == nil { first = last }
        }
        return Sample(
            opened: opened, firstToken: first ?? (ContinuousClock.now - start).milliseconds,
            perToken: count > 1 ? (last - (first ?? 0)) / Double(count - 1) : 0)
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

/// The baseline: the same request straight to the provider, parsed with the same SSE decoder, nothing else.
struct DirectStream: Sendable {
    let client: ProviderClient

    func run(_ request: AIChatRequest) async throws -> AIBenchCommand.Sample {
        let wire = ChatCompletionRequest(
            model: client.provider.chatModel!, messages: request.messages, maxTokens: request.maxTokens,
            temperature: nil, stream: true)
        return try await AIBenchCommand.timed(
            { try await client.stream(wire, now: Date()) },
            isToken: { event in
                if case .content(let text) = event { return !text.isEmpty }
                return false
            })
    }
}
