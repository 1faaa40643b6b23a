import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

/// The Settings page (`/app/settings`) as a browser uses it: the Owner renames the workspace and changes its
/// address, sees refusals next to the field, cannot require two-factor authentication without having it, sees the
/// plan's use and downloads the export; a Member reads the values and changes nothing.
@Suite struct DashboardSettingsTests {
    @Test(arguments: DatabaseLane.enabled)
    func anOwnerChangesTheWorkspaceAndAMemberOnlyReadsIt(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, workspace) = try await ownerAndMember(app, clock: clock, role: .member)
            let (session, _) = try await DashboardSession.signIn(app, owner.email)

            let page = try await session.get(app, "/app/settings")
            #expect(page.status == .ok && page.text.contains("on the Free plan"))
            #expect(page.text.contains("<th scope=\"row\">Members</th>") && page.text.contains("2 of 3 seats"))
            #expect(page.text.contains("href=\"/api/v1/workspace/export?files=include\""))
            expectPlainLabelledPage(page, "/app/settings")

            let refused = try await session.post(app, "/app/settings", form: ["name": "Acme", "slug": "Not <a> slug"])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("id=\"slug-error\""), "the refusal sits by the address")
            #expect(refused.text.contains("value=\"Not &lt;a&gt; slug\""), "what was typed stays, escaped")

            let saved = try await session.post(
                app, "/app/settings", form: ["name": "Acme <Shop>", "slug": "acme-shop"])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/app/settings")
            let flash = try #require(saved.setCookies["parley_flash"])
            let after = try await session.get(app, "/app/settings", extraCookies: "parley_flash=\(flash)")
            #expect(after.text.contains("value=\"Acme &lt;Shop&gt;\"") && after.text.contains("settings are saved"))
            let info = try await call(
                app, .GET, "/api/v1/workspace", headers: .workspace(workspace), bearer: owner.token)
            #expect(info.text.contains("\"slug\":\"acme-shop\""))

            let policy = try await session.post(
                app, "/app/settings/security", form: ["require_two_factor": "on"])
            #expect(policy.status == .conflict, "the Owner has no two-factor authentication yet")
            #expect(policy.text.contains("id=\"require_two_factor-error\""))

            let export = try await session.get(app, "/api/v1/workspace/export")
            #expect(export.status == .ok && export.headers.first(name: .contentType) == "application/zip")

            let (memberSession, _) = try await DashboardSession.signIn(app, member.email)
            let read = try await memberSession.get(app, "/app/settings")
            #expect(read.status == .ok && read.text.contains("Acme &lt;Shop&gt;"))
            #expect(!read.text.contains("action=\"/app/settings"), "no form for a Member")
            #expect(!read.text.contains("/api/v1/workspace/export"), "no export for a Member")
            #expect(
                try await memberSession.post(app, "/app/settings", form: ["name": "Mine", "slug": "mine"]).status
                    == .forbidden)
            #expect(
                try await memberSession.post(app, "/app/settings/security", form: [:]).status == .forbidden)
        }
    }
}
