import Foundation
@testable import ParleyCore
import ParleyTestSupport
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import Workspaces

@Suite struct WorkspaceExportTests {
    @Test(arguments: DatabaseLane.enabled)
    func anOwnerDownloadsEverythingAsAZipWithoutSecrets(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let owner = try await person(app, "owner@example.com")
            clock.advance(by: 1)
            let admin = try await person(app, "admin@example.com")
            clock.advance(by: 1)
            try await join(app, admin, invitedBy: owner, as: .admin)
            try await setPlan(app, try await currentWorkspaceID(app, owner), "pro")
            let secret = try #require(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys", json: ["name": "sync", "scopes": ["members:read"]],
                    bearer: owner.token
                ).string("secret"))
            #expect(
                try await call(app, .GET, "/api/v1/workspace/export", bearer: admin.token).status == .forbidden,
                "Owners only")
            #expect(
                try await upload(
                    app, Array("price list".utf8), type: "text/plain", name: "prices.txt", bearer: owner.token
                ).status == .created)
            let workspace = try await currentWorkspaceID(app, owner)
            try await TenantContext.system(in: workspace, plan: PlanCatalog.pro).run(on: app.db) { tenant in
                // A metered call, as the AI gateway records it.
                try await tenant.sql.raw(
                    """
                    INSERT INTO ai_calls (id, workspace_id, day, feature, provider, model, input_tokens, output_tokens, tokens_estimated,
                                          cost_micro_usd, latency_ms, outcome, created_at)
                    VALUES (\(bind: UUID()), \(bind: workspace), '2026-11-22', 'assistant', 'main', 'm', 12, 34, \(bind: false), 56, 7, 'ok', \(bind: Date()))
                    """
                ).run()
            }

            let archive = try await exportArchive(app, owner)
            let path = try TestEnvironment.makeTemporaryDirectory() + "/export.zip"
            try archive.write(to: URL(fileURLWithPath: path))
            // Python's zipfile, an independent reader, checks the archive and prints what it holds.
            let script = """
                import json, sys, zipfile
                z = zipfile.ZipFile(sys.argv[1])
                assert z.testzip() is None
                members = json.loads(z.read("members.json"))
                print(json.dumps({"names": sorted(z.namelist()), "members": sorted(m["email"] for m in members),
                                  "keys": [k["name"] for k in json.loads(z.read("api_keys.json"))],
                                  "audit": len(json.loads(z.read("audit_events.json"))),
                                  "files": [f["name"] for f in json.loads(z.read("files.json"))],
                                  "ai_calls": json.loads(z.read("ai_calls.json")),
                                  "all": b"".join(z.read(n) for n in z.namelist()).decode()}))
                """
            let result = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script, path])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(
                report["names"] as? [String] == [
                    "README.txt", "ai_calls.json", "api_keys.json", "audit_events.json", "files.json",
                    "invitations.json",
                    "members.json", "workspace.json",
                ])
            #expect(report["files"] as? [String] == ["prices.txt"], "file metadata is exported")
            let calls = try #require(report["ai_calls"] as? [[String: Any]])
            #expect(
                calls.count == 1 && calls.first?["cost_micro_usd"] as? Int == 56
                    && calls.first?["output_tokens"] as? Int == 34)
            #expect(report["members"] as? [String] == ["admin@example.com", "owner@example.com"])
            #expect(report["keys"] as? [String] == ["sync"])
            #expect((report["audit"] as? Int ?? 0) >= 4)
            let everything = try #require(report["all"] as? String)
            #expect(
                !everything.contains(secret) && !everything.contains(APIKeyFormat.hash(secret)), "no key secret or hash"
            )
            #expect(!everything.contains("token_hash"))
            #expect(!everything.contains("blob_key") && !everything.contains("wrapped_key"), "no storage record")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func theStoredFilesThemselvesComeAlongOnRequest(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            try await setPlan(app, try await currentWorkspaceID(app, owner), "pro")
            // Larger than one storage segment and one streamed chunk, so the archive is written across many writes.
            let big = Array((0..<20_000).map { "line \($0): \($0 &* 7919 % 10_007)\n" }.joined().utf8)
            let bigID = try #require(
                try await upload(app, big, type: "text/plain", name: "notes.txt", bearer: owner.token).string("id"))
            let smallID = try #require(
                try await upload(
                    app, Array("price list".utf8), type: "text/plain", name: "prices.txt", bearer: owner.token
                ).string("id"))

            let refused = try await call(app, .GET, "/api/v1/workspace/export?files=everything", bearer: owner.token)
            #expect(refused.status == .badRequest && refused.text.contains("files"))

            let path = try TestEnvironment.makeTemporaryDirectory() + "/export.zip"
            try await exportArchive(app, owner, query: "?files=include").write(to: URL(fileURLWithPath: path))
            let script = """
                import hashlib, json, sys, zipfile
                z = zipfile.ZipFile(sys.argv[1])
                assert z.testzip() is None
                print(json.dumps({n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist() if n.startswith("files/")}))
                """
            let result = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script, path])
            #expect(result.status == 0, "\(result.stderr)")
            let stored = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
            #expect(
                stored == [
                    "files/\(bigID)/notes.txt": sha256Hex(big),
                    "files/\(smallID)/prices.txt": sha256Hex(Array("price list".utf8)),
                ])
        }
    }

    private func exportArchive(_ app: Application, _ owner: Person, query: String = "") async throws -> Data {
        var archive = Data()
        var headers: HTTPHeaders = [:]
        headers.bearerAuthorization = BearerAuthorization(token: owner.token)
        try await app.testing().test(.GET, "/api/v1/workspace/export" + query, headers: headers) {
            response async throws in
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description == "application/zip")
            #expect(
                response.headers.first(name: .contentDisposition)?.hasPrefix("attachment; filename=\"parley-") == true)
            archive = Data(buffer: response.body)
        }
        #expect(!archive.isEmpty)
        return archive
    }

    private func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
