import Crypto
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct UploadTests {
    @Test(arguments: DatabaseLane.enabled)
    func aCleanDocumentIsStoredEncryptedAndListed(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: fileVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let pdf = FileSamples.pdf()
            let reply = try await upload(
                app, pdf, type: "application/pdf", name: "../../Price list \u{202E}fdp.exe", bearer: owner.token)
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.string("content_type") == "application/pdf")
            #expect(reply.json["size"] as? Int == pdf.count)
            #expect(reply.string("sha256") == SHA256.hash(data: pdf).hexString)
            #expect(reply.string("name") == "Price list fdp.exe", "path and bidirectional override removed")
            #expect(reply.string("purpose") == "knowledge")
            #expect(!reply.text.contains("wrapped_key") && !reply.text.contains("blob_key"))

            let objects = storedObjects(app)
            #expect(objects.count == 1)
            let atRest = try Data(
                contentsOf: URL(
                    fileURLWithPath: StorageSettings.localRoot(app.settings.dataDirectory) + "/" + objects[0]))
            #expect(
                atRest.range(of: Data("Parley price list".utf8)) == nil && atRest.range(of: Data("%PDF".utf8)) == nil,
                "encrypted at rest")

            let list = try await call(app, .GET, "/api/v1/files?purpose=knowledge", bearer: owner.token)
            #expect((list.json["files"] as? [[String: Any]])?.count == 1)
            #expect(
                (try await call(app, .GET, "/api/v1/files?purpose=image", bearer: owner.token).json["files"]
                    as? [[String: Any]])?.isEmpty == true)
            for bad in ["limit=abc", "limit=0", "limit=201", "purpose=payload"] {
                #expect(
                    try await call(app, .GET, "/api/v1/files?\(bad)", bearer: owner.token).status == .badRequest,
                    "\(bad)")
            }
            #expect(
                (try await call(app, .GET, "/api/v1/files?limit=1", bearer: owner.token).json["files"]
                    as? [[String: Any]])?.count == 1)
            let id = try #require(reply.string("id"))
            #expect(
                try await call(app, .GET, "/api/v1/files/\(id)", bearer: owner.token).string("sha256")
                    == reply.string("sha256"))
            #expect(
                try await workspaceAuditActions(app, try await currentWorkspaceID(app, owner)).contains("file.uploaded")
            )
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func hostileAndMismatchedFilesAreRefusedAndLeaveNothing(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: fileVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let html = Array("<!DOCTYPE html><html><script>alert(1)</script></html>".utf8)
            let svg = Array(
                #"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.utf8)
            let cases: [(String, [UInt8], String?, String, HTTPStatus, String)] = [
                (
                    "PDF declared as PNG", FileSamples.pdf(), "image/png", "image", .unsupportedMediaType,
                    "file_type_not_allowed"
                ),
                (
                    "PDF declared as Word", FileSamples.pdf(),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "knowledge",
                    .unsupportedMediaType, "file_type_mismatch"
                ),
                ("HTML as an image", html, "image/png", "image", .unsupportedMediaType, "file_type_not_allowed"),
                ("SVG as an image", svg, "image/svg+xml", "image", .unsupportedMediaType, "file_type_not_allowed"),
                (
                    "PNG with a script", FileSamples.png() + Array("<script>alert(1)</script>".utf8), "image/png",
                    "image", .unprocessableEntity, "file_refused"
                ),
                (
                    "PDF with JavaScript",
                    FileSamples.pdf(catalogExtra: "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
                    "application/pdf", "knowledge", .unprocessableEntity, "file_refused"
                ),
                (
                    "PDF with a launch action",
                    FileSamples.pdf(catalogExtra: "/OpenAction << /S /Launch /F (calc.exe) >>"), "application/pdf",
                    "knowledge", .unprocessableEntity, "file_refused"
                ),
                (
                    "PDF with a ZIP appended", FileSamples.pdf() + FileSamples.zip([("a.txt", Array("hello".utf8))]),
                    "application/pdf", "knowledge", .unprocessableEntity, "file_refused"
                ),
                (
                    "DOCX bomb",
                    FileSamples.docx(extra: [("word/media/big.bin", [UInt8](repeating: 0, count: 300 * 1024 * 1024))]),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "knowledge",
                    .unprocessableEntity, "file_refused"
                ),
                (
                    "pixel bomb", FileSamples.png(width: 100_000, height: 100_000), "image/png", "image",
                    .unprocessableEntity, "file_refused"
                ),
                (
                    "no declared type", FileSamples.pdf(), nil, "knowledge", .unsupportedMediaType,
                    "content_type_missing"
                ),
                ("unknown purpose", FileSamples.pdf(), "application/pdf", "payload", .badRequest, "unknown_purpose"),
                ("empty file", [], "text/plain", "knowledge", .unprocessableEntity, "file_refused"),
            ]
            for (name, bytes, type, purpose, status, code) in cases {
                let reply = try await upload(app, bytes, type: type, purpose: purpose, bearer: owner.token)
                #expect(reply.status == status, "\(name): \(reply.status) \(reply.text)")
                #expect(reply.errorCode == code, "\(name): \(reply.text)")
            }
            #expect(storedObjects(app).isEmpty, "no object kept")
            #expect(
                (try await call(app, .GET, "/api/v1/files", bearer: owner.token).json["files"] as? [[String: Any]])?
                    .isEmpty == true, "no row kept")
        }
    }

    @Test func sizeLimitsComeFromThePurposeAndThePlan() async throws {
        try await withTestApp(.sqlite, variables: fileVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let workspace = try await currentWorkspaceID(app, owner)
            // Free: 10 MiB an upload. A signature may be 2 MiB whatever the plan.
            let text = [UInt8](repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024 + 1)
            let overPlan = try await upload(app, text, type: "text/plain", bearer: owner.token)
            #expect(overPlan.status == .paymentRequired, "\(overPlan.text)")
            #expect(overPlan.text.contains("upload_mb"))
            let signature = FileSamples.png() + [UInt8](repeating: 0, count: 0)
            #expect(
                try await upload(app, signature, type: "image/png", purpose: "signature", bearer: owner.token).status
                    == .created)
            try await setPlanDirectly(app, workspace, "business")
            let overPurpose = try await upload(
                app, [UInt8](repeating: UInt8(ascii: "a"), count: 3 * 1024 * 1024), type: "text/plain",
                purpose: "signature", bearer: owner.token)
            #expect(
                overPurpose.status == .payloadTooLarge || overPurpose.status == .unsupportedMediaType,
                "\(overPurpose.text)")
            #expect(
                try await upload(app, text, type: "text/plain", bearer: owner.token).status == .created,
                "Business allows 200 MiB")
            let usage = try await call(app, .GET, "/api/v1/workspace/usage", bearer: owner.token)
            let storage = (usage.json["counters"] as? [[String: Any]])?.first { $0["limit"] as? String == "storage_mb" }
            #expect(storage?["used"] as? Int == 11)
        }
    }

    @Test func uploadsNeedTheRightPermissionAndScope() async throws {
        let clock = TestClock()
        try await withTestApp(.sqlite, variables: fileVariables, clock: clock.appClock) { app async throws in
            let (owner, member, _) = try await ownerAndMember(app, clock: clock, role: .member)
            let stored = try await upload(
                app, FileSamples.png(), type: "image/png", purpose: "image", bearer: member.token)
            #expect(stored.status == .created, "members upload")
            let id = try #require(stored.string("id"))
            #expect(
                try await call(app, .DELETE, "/api/v1/files/\(id)", bearer: member.token).status == .forbidden,
                "only Admins delete")
            try await setPlanDirectly(app, try await currentWorkspaceID(app, owner), "pro")
            let reader = try #require(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys", json: ["name": "r", "scopes": ["files:read"]],
                    bearer: owner.token
                ).string("secret"))
            #expect(try await call(app, .GET, "/api/v1/files", bearer: reader).status == .ok)
            #expect(
                try await upload(app, FileSamples.png(), type: "image/png", purpose: "image", bearer: reader).status
                    == .forbidden)
            #expect(try await call(app, .DELETE, "/api/v1/files/\(id)", bearer: owner.token).status == .noContent)
            #expect(storedObjects(app).isEmpty, "the object goes with the row")
            #expect(try await call(app, .GET, "/api/v1/files/\(id)", bearer: owner.token).status == .notFound)
        }
    }
}
