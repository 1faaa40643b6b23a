import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

/// The signed-in dashboard (`/app`) as a browser uses it: cookies, form posts from this origin with the CSRF token,
/// redirects with a confirmation.
@Suite struct DashboardPageTests {
    @Test(arguments: DatabaseLane.enabled)
    func signedOutVisitsGoToSignInAndComeBack(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let visitor = DashboardSession(cookies: [:])
            #expect(try await visitor.get(app, "/app").headers.first(name: .location) == "/sign-in?return_to=%2Fapp")
            let team = try await visitor.get(app, "/app/team")
            #expect(
                team.status == .seeOther && team.headers.first(name: .location) == "/sign-in?return_to=%2Fapp%2Fteam")
            #expect(
                try await visitor.post(app, "/app/team/invitations", form: ["email": "mole@example.com"]).status
                    == .unauthorized)

            try await registerVerified(app, email: "ada@example.com")
            let (_, back) = try await DashboardSession.signIn(app, "ada@example.com", returnTo: "/app/team")
            #expect(back.headers.first(name: .location) == "/app/team", "signing in returns to the page asked for")
            let (ada, plain) = try await DashboardSession.signIn(app, "ada@example.com")
            #expect(plain.headers.first(name: .location) == "/app", "signing in lands on the dashboard by default")
            let overview = try await ada.get(app, "/app")
            #expect(overview.status == .ok && overview.text.contains("<h1>Overview</h1>"))
            #expect(overview.text.contains("href=\"/account\""), "the account page stays reachable")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aMemberSeesNoAdminControlsAndIsRefusedThemAnyway(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, workspace) = try await ownerAndMember(app, clock: clock, role: .member)
            let (session, _) = try await DashboardSession.signIn(app, member.email)

            let team = try await session.get(app, "/app/team")
            #expect(team.status == .ok)
            #expect(team.text.contains(owner.email) && team.text.contains(member.email))
            for control in ["Change role", "Send the invitation", "Pending invitations", "/remove", "name=\"role\""] {
                #expect(!team.text.contains(control), "a Member is not shown \(control)")
            }
            let overview = try await session.get(app, "/app")
            #expect(!overview.text.contains("Audit log"), "no Admin-only entry in a Member's navigation")
            #expect(!overview.text.contains("Recent activity") && !overview.text.contains("AI spend"))
            #expect(overview.text.contains("href=\"/app/team\""))

            let refused = [
                try await session.post(
                    app, "/app/team/invitations", form: ["email": "mole@example.com", "role": "member"]),
                try await session.post(app, "/app/team/members/\(owner.userID)/role", form: ["role": "member"]),
                try await session.post(app, "/app/team/members/\(owner.userID)/remove"),
                try await session.get(app, "/app/team/members/\(owner.userID)/remove"),
            ]
            for reply in refused {
                #expect(reply.status == .forbidden)
                #expect(
                    reply.text.contains("<h1>Not allowed</h1>") && reply.text.contains("class=\"dashboard-nav\""),
                    "the 403 is inside the dashboard")
            }
            let members = try await call(
                app, .GET, "/api/v1/workspace/members", headers: .workspace(workspace), bearer: owner.token)
            #expect(
                members.text.contains("\"role\":\"owner\"") && members.text.contains("\"role\":\"member\""),
                "nothing changed")
            let (ownerSession, _) = try await DashboardSession.signIn(app, owner.email)
            #expect(
                try await ownerSession.get(app, "/app").text.contains("<a href=\"/app/audit\">Audit log</a>"),
                "the Owner sees the entry")
            #expect(
                try await mails(app, template: "workspace.invitation").count == 1,
                "only the member's own invitation was mailed")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func anOwnerPromotesAndTheAdminInvitesThroughTheForms(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, workspace) = try await ownerAndMember(app, clock: clock, role: .member)
            let (ownerSession, _) = try await DashboardSession.signIn(app, owner.email)
            let ownersTeam = try await ownerSession.get(app, "/app/team")
            #expect(ownersTeam.text.contains("action=\"/app/team/members/\(member.userID.uuidString)/role\""))
            #expect(
                !ownersTeam.text.contains("action=\"/app/team/members/\(owner.userID.uuidString)/role\""),
                "no controls on one's own row")

            let promoted = try await ownerSession.post(
                app, "/app/team/members/\(member.userID)/role", form: ["role": "admin"])
            #expect(promoted.status == .seeOther && promoted.headers.first(name: .location) == "/app/team")
            let flash = try #require(promoted.setCookies["parley_flash"])
            let confirmed = try await ownerSession.get(app, "/app/team", extraCookies: "parley_flash=\(flash)")
            #expect(confirmed.text.contains("role=\"status\"><p>The role is changed.</p>"))
            #expect(confirmed.setCookies["parley_flash"] == "", "the confirmation shows once")
            let members = try await call(
                app, .GET, "/api/v1/workspace/members", headers: .workspace(workspace), bearer: owner.token)
            #expect(members.text.contains("\"role\":\"admin\""))

            clock.advance(by: 1)
            let (admin, _) = try await DashboardSession.signIn(app, member.email)
            let team = try await admin.get(app, "/app/team")
            #expect(team.text.contains("Send the invitation") && team.text.contains("Pending invitations"))
            #expect(!team.text.contains("<option value=\"owner\""), "an Admin is not offered the Owner role")
            #expect(
                !team.text.contains("action=\"/app/team/members/\(owner.userID.uuidString)/role\""),
                "an Admin cannot change an Owner")

            let typo = try await admin.post(
                app, "/app/team/invitations", form: ["email": "grace at <example>", "role": "admin"])
            #expect(typo.status == .badRequest)
            #expect(
                typo.text.contains("<p class=\"field-error\" id=\"email-error\">Email address must be an email address")
            )
            #expect(typo.text.contains("value=\"grace at &lt;example&gt;\""), "what was typed comes back, inert")
            #expect(typo.text.contains("<option value=\"admin\" selected>Admin</option>"), "the chosen role is kept")
            let asOwner = try await admin.post(
                app, "/app/team/invitations", form: ["email": "grace@example.com", "role": "owner"])
            #expect(asOwner.status == .forbidden, "only an Owner invites an Owner")

            let sent = try await admin.post(
                app, "/app/team/invitations", form: ["email": "grace@example.com", "role": "member"])
            #expect(sent.status == .seeOther && sent.setCookies["parley_flash"] == "invitation_sent")
            #expect(try await mailedToken(app, template: "workspace.invitation").count == 64)
            let pending = try await admin.get(app, "/app/team")
            #expect(pending.text.contains("grace@example.com") && pending.text.contains(">Revoke"))

            let invitation = try #require(
                (try await call(
                    app, .GET, "/api/v1/workspace/invitations", headers: .workspace(workspace), bearer: owner.token
                )
                .json["invitations"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(
                try await admin.post(app, "/app/team/invitations/\(invitation)/resend").setCookies["parley_flash"]
                    == "invitation_resent")
            #expect(try await mails(app, template: "workspace.invitation").count == 3)
            let renewed = try #require(
                (try await call(
                    app, .GET, "/api/v1/workspace/invitations", headers: .workspace(workspace), bearer: owner.token
                )
                .json["invitations"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(renewed != invitation, "the resent invitation replaces the old one")
            #expect(
                try await admin.post(app, "/app/team/invitations/\(renewed)/revoke").setCookies["parley_flash"]
                    == "invitation_revoked")
            #expect(try await admin.get(app, "/app/team").text.contains("No invitation is waiting."))
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func removingAMemberAsksFirstAndWorksWithoutScript(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, workspace) = try await ownerAndMember(app, clock: clock, role: .member)
            let (session, _) = try await DashboardSession.signIn(app, owner.email)
            let confirm = try await session.get(app, "/app/team/members/\(member.userID)/remove")
            #expect(confirm.status == .ok && confirm.text.contains("<h1>Remove a member</h1>"))
            #expect(
                confirm.text.contains(
                    "<form method=\"post\" action=\"/app/team/members/\(member.userID.uuidString)/remove\""))
            let removed = try await session.post(app, "/app/team/members/\(member.userID)/remove")
            #expect(removed.status == .seeOther && removed.setCookies["parley_flash"] == "member_removed")
            let members = try await call(
                app, .GET, "/api/v1/workspace/members", headers: .workspace(workspace), bearer: owner.token)
            #expect(!members.text.contains(member.email))
            let gone = try await session.get(app, "/app/team/members/\(member.userID)/remove")
            #expect(
                gone.status == .notFound && gone.text.contains("<h1>Not found</h1>"),
                "a removed member is not found, inside the dashboard")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func everyDashboardPageIsPlainLabelledAndFramed(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, workspace) = try await ownerAndMember(app, clock: clock, role: .member)
            try await setPlan(app, workspace, "pro")
            for address in ["one@example.com", "two@example.com", "three@example.com"] {
                clock.advance(by: 1)
                #expect(
                    try await call(
                        app, .POST, "/api/v1/workspace/invitations", json: ["email": address], bearer: owner.token
                    ).status == .created)
            }
            clock.advance(by: 1)
            #expect(
                try await call(app, .POST, "/api/v1/workspaces", json: ["name": "Second <Shop>"], bearer: owner.token)
                    .status == .created)
            let (session, _) = try await DashboardSession.signIn(app, owner.email)

            let second = try await session.get(app, "/app")
            #expect(
                second.text.contains("selected>Second &lt;Shop&gt;</option>"),
                "a new workspace is the one its creator acts in")
            #expect(
                second.text.contains("1 of 3 seats") && second.text.contains("You are the only member so far."),
                "an empty workspace says what to do next")
            let switched = try await session.post(app, "/app/workspace", form: ["workspace_id": workspace.uuidString])
            #expect(switched.status == .seeOther && switched.headers.first(name: .location) == "/app")
            #expect(switched.setCookies["parley_flash"] == "workspace_switched")
            #expect(
                try await session.post(app, "/app/workspace", form: ["workspace_id": UUID().uuidString]).status
                    == .notFound)

            for path in ["/app", "/app/team", "/app/team/members/\(member.userID)/remove", "/app/no-such-page"] {
                let page = try await session.get(
                    app, path, extraCookies: "parley_flash=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
                #expect(page.status == (path == "/app/no-such-page" ? .notFound : .ok), "\(path)")
                #expect(page.headers.first(name: .cacheControl) == "no-store")
                #expect(
                    page.text.contains("class=\"dashboard-nav\"") && page.text.contains("aria-label=\"Breadcrumb\""),
                    "\(path) is in the layout")
                #expect(
                    page.text.contains("<option value=\"\(workspace.uuidString)\" selected>"),
                    "\(path) has the switcher, on this workspace")
                #expect(
                    page.text.contains("Second &lt;Shop&gt;") && !page.text.contains("<script>alert"),
                    "\(path) escapes what people typed")
                #expect(!page.text.contains("role=\"status\""), "an unknown confirmation key shows nothing")
                expectPlainLabelledPage(page, path)
            }
            let overview = try await session.get(app, "/app")
            #expect(
                overview.text.contains("5 of 10 seats"), "two members and three pending invitations on the pro plan")
            #expect(overview.text.contains("0 of 10000 MiB") && overview.text.contains("No files are stored yet"))
            #expect(overview.text.contains("AI is not configured"))
            #expect(
                overview.text.contains("Recent activity") && overview.text.contains("member.invited")
                    && overview.text.contains(owner.email))
            #expect(
                overview.text.components(separatedBy: "<tr><td><time").count - 1 == 5, "the five latest audit events")
        }
    }
}
