import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import AIGateway

/// The Overview's AI figure: today's metered spend against the daily budget, for those who may read AI usage.
@Suite struct AISpendPanelTests {
    @Test func amountsAreDollarsAndCentsRoundedUp() {
        #expect(AISpendPanel.usd(0) == "0.00 USD")
        #expect(AISpendPanel.usd(1) == "0.01 USD", "a fraction of a cent is not shown as nothing")
        #expect(AISpendPanel.usd(100_000) == "0.10 USD")
        #expect(AISpendPanel.usd(12_345_678) == "12.35 USD")
    }

    @Test(arguments: DatabaseLane.enabled)
    func theOverviewShowsTodaysSpendAgainstTheBudget(_ lane: DatabaseLane) async throws {
        let provider = try await FakeProvider()
        defer { provider.stop() }
        let clock = TestClock()
        try await withTestApp(lane, variables: AIBudgetTests.pricey(provider), clock: clock.appClock) {
            app async throws in
            let (owner, member, _) = try await ownerAndMember(app, clock: clock, role: .member)
            let before = try await call(app, .GET, "/app", bearer: owner.token)
            #expect(before.text.contains("AI spend today") && before.text.contains("0.00 USD of 1.00 USD"))
            #expect(before.text.contains("Nothing is spent today.") && !before.text.contains("AI is not configured"))

            let plan = Plan(
                id: "free", name: "Free", features: [], limits: [.dailyAIBudgetMicroUSD: 1_000_000])
            let context = TenantContext.system(in: try await currentWorkspaceID(app, owner), plan: plan)
            try await provider.script([["reply": AIBudgetTests.hundredTokens]])
            let ask = AIChatRequest(
                messages: [.init(role: .user, content: "quote")], feature: .assistant, maxTokens: 100)
            _ = try await #require(app.aiGateway).chat(ask, context: context, db: app.db)

            let after = try await call(app, .GET, "/app", bearer: owner.token)
            #expect(after.text.contains("0.10 USD of 1.00 USD"), "one 0.1 USD call is metered")
            #expect(!after.text.contains("Nothing is spent today."))
            let members = try await call(app, .GET, "/app", bearer: member.token)
            #expect(members.status == .ok && !members.text.contains("AI spend"), "a Member may not read AI usage")
        }
    }
}
