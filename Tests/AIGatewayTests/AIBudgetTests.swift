import Fluent
import Foundation
import OpenAICompat
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import AIGateway

/// Daily budgets: reserved before, settled after, never overspent under concurrency; Owners warned and in control.
@Suite struct AIBudgetTests {
    /// Output at 1000 USD per million tokens: a 100-token answer costs 0.1 USD, so the Free plan's 1 USD fits 10.
    static func pricey(_ provider: FakeProvider, extra: [String: String] = [:]) -> [String: String] {
        aiVariables(
            main: provider,
            extra: ["PARLEY_AI_MAIN_INPUT_USD_PER_MTOK": "0", "PARLEY_AI_MAIN_OUTPUT_USD_PER_MTOK": "1000"].merging(
                extra
            ) { _, new in new })
    }

    /// The fake provider reports len / 4 = 100 completion tokens for it.
    static let hundredTokens = String(repeating: "word", count: 100)

    @Test(arguments: DatabaseLane.enabled)
    func fiftyConcurrentCallsNeverPassTheBudget(_ lane: DatabaseLane) async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        // Fifty calls at once need more than the tests' usual two connections per event loop.
        try await withTestApp(lane, variables: Self.pricey(provider, extra: ["PARLEY_DATABASE_POOL_SIZE": "16"])) {
            app async throws in
            let (owner, context, gateway) = try await AIGatewayTests.setUp(app)
            try await provider.script(Array(repeating: ["reply": Self.hundredTokens], count: 50))
            let ask = AIChatRequest(
                messages: [.init(role: .user, content: "quote")], feature: .assistant, maxTokens: 100)
            let db = app.db
            let outcomes = await withTaskGroup(of: Result<Int, AIGatewayError>.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        do {
                            return .success(try await gateway.chat(ask, context: context, db: db).costMicroUSD)
                        } catch let error as AIGatewayError {
                            return .failure(error)
                        } catch { return .failure(.providerFailed("\(error)")) }
                    }
                }
                var all: [Result<Int, AIGatewayError>] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let costs = outcomes.compactMap { try? $0.get() }
            #expect(costs.count == 10, "exactly the ten calls the budget fits")
            #expect(costs.allSatisfy { $0 == 100_000 })
            let unexpected = outcomes.compactMap { outcome -> AIGatewayError? in
                if case .failure(let error) = outcome, error != .budgetExhausted(.workspace) { return error }
                return nil
            }
            #expect(unexpected.isEmpty, "every refusal is the budget: \(unexpected)")
            let today = try await context.run(on: app.db) { tenant in
                try await AIUsage.today(BudgetDay.of(app.clock.now()), tenant)
            }
            #expect(today.spent == 1_000_000 && today.reserved == 0)
            #expect(try await provider.requests().count == 10, "refused calls never reach the provider")
            let metered = try await AIGatewayTests.calls(app, context)
            #expect(metered.filter { $0.outcome == "budget_exhausted" }.count == 40)

