import Foundation
import ParleyCore
import Vapor
import Workspaces

/// `/api/v1/ai`: usage by day and feature, and the workspace's daily budget (an Owner may lower it).
enum AIController {
    static func register(_ routes: any RoutesBuilder) {
        let ai = routes.grouped("api", "v1").tenantRoutes().grouped("ai")
        ai.get("usage", use: usage)
        ai.get("budget", use: budget)
        ai.put("budget", use: setBudget)
    }

    @Sendable static func usage(_ request: Request) async throws -> AIResponses.Usage {
        let context = try request.tenant(.readAIUsage)
        let days = try AIRequests.days(request.query[String.self, at: "days"])
        let now = request.application.clock.now()
        let since = BudgetDay.of(now.addingTimeInterval(-Double(days - 1) * 86_400))
        let rows = try await context.run(on: request.db) { tenant in try await AIUsage.byDay(since: since, tenant) }
        return AIResponses.Usage(since: since, usage: rows.map(AIResponses.UsageRow.init))
    }

    @Sendable static func budget(_ request: Request) async throws -> AIResponses.Budget {
        let context = try request.tenant(.readAIUsage)
        return try await AIResponses.Budget.current(context, request)
    }

    @Sendable static func setBudget(_ request: Request) async throws -> AIResponses.Budget {
        let context = try request.tenant(.manageAIBudget)
        let form = try request.content.decode(AIRequests.SetBudget.self)
        let cap = try AIRequests.capMicroUSD(form.dailyCapUSD, planCap: context.plan.limit(.dailyAIBudgetMicroUSD))
        try await AIBudgetChange.apply(cap, context, request)
        return try await AIResponses.Budget.current(context, request)
    }
}
