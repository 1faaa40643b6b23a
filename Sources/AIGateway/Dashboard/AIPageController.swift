import Accounts
import Foundation
import ParleyCore
import Vapor
import Workspaces

/// Where the AI page and its form are.
enum AIPaths {
    static let page = "/app/ai"
    static let budget = "/app/ai/budget"
}

extension DashboardFlash {
    static let aiBudgetSaved = DashboardFlash("ai_budget_saved", "The daily AI budget is saved.")
}

/// `/app/ai`: the workspace's AI spend, budget and usage. The budget form runs the same checks as
/// `PUT /api/v1/ai/budget` (`AIRequests.capMicroUSD`, `AIBudgetChange`).
enum AIPageController {
    static func register(_ app: Application, _ routes: any RoutesBuilder) {
        app.dashboardNav.append(DashboardNavEntry("AI", path: AIPaths.page, permission: .readAIUsage))
        app.dashboardFlashes.append(.aiBudgetSaved)
        let ai = DashboardController.dashboardRoutes(routes).grouped("app", "ai")
        ai.get(use: page)
        ai.post("budget", use: saveBudget)
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        try await render(request, form: nil, status: .ok)
    }

    /// `form`, when given, is what the Owner typed (with its refusal); otherwise the saved budget.
    static func render(_ request: Request, form: AIPage.BudgetForm?, status: HTTPResponseStatus) async throws
        -> Response
    {
        let context = try request.tenant(.readAIUsage)
        let now = request.application.clock.now()
        let since = BudgetDay.of(now.addingTimeInterval(-29 * 86_400))
        let (today, usage) = try await context.run(on: request.db) { tenant in
            (try await AIBudget.standing(on: BudgetDay.of(now), tenant), try await AIUsage.byDay(since: since, tenant))
        }
        let saved = today.ownerCap.map { String(format: "%.2f", Double($0) / 1_000_000) } ?? ""
        let page = AIPage(
            available: request.application.aiGateway?.isAvailable ?? false, today: today, usage: usage,
            mayManage: (try? context.authorize(.manageAIBudget)) != nil,
            form: form ?? AIPage.BudgetForm(dailyCapUSD: saved), csrf: request.csrfFormField())
        return try DashboardLayout.render(request, title: "AI", path: AIPaths.page, status: status, page.content)
    }

    @Sendable static func saveBudget(_ request: Request) async throws -> Response {
        let context = try request.tenant(.manageAIBudget)
        var typed = AIPage.BudgetForm(
            dailyCapUSD: (try? request.content.get(String.self, at: "daily_cap_usd")) ?? "")
        do {
            let text = typed.dailyCapUSD.trimmingCharacters(in: .whitespaces)
            guard text.isEmpty || Double(text) != nil else {
                throw CoreError.invalidField(name: "daily_cap_usd", reason: "must be a number of USD, 0 or more")
            }
            let cap = try AIRequests.capMicroUSD(
                Double(text), planCap: context.plan.limit(.dailyAIBudgetMicroUSD))
            try await AIBudgetChange.apply(cap, context, request)
            return DashboardFlash.aiBudgetSaved.redirect(request, to: AIPaths.page)
        } catch let error as any AppError where error.status != .forbidden {
            typed.error = FormError(error)
            return try await render(request, form: typed, status: error.status)
        }
    }
}
