import Fluent
import Foundation
import OpenAICompat
import PIIRedaction
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import AIGateway

/// The gateway against a fake provider: redaction, metering, streaming, retries, fallbacks, circuit breaking.
@Suite struct AIGatewayTests {
    /// An owner, their workspace's context (as the system acts for a feature), and the gateway.
    static func setUp(_ app: Application) async throws -> (owner: Person, context: TenantContext, gateway: AIGateway) {
        let owner = try await person(app, "owner@example.com")
        let workspace = try await currentWorkspaceID(app, owner)
        let plan = Plan(id: "free", name: "Free", features: [], limits: [.dailyAIBudgetMicroUSD: 1_000_000])
        return (owner, TenantContext.system(in: workspace, plan: plan), try #require(app.aiGateway))
    }

    static func calls(_ app: Application, _ context: TenantContext) async throws -> [AICall] {
        try await context.run(on: app.db) { tenant in try await tenant.query(AICall.self).sort(\.$createdAt).all() }
    }

    @Test func withoutAProviderTheGatewayIsUnavailable() async throws {
        try await withTestApp(.sqlite, variables: authVariables) { app async throws in
            let (owner, context, gateway) = try await Self.setUp(app)
            #expect(!gateway.isAvailable)
            await #expect(throws: AIGatewayError.unavailable("no chat model is configured")) {
                _ = try await gateway.chat(
                    AIChatRequest(messages: [.init(role: .user, content: "hi")], feature: .assistant), context: context,
                    db: app.db)
            }
            let budget = try await call(app, .GET, "/api/v1/ai/budget", bearer: owner.token)
            #expect(budget.status == .ok && budget.json["available"] as? Bool == false)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aChatIsRedactedMeteredAndRestored(_ lane: DatabaseLane) async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        try await withTestApp(lane, variables: aiVariables(main: provider)) { app async throws in
            let (owner, context, gateway) = try await Self.setUp(app)
            let secrets = [
                "Ada Lovelace", "ada@example.com", "+44 20 7946 0958", "4111 1111 1111 1111",
                "DE89 3704 0044 0532 0130 00",
            ]
            try await provider.script([["reply": "Dear [NAME_1], we will write to [EMAIL_1] today."]])
            let question =
                "I am Ada Lovelace (ada@example.com, +44 20 7946 0958). Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00. Price?"
            let answer = try await gateway.chat(
                AIChatRequest(
                    messages: [.init(role: .system, content: "You sell tea."), .init(role: .user, content: question)],
                    feature: .assistant, maxTokens: 100, known: [KnownValue("Ada Lovelace", label: "NAME")]),
                context: context, db: app.db)
            #expect(answer.text == "Dear Ada Lovelace, we will write to ada@example.com today.")
            let sent = try await provider.everythingReceived()
            for secret in secrets { #expect(!sent.contains(secret), "\(secret) reached the provider") }
            #expect(
                sent.contains("[EMAIL_1]") && sent.contains("[CARD_1]") && sent.contains("[IBAN_1]")
                    && sent.contains("[PHONE_1]"))

            let calls = try await Self.calls(app, context)
            #expect(calls.count == 1)
            let metered = try #require(calls.first)
            #expect(
                metered.outcome == "ok" && metered.feature == "assistant" && metered.provider == "main"
                    && metered.model == "fake-chat")
            #expect(
                !metered.tokensEstimated && metered.inputTokens == answer.usage.promptTokens
                    && metered.outputTokens == answer.usage.completionTokens)
            #expect(
                metered.costMicroUSD
                    == Int64(
                        Pricing.cost(tokens: answer.usage.promptTokens, perMillion: 1_000_000)
                            + Pricing.cost(tokens: answer.usage.completionTokens, perMillion: 2_000_000)),
                "1 and 2 USD per million tokens")
            let usage = try await call(app, .GET, "/api/v1/ai/usage", bearer: owner.token)
            let rows = try #require(usage.json["usage"] as? [[String: Any]])
            #expect(
                rows.count == 1 && rows.first?["feature"] as? String == "assistant" && rows.first?["calls"] as? Int == 1
            )
        }
    }

    @Test func streamsArriveRestoredAndUnreportedUsageIsEstimated() async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        try await withTestApp(.sqlite, variables: aiVariables(main: provider)) { app async throws in
            let (_, context, gateway) = try await Self.setUp(app)
            let reply = "Hello [EMAIL_1], your order ships on Monday with tracking."
            try await provider.script([["reply": reply, "chunk": 3, "usage": false]])
            var deltas: [String] = []
            for try await delta in try await gateway.streamChat(
                AIChatRequest(
                    messages: [.init(role: .user, content: "Mail me at bo@example.org")], feature: .assistant),
                context: context, db: app.db)
            {
                deltas.append(delta)
            }
            #expect(deltas.count > 5, "streamed in pieces")
            #expect(deltas.joined() == "Hello bo@example.org, your order ships on Monday with tracking.")
            let metered = try #require(try await Self.calls(app, context).first)
            #expect(
                metered.tokensEstimated && metered.outputTokens == TokenEstimate.tokens(in: reply)
                    && metered.outcome == "ok")
            let request = try #require(try await provider.requests().first?["body"] as? [String: Any])
            #expect(request["stream"] as? Bool == true)
        }
    }

    @Test func retriesHonourRetryAfterThenFallBack() async throws {
        let main = try await FakeProvider(), backup = try await FakeProvider()
        defer { main.stop(); backup.stop() }
        try await withTestApp(
            .sqlite, variables: aiVariables(main: main, backup: backup, extra: ["PARLEY_AI_BREAKER_THRESHOLD": "10"])
        ) { app async throws in
            let (_, context, gateway) = try await Self.setUp(app)
            let ask = AIChatRequest(messages: [.init(role: .user, content: "hi")], feature: .proposalDraft)
            try await main.script([["status": 429, "retry_after": 1], ["status": 500], ["reply": "third time"]])
            let started = ContinuousClock.now
            let answer = try await gateway.chat(ask, context: context, db: app.db)
            #expect(answer.text == "third time" && answer.provider == "main")
            #expect(ContinuousClock.now - started >= .seconds(1), "Retry-After: 1 was honoured")
            #expect(try await main.requests().count == 3)

            try await main.script([["status": 503], ["status": 503], ["status": 503]])
            try await backup.script([["reply": "from the backup"]])
            let fallback = try await gateway.chat(ask, context: context, db: app.db)
            #expect(
                fallback.text == "from the backup" && fallback.provider == "backup" && fallback.model == "backup-chat")
            #expect(try await main.requests().count == 6, "three attempts on main first")

            try await main.script([["status": 400]])
            try await backup.script([["status": 500], ["status": 500], ["status": 500]])
            await #expect(throws: AIGatewayError.self) { _ = try await gateway.chat(ask, context: context, db: app.db) }
            let outcomes = try await Self.calls(app, context).map(\.outcome)
            #expect(outcomes == ["ok", "ok", "failed"])
        }
    }

    @Test func aFailingProviderIsSkippedWhileItsCircuitIsOpen() async throws {
        let main = try await FakeProvider(), backup = try await FakeProvider()
        defer { main.stop(); backup.stop() }
        let variables = aiVariables(
            main: main, backup: backup,
            extra: ["PARLEY_AI_BREAKER_THRESHOLD": "2", "PARLEY_AI_BREAKER_COOLDOWN_SECONDS": "60"])
        let clock = TestClock()
        try await withTestApp(.sqlite, variables: variables, clock: clock.appClock) { app async throws in
            let (_, context, gateway) = try await Self.setUp(app)
            let ask = AIChatRequest(messages: [.init(role: .user, content: "hi")], feature: .assistant)
            try await main.script([["status": 503], ["status": 503]])
            #expect(try await gateway.chat(ask, context: context, db: app.db).provider == "backup")
            #expect(
                try await main.requests().count == 2,
                "the circuit opened after two failures (max retries allows three attempts)")
            #expect(try await gateway.chat(ask, context: context, db: app.db).provider == "backup")
            #expect(try await main.requests().count == 2, "main is skipped while open")
            clock.advance(by: 61)
            try await main.script([["reply": "main is back"]])
            #expect(
                try await gateway.chat(ask, context: context, db: app.db).text == "main is back",
                "half open: one trial call closes it")
        }
    }

    @Test func aBrokenStreamFailsAndIsMetered() async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        try await withTestApp(.sqlite, variables: aiVariables(main: provider)) { app async throws in
            let (_, context, gateway) = try await Self.setUp(app)
            try await provider.script([["reply": "This answer will be cut off halfway through.", "break_after": 3]])
            var received = ""
            await #expect(throws: AIGatewayError.self) {
                for try await delta in try await gateway.streamChat(
                    AIChatRequest(messages: [.init(role: .user, content: "hi")], feature: .assistant),
                    context: context, db: app.db)
                {
                    received += delta
                }
            }
            #expect(received == "This answer ", "three chunks arrived before the cut")
            let metered = try #require(try await Self.calls(app, context).first)
            #expect(metered.outcome == "failed" && metered.tokensEstimated)
            let reserved = try await context.run(on: app.db) { tenant in
                try await AIUsage.today(BudgetDay.of(app.clock.now()), tenant).reserved
            }
            #expect(reserved == 0, "the reservation was settled")
        }
    }

    @Test func aStreamDroppedUnreadIsSettledAsFailed() async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        try await withTestApp(.sqlite, variables: aiVariables(main: provider)) { app async throws in
            let (_, context, gateway) = try await Self.setUp(app)
            try await provider.script([
                ["reply": "A long answer that the reader stops listening to after its first words.", "delay_ms": 20]
            ])
            var stream: AsyncThrowingStream<String, any Error>? = try await gateway.streamChat(
                AIChatRequest(messages: [.init(role: .user, content: "hi")], feature: .assistant), context: context,
                db: app.db)
            var iterator = stream?.makeAsyncIterator()
            let first = try await iterator?.next()
            #expect(first?.isEmpty == false)
            // The reader goes away: nothing will ever pull the rest.
            iterator = nil
            stream = nil
            var metered: AICall?
            for _ in 0..<100 where metered == nil {
                metered = try await Self.calls(app, context).first
                if metered == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let call = try #require(metered, "the dropped stream was settled")
            #expect(call.outcome == "failed" && call.tokensEstimated && call.outputTokens > 0)
            let reserved = try await context.run(on: app.db) { tenant in
                try await AIUsage.today(BudgetDay.of(app.clock.now()), tenant).reserved
            }
            #expect(reserved == 0, "the reservation was released")
        }
    }

    @Test func embeddingsAreBatchedOrderedAndMetered() async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        try await withTestApp(.sqlite, variables: aiVariables(main: provider)) { app async throws in
            let (_, context, gateway) = try await Self.setUp(app)
            let texts = ["alpha", "beta", "gamma", "delta", "epsilon"]
            let vectors = try await gateway.embed(texts, context: context, db: app.db, batchSize: 2)
            #expect(vectors.count == 5)
            // The fake derives each vector from the SHA-256 of its text and answers each batch in reverse order.
            let single = try await gateway.embed(["gamma"], context: context, db: app.db)
            #expect(vectors[2] == single[0])
            #expect(Set(vectors.map { $0.description }).count == 5)
            let requests = try await provider.requests()
            #expect(
                requests.count == 4
                    && (requests[0]["body"] as? [String: Any])?["input"] as? [String] == ["alpha", "beta"])
            let calls = try await Self.calls(app, context)
            #expect(
                calls.count == 4
                    && calls.allSatisfy { $0.feature == "embedding" && $0.outcome == "ok" && $0.model == "fake-embed" })
        }
    }
}
