import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// The AI page (`/app/ai`) as a browser uses it: the Owner lowers the daily budget through the form (refusals by the
/// field, what was typed kept), an Admin reads it without the form, a Member has no AI page.
@Suite struct AIPageTests {
    @Test(arguments: DatabaseLane.enabled)
    func theOwnerLowersTheBudgetAndOthersOnlyRead(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, admin, _) = try await ownerAndMember(app, clock: clock, role: .admin)
            let (session, _) = try await DashboardSession.signIn(app, owner.email)

            let page = try await session.get(app, "/app/ai")
            #expect(page.status == .ok && page.text.contains("0.00 USD spent of 1.00 USD"))
            #expect(page.text.contains("No AI call yet") && page.text.contains("AI is not configured"))
            expectPlainLabelledPage(page, "/app/ai")

            for typed in ["lots", "1e13", "nan", "2"] {
                let refused = try await session.post(app, "/app/ai/budget", form: ["daily_cap_usd": typed])
                #expect(refused.status == .badRequest, "\(typed): \(refused.status)")
                #expect(refused.text.contains("id=\"daily_cap_usd-error\""), "\(typed): the refusal sits by the field")
                #expect(refused.text.contains("value=\"\(typed)\""), "\(typed): what was typed stays")
            }

            let saved = try await session.post(app, "/app/ai/budget", form: ["daily_cap_usd": "0.5"])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/app/ai")
            let flash = try #require(saved.setCookies["parley_flash"])
            let after = try await session.get(app, "/app/ai", extraCookies: "parley_flash=\(flash)")
            #expect(
                after.text.contains("The daily AI budget is saved.")
                    && after.text.contains("lowered the budget to 0.50 USD"))
            #expect(
                try await call(app, .GET, "/api/v1/ai/budget", bearer: owner.token).json["owner_daily_cap_usd"]
                    as? Double == 0.5)

            let reset = try await session.post(app, "/app/ai/budget", form: ["daily_cap_usd": ""])
            #expect(reset.status == .seeOther)
            #expect(
                try await call(app, .GET, "/api/v1/ai/budget", bearer: owner.token).json["daily_cap_usd"] as? Double
                    == 1.0, "an empty field returns to the plan's budget")

            let (adminSession, _) = try await DashboardSession.signIn(app, admin.email)
            let read = try await adminSession.get(app, "/app/ai")
            #expect(read.status == .ok && !read.text.contains("action=\"/app/ai/budget\""), "no form for an Admin")
            #expect(
                try await adminSession.post(app, "/app/ai/budget", form: ["daily_cap_usd": "0.1"]).status == .forbidden)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aMemberHasNoAIPage(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (_, member, _) = try await ownerAndMember(app, clock: clock, role: .member)
            let (session, _) = try await DashboardSession.signIn(app, member.email)
            #expect(try await session.get(app, "/app/ai").status == .forbidden)
            #expect(!(try await session.get(app, "/app")).text.contains("href=\"/app/ai\""))
        }
    }
}
