import Fluent
import Foundation
import ParleyCore
import SMTPClient
import SQLKit

/// Mails a workspace's Owners when its AI spending first crosses 80% and 100% of the day's cap.
struct BudgetNotifier: Sendable {
    let mailFrom: EmailAddress
    let publicURL: URL

    func notify(percent: Int, cap: Int, context: TenantContext, db: any Database, now: Date) async throws {
        let template = MailTemplate(
            name: "ai.budget-\(percent)",
            subject: percent >= 100
                ? "Your AI budget for today is used up" : "Your workspace has used \(percent)% of today's AI budget",
            paragraphs: [
                percent >= 100
                    ? "Your workspace has spent its daily AI budget of \(Self.usd(cap)). Until midnight UTC, the assistant answers with cited passages from your knowledge base and proposal drafts start from your templates."
                    : "Your workspace has spent \(percent)% of its daily AI budget of \(Self.usd(cap)). When it is used up, the assistant and proposal drafting fall back to answers and drafts made without AI until midnight UTC.",
                "Owners can see usage by day and feature, and change the daily cap within the plan's limit, in the workspace settings.",
            ])
        try await context.run(on: db) { tenant in
            let owners = try await tenant.raw(
                """
                SELECT u.email AS email FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE \(scope: "m") AND m.role = 'owner' AND u.deleted_at IS NULL
                """
            ).all().map { try $0.decode(column: "email", as: String.self) }
            for owner in owners {
                try await tenant.enqueueMail(
                    template, to: try EmailAddress(owner, name: nil), from: mailFrom, now: now,
                    messageIDDomain: publicURL.host ?? "localhost")
            }
        }
    }

    static func usd(_ micro: Int) -> String { String(format: "%.2f USD", Double(micro) / 1_000_000) }
}
