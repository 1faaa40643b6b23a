import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting
@testable import Waitlist

@Suite struct WaitlistTests {
    static let variables = ["PARLEY_POW_DIFFICULTY": "8", "PARLEY_PUBLIC_URL": "http://localhost:8080"]

    static func botCheck(_ app: Application) async throws -> [String: String] { try await solvedBotCheck(app) }

    static func join(
        _ app: Application, email: String = "ada@example.com", name: String = "Ada", consent: Bool = true,
        botCheck: [String: String]? = nil, _ check: (TestingHTTPResponse) async throws -> Void
    ) async throws {
        var body: [String: Any] = ["email": email, "name": name, "company": "Analytical Engines", "consent": consent]
        if let botCheck { body["bot_check"] = botCheck }
        let data = try JSONSerialization.data(withJSONObject: body)
        try await app.testing().test(
            .POST, "/api/v1/waitlist", headers: ["Content-Type": "application/json"],
            body: ByteBuffer(data: data)
        ) { response async throws in try await check(response) }
    }

    static func confirmationToken(_ app: Application) async throws -> String {
        let mail = try #require(
            try await OutboxMessage.query(on: app.db).filter(\.$template == "waitlist.confirm").sort(
                \.$createdAt, .descending
            ).first())
        let match = try #require(
            mail.textBody.firstMatch(of: /\/waitlist\/confirm#token=([0-9a-f]{64})/),
            "the token travels in the fragment, never in a URL a server logs")
        return String(match.1)
    }

    @Test(arguments: DatabaseLane.enabled)
    func joiningSendsALinkThatConfirmsOnlyByPost(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: Self.variables) { app async throws in
            try await Self.join(app, botCheck: try await Self.botCheck(app)) { response async throws in
                #expect(response.status == .accepted)
            }
            let token = try await Self.confirmationToken(app)
            // The browser requests the page without the fragment; its script fills the form from it.
            try await app.testing().test(.GET, "/waitlist/confirm") { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("name=\"token\" id=\"link-token\" value=\"\""))
                #expect(response.body.string.contains("/assets/auth.js"))
            }
            #expect(
                try await WaitlistEntry.query(on: app.db).first()?.confirmedAt == nil,
                "a GET, as a mail scanner makes, changes nothing")
            try await app.testing().test(
                .POST, "/waitlist/confirm", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=\(token)")
            ) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("on the list"))
            }
            let entry = try #require(try await WaitlistEntry.query(on: app.db).first())
            #expect(entry.confirmedAt != nil)
            #expect(entry.confirmTokenHash == nil)
            try await app.testing().test(
                .POST, "/waitlist/confirm", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=\(token)")
            ) { response async throws in
                #expect(response.status == .badRequest, "a link works once")
            }
            #expect(
                try await AuditEvent.query(on: app.db).all().map(\.action).sorted() == [
                    "waitlist.confirmed", "waitlist.joined",
                ])
            #expect(TestLogs.lines(containing: token).isEmpty, "no log line, the access log included, holds the token")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func joiningAgainMergesAndDoesNotFloodTheInbox(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: Self.variables) { app async throws in
            try await Self.join(app, botCheck: try await Self.botCheck(app)) { #expect($0.status == .accepted) }
            try await Self.join(
                app, email: "ADA@example.com", name: "Ada Lovelace", botCheck: try await Self.botCheck(app)
            ) { #expect($0.status == .accepted) }
            let entries = try await WaitlistEntry.query(on: app.db).all()
            #expect(entries.count == 1)
            #expect(entries.first?.name == "Ada Lovelace")
            #expect(
                try await OutboxMessage.query(on: app.db).count() == 1, "a second link within ten minutes is not sent")
        }
    }

    @Test func theBotCheckIsRequiredAndSpentOnce() async throws {
        try await withTestApp(variables: Self.variables) { app async throws in
            try await Self.join(app) { response async throws in
                #expect(response.status == .badRequest)
                #expect(try response.content.decode(ErrorResponse.self).error.code == "bot_check_missing")
            }
            let answer = try await Self.botCheck(app)
            try await Self.join(app, botCheck: answer) { #expect($0.status == .accepted) }
            try await Self.join(app, botCheck: answer) { response async throws in
                #expect(response.status == .forbidden)
                #expect(try response.content.decode(ErrorResponse.self).error.code == "bot_check_replayed")
            }
        }
    }

    @Test(arguments: [
        ("not-an-email", "Ada", true, "email"), ("ada@example.com", "", true, "name"),
        ("ada@example.com", "Ada", false, "consent"),
        ("ada@example.com", "Ada\r\nBcc: eve@example.com", true, "name"),
    ])
    func badFieldsAnswer400NamingTheField(_ email: String, _ name: String, _ consent: Bool, _ field: String)
        async throws
    {
        try await withTestApp(variables: Self.variables) { app async throws in
            try await Self.join(
                app, email: email, name: name, consent: consent, botCheck: ["pow_nonce": "x", "pow_solution": "1"]
            ) { response async throws in
                #expect(response.status == .badRequest)
                #expect(try response.content.decode(ErrorResponse.self).error.message.contains("'\(field)'"))
            }
            #expect(try await WaitlistEntry.query(on: app.db).count() == 0)
        }
    }

    @Test func thePageLoadsItsScriptsFromFilesOnly() async throws {
        try await withTestApp(variables: Self.variables) { app async throws in
            try await app.testing().test(.GET, "/waitlist") { response async throws in
                #expect(response.status == .ok)
                let html = response.body.string
                #expect(html.contains("<form id=\"waitlist-form\""))
                #expect(html.contains("src=\"/assets/bot-check.js?v="))
                #expect(html.firstMatch(of: /<script>/) == nil, "no inline script")
            }
            try await app.testing().test(.GET, "/assets/bot-check.js") { response async throws in
                #expect(response.status == .ok)
                #expect(response.headers.contentType?.subType == "javascript")
            }
            try await app.testing().test(.GET, "/assets/..%2F..%2FPackage.swift") { response async throws in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func operatorsExportAndInviteConfirmedEntries(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: Self.variables) { app async throws in
            try await Self.join(app, email: "ada@example.com", botCheck: try await Self.botCheck(app)) {
                #expect($0.status == .accepted)
            }
            try await Self.join(
                app, email: "eve@example.com", name: "=HYPERLINK(\"http://evil\")",
                botCheck: try await Self.botCheck(app)
            ) { #expect($0.status == .accepted) }
            let ada = try #require(
                try await WaitlistEntry.query(on: app.db).filter(\.$email == "ada@example.com").first())
            ada.confirmedAt = app.clock.now()
            try await ada.save(on: app.db)
            let env = try Waitlist.Environment(app, db: app.db, logger: app.logger)
            #expect(try await Waitlist.invite(email: nil, env) == 1, "only confirmed entries are invited")
            #expect(try await Waitlist.invite(email: nil, env) == 0, "and only once")
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$template == "waitlist.invite").count() == 1)
            let csv = WaitlistCSV.render(try await WaitlistEntry.query(on: app.db).sort(\.$email).all())
            let lines = csv.components(separatedBy: "\r\n")
            #expect(lines[0] == "email,name,company,consented_at,confirmed_at,invited_at,created_at")
            #expect(lines[1].hasPrefix("ada@example.com,Ada,Analytical Engines,"))
            #expect(lines[2].hasPrefix("eve@example.com,\"'=HYPERLINK(\"\"http://evil\"\")\","), "formulas are defused")
        }
    }
}