            // The Owner was warned once at 80% and once at 100%.
            let warnings =
                try await mails(app, template: "ai.budget-80") + (try await mails(app, template: "ai.budget-100"))
            #expect(warnings.map(\.template).sorted() == ["ai.budget-100", "ai.budget-80"])
            #expect(warnings.allSatisfy { $0.toAddress.contains(owner.email) })
            let budget = try await call(app, .GET, "/api/v1/ai/budget", bearer: owner.token)
            #expect(budget.json["spent_today_usd"] as? Double == 1.0)
        }
    }

    /// Two processes (each gateway has its own leases) share one workspace's budget through the database.
    @Test(arguments: DatabaseLane.enabled)
    func twoProcessesNeverPassTheBudgetTogether(_ lane: DatabaseLane) async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        try await withTestApp(lane, variables: Self.pricey(provider, extra: ["PARLEY_DATABASE_POOL_SIZE": "16"])) {
            app async throws in
            let (_, context, first) = try await AIGatewayTests.setUp(app)
            let second = AIGateway(
                settings: first.settings, chain: first.chain, clock: first.clock, logger: first.logger,
                notifier: first.notifier)
            try await provider.script(Array(repeating: ["reply": Self.hundredTokens], count: 40))
            let ask = AIChatRequest(
                messages: [.init(role: .user, content: "quote")], feature: .assistant, maxTokens: 100)
            let db = app.db
            let admitted = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    let gateway = index.isMultiple(of: 2) ? first : second
                    group.addTask { (try? await gateway.chat(ask, context: context, db: db)) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 10, "the two processes together got exactly what the budget fits")
            let today = try await context.run(on: app.db) { tenant in
                try await AIUsage.today(BudgetDay.of(app.clock.now()), tenant)
            }
            #expect(
                today.spent == 1_000_000 && today.reserved == 0, "each process gave its leftover back when it went idle"
            )
        }
    }

    /// With an idle grace, a process keeps its slice after the call, and gives it back (here at shutdown; the
    /// timed return is `BudgetLeaseTests`').
    @Test(arguments: DatabaseLane.enabled)
    func aLeaseHoldsItsSliceUntilGivenBack(_ lane: DatabaseLane) async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        try await withTestApp(
            lane, variables: Self.pricey(provider, extra: ["PARLEY_AI_BUDGET_LEASE_IDLE_MS": "60000"])
        ) { app async throws in
            let (_, context, gateway) = try await AIGatewayTests.setUp(app)
            try await provider.script([["reply": Self.hundredTokens]])
            let ask = AIChatRequest(
                messages: [.init(role: .user, content: "quote")], feature: .assistant, maxTokens: 100)
            _ = try await gateway.chat(ask, context: context, db: app.db)
            func today() async throws -> (spent: Int, reserved: Int) {
                let usage = try await context.run(on: app.db) { tenant in
                    try await AIUsage.today(BudgetDay.of(app.clock.now()), tenant)
                }
                return (usage.spent, usage.reserved)
            }
            #expect(
                try await today() == (100_000, 800_000),
                "the call is settled; the slack of eight more calls is still leased")
            await gateway.leases.returnAll()
            #expect(
                try await today() == (100_000, 0), "given back through the database, under the workspace's policies")
        }
    }

    @Test func theOperatorsCapAppliesOnTop() async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        try await withTestApp(
            .sqlite, variables: Self.pricey(provider, extra: ["PARLEY_AI_OPERATOR_DAILY_CAP_USD": "0.15"])
        ) { app async throws in
            let (_, context, gateway) = try await AIGatewayTests.setUp(app)
            try await provider.script([["reply": Self.hundredTokens], ["reply": Self.hundredTokens]])
            let ask = AIChatRequest(
                messages: [.init(role: .user, content: "quote")], feature: .assistant, maxTokens: 100)
            #expect(try await gateway.chat(ask, context: context, db: app.db).costMicroUSD == 100_000)
            await #expect(throws: AIGatewayError.budgetExhausted(.operator)) {
                _ = try await gateway.chat(ask, context: context, db: app.db)
            }
            let today = try await context.run(on: app.db) { tenant in
                try await AIUsage.today(BudgetDay.of(app.clock.now()), tenant)
            }
            #expect(today.spent == 100_000 && today.reserved == 0, "the workspace reservation was released")
        }
    }

    @Test func ownersMayLowerTheBudgetButNeverRaiseIt() async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        let clock = TestClock()
        try await withTestApp(.sqlite, variables: Self.pricey(provider), clock: clock.appClock) { app async throws in
            let (owner, admin, _) = try await ownerAndMember(app, clock: clock, role: .admin)
            #expect(
                try await call(app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": 0.25], bearer: admin.token)
                    .status == .forbidden, "Owners only")
            let raised = try await call(app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": 2], bearer: owner.token)
            #expect(raised.status == .badRequest && raised.text.contains("cannot exceed the plan"))
            #expect(
                try await call(app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": "lots"], bearer: owner.token)
                    .status == .badRequest)
            let lowered = try await call(
                app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": 0.25], bearer: owner.token)
            #expect(
                lowered.status == .ok && lowered.json["daily_cap_usd"] as? Double == 0.25
                    && lowered.json["plan_daily_cap_usd"] as? Double == 1.0)
            #expect(
                try await call(app, .GET, "/api/v1/ai/budget", bearer: admin.token).json["daily_cap_usd"] as? Double
                    == 0.25)

            let (_, context, gateway) = (
                owner,
                TenantContext.system(
                    in: try await currentWorkspaceID(app, owner),
                    plan: Plan(id: "free", name: "Free", features: [], limits: [.dailyAIBudgetMicroUSD: 1_000_000])),
                try #require(app.aiGateway)
            )
            try await provider.script(Array(repeating: ["reply": Self.hundredTokens], count: 3))
            let ask = AIChatRequest(
                messages: [.init(role: .user, content: "quote")], feature: .assistant, maxTokens: 100)
            _ = try await gateway.chat(ask, context: context, db: app.db)
            _ = try await gateway.chat(ask, context: context, db: app.db)
            await #expect(throws: AIGatewayError.budgetExhausted(.workspace), "0.25 USD fits two calls") {
                _ = try await gateway.chat(ask, context: context, db: app.db)
            }

            let reset = try await call(
                app, .PUT, "/api/v1/ai/budget", json: ["daily_cap_usd": NSNull()], bearer: owner.token)
            #expect(
                reset.json["daily_cap_usd"] as? Double == 1.0 && reset.json["owner_daily_cap_usd"] == nil,
                "back to the plan's budget")
        }
    }
}

@Suite struct AIReservationBoundTests {
    /// A prompt the estimate under-counts (three bytes a character, one token a byte at the provider) must be
    /// reserved at what it can really cost, so the call is refused up front instead of spending past the cap.
    @Test func theReservationCoversTheWorstCaseTokenizer() async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        let variables = aiVariables(
            main: provider,
            extra: [
                "PARLEY_AI_MAIN_INPUT_USD_PER_MTOK": "1000", "PARLEY_AI_MAIN_OUTPUT_USD_PER_MTOK": "0",
                "PARLEY_AI_OPERATOR_DAILY_CAP_USD": "0.2",
            ])
        try await withTestApp(.sqlite, variables: variables) { app async throws in
            let (_, context, gateway) = try await AIGatewayTests.setUp(app)
            try await provider.script([["reply": "ok", "token_per_byte": true]])
            // 100 characters of 3 bytes: the estimate says 79 tokens (0.079 USD), the provider counts 304 (0.304 USD).
            let ask = AIChatRequest(
                messages: [.init(role: .user, content: String(repeating: "字", count: 100))], feature: .assistant,
                maxTokens: 10)
            await #expect(throws: AIGatewayError.budgetExhausted(.operator)) {
                _ = try await gateway.chat(ask, context: context, db: app.db)
            }
            #expect(try await provider.requests().isEmpty, "refused before reaching the provider")
            let today = try await context.run(on: app.db) { tenant in
                try await AIUsage.today(BudgetDay.of(app.clock.now()), tenant)
            }
            #expect(today.spent == 0 && today.reserved == 0)
        }
    }

    @Test func aCostTooLargeToCountSaturates() {
        #expect(Pricing.cost(tokens: Int.max / 2, perMillion: 1_000_000_000) == Int.max / 1_000_000)
        #expect(Pricing.cost(tokens: 1_000, perMillion: 2_000_000) == 2_000)
    }
}
