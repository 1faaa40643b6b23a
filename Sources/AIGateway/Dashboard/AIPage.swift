import Foundation
import ParleyCore

/// The content of the AI page (`/app/ai`): whether AI is configured, today's spend against the daily budget, the
/// budget form for the Owner, and the last 30 days of calls by day and feature.
struct AIPage {
    /// The budget form as the Owner left it: what they typed and why it was refused.
    struct BudgetForm {
        var dailyCapUSD: String
        var error: FormError?
    }

    var available: Bool
    var today: AIBudget.Standing
    var usage: [AIUsage.Row]
    var mayManage: Bool
    var form: BudgetForm
    var csrf: Node

    var content: Node {
        .group(
            .when(!available, .p(.class("notice"), .text(AISpendPanel.notConfigured))),
            todaySection, budgetSection, usageSection)
    }

    private var todaySection: Node {
        .section(
            .aria("labelledby", "today"),
            .h2(.id("today"), "Today"),
            .p(
                .class("figure-value"),
                .text("\(AISpendPanel.usd(today.spent)) spent of \(AISpendPanel.usd(today.cap))")),
            .when(
                today.reserved > 0,
                .p(.class("hint"), .text("\(AISpendPanel.usd(today.reserved)) is held for calls in progress."))),
            .p(.class("hint"), "The budget starts again at midnight UTC. Calls that would pass it are refused."))
    }

    private var budgetSection: Node {
        let plan = AISpendPanel.usd(today.planCap)
        let field = FormField(
            "Daily budget (USD)", name: "daily_cap_usd", type: "text", autocomplete: "off", value: form.dailyCapUSD,
            required: false, hint: "Up to \(plan), the plan's budget. Leave it empty to use the plan's budget.",
            .inputmode("decimal"), .maxlength(16))
        return .section(
            .aria("labelledby", "budget"),
            .h2(.id("budget"), "Daily budget"),
            .p(
                .text(
                    today.ownerCap == nil
                        ? "The workspace uses the plan's budget of \(plan) a day."
                        : "The Owner lowered the budget to \(AISpendPanel.usd(today.cap)) a day (the plan allows \(plan))."
                )),
            .when(
                mayManage,
                .group(
                    .errorSummary(form.error, fields: [field]),
                    .form(
                        .method("post"), .action(AIPaths.budget), csrf, .field(field, error: form.error),
                        .p(.submitButton("Save the budget"))))))
    }

    private var usageSection: Node {
        .section(
            .aria("labelledby", "usage"),
            .h2(.id("usage"), "Last 30 days"),
            usage.isEmpty
                ? .p("No AI call yet. Calls made for the assistant and for proposal drafts will be counted here.")
                : .div(
                    .class("table-scroll"),
                    .table(
                        .thead(
                            .tr(
                                .th(.scope("col"), "Day"), .th(.scope("col"), "Feature"), .th(.scope("col"), "Calls"),
                                .th(.scope("col"), "Failed"), .th(.scope("col"), "Tokens in"),
                                .th(.scope("col"), "Tokens out"), .th(.scope("col"), "Cost"))),
                        .tbody(.group(usage.map(row))))))
    }

    private func row(_ row: AIUsage.Row) -> Node {
        .tr(
            .td(.text(row.day)), .td(.text(row.feature)), .td(.text(String(row.calls))),
            .td(.text(String(row.failed))), .td(.text(String(row.inputTokens))),
            .td(.text(String(row.outputTokens))), .td(.text(AISpendPanel.usd(row.costMicroUSD))))
    }
}
