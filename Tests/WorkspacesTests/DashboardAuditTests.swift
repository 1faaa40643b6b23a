import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

/// The audit log page (`/app/audit`) and its CSV: Owners and Admins read and filter it, page through it, and
/// download it; Members may not.
@Suite struct DashboardAuditTests {
    @Test(arguments: DatabaseLane.enabled)
    func anOwnerFiltersPagesAndDownloadsTheLog(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, workspace) = try await ownerAndMember(app, clock: clock, role: .member)
            try await TenantContext.system(in: workspace, plan: .unchecked).run(on: app.db) { tenant in
                for index in 0..<55 {
                    try await tenant.record(
                        AuditEntry(
                            action: "test.bulk", actor: .system, workspaceID: workspace, target: ("thing", "t-\(index)")
                        ),
                        logger: app.logger, now: clock.now.addingTimeInterval(TimeInterval(60 + index)))
                }
            }
            let (session, _) = try await DashboardSession.signIn(app, owner.email)

            let first = try await session.get(app, "/app/audit")
            #expect(first.status == .ok)
            expectPlainLabelledPage(first, "/app/audit")
            #expect(
                first.text.components(separatedBy: "<tr>").count - 2 == AuditPageController.pageSize, "one page of 50")
            #expect(first.text.contains("thing:t-54") && !first.text.contains("thing:t-4<"), "newest first")
            let older = try #require(first.text.firstMatch(of: /href="(\/app\/audit\?before=[^"]+)"/)?.1).description
            let second = try await session.get(app, older.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(second.text.contains("thing:t-4<") && second.text.contains("<code>member.joined</code>"))
            #expect(second.text.contains(member.email), "people are named by their address")

            let joined = try await session.get(app, "/app/audit?action=member.joined")
            #expect(
                joined.text.contains("<code>member.joined</code>") && !joined.text.contains("<code>test.bulk</code>"))
            let byParley = try await session.get(app, "/app/audit?actor=system&until=2099-01-01")
            #expect(
                byParley.text.contains("<code>test.bulk</code>")
                    && !byParley.text.contains("<code>member.joined</code>"))

            let badDate = try await session.get(app, "/app/audit?since=2026-13-45&action=x")
            #expect(badDate.status == .badRequest && badDate.text.contains("id=\"since-error\""))
            #expect(badDate.text.contains("value=\"x\""), "the filter keeps what was typed")
            #expect(try await session.get(app, "/app/audit?actor=root").status == .badRequest)

            let csv = try await session.get(app, "/app/audit.csv?action=member.joined")
            #expect(csv.status == .ok && csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(
                lines.first == "occurred_at,actor,action,target,ip" && lines.count == 2
                    && lines[1].contains(",member.joined,"))

            let (memberSession, _) = try await DashboardSession.signIn(app, member.email)
            #expect(try await memberSession.get(app, "/app/audit").status == .forbidden)
            #expect(try await memberSession.get(app, "/app/audit.csv").status == .forbidden)
        }
    }

    @Test func aCSVCellCannotBecomeAFormula() {
        #expect(AuditCSV.cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(AuditCSV.cell("+1") == "'+1" && AuditCSV.cell("-1") == "'-1" && AuditCSV.cell("@x") == "'@x")
        #expect(AuditCSV.cell("a,b") == "\"a,b\"" && AuditCSV.cell("plain") == "plain")
    }
}
