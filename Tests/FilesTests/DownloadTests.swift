import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

@Suite struct DownloadTests {
    /// An owner with one uploaded PDF: the owner, the file id and its bytes.
    static func ownerWithPDF(_ app: Application) async throws -> (owner: Person, fileID: String, bytes: [UInt8]) {
        let owner = try await person(app, "owner@example.com")
        let bytes = FileSamples.pdf(text: String(repeating: "Quarterly pricing ", count: 500))
        let reply = try await upload(app, bytes, type: "application/pdf", name: "pricing.pdf", bearer: owner.token)
        #expect(reply.status == .created, "\(reply.text)")
        return (owner, try #require(reply.string("id")), bytes)
    }

    @Test(arguments: DatabaseLane.enabled)
    func aSignedLinkServesTheFileWithSafeHeaders(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: fileVariables) { app async throws in
            let (owner, fileID, bytes) = try await Self.ownerWithPDF(app)
            let path = try await downloadPath(app, fileID: fileID, bearer: owner.token)
            let got = try await fetch(app, path)
            #expect(got.status == .ok)
            #expect(got.body == bytes)
            #expect(got.headers.first(name: .contentType) == "application/pdf")
            #expect(got.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(
                got.headers.first(name: .contentDisposition)
                    == "attachment; filename=\"pricing.pdf\"; filename*=UTF-8''pricing.pdf")
            #expect(got.headers.first(name: .contentSecurityPolicy)?.contains("sandbox") == true)
            #expect(
                got.headers.first(name: .contentSecurityPolicy)?.contains("frame-ancestors 'none'") == true,
                "no other site frames a file")
            #expect(got.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(got.headers.first(name: .acceptRanges) == "bytes")

            let inline = try await fetch(
                app, try await downloadPath(app, fileID: fileID, disposition: "inline", bearer: owner.token))
            #expect(
                inline.headers.first(name: .contentDisposition)?.hasPrefix("inline;") == true,
                "PDFs may be shown inline")
        }
    }

    @Test func linksExpireAndCannotBeAltered() async throws {
        let clock = TestClock()
        try await withTestApp(.sqlite, variables: fileVariables, clock: clock.appClock) { app async throws in
            let (owner, fileID, _) = try await Self.ownerWithPDF(app)
            let text = try await upload(app, Array("plain notes".utf8), type: "text/plain", bearer: owner.token)
            let textID = try #require(text.string("id"))
            let inlineText = try await call(
                app, .POST, "/api/v1/files/\(textID)/link", json: ["disposition": "inline"], bearer: owner.token)
            #expect(inlineText.status == .badRequest && inlineText.errorCode == "inline_not_allowed")

            let path = try await downloadPath(app, fileID: fileID, bearer: owner.token)
            let tampered = [
                path.replacingOccurrences(of: "disposition=attachment", with: "disposition=inline"),
                path.replacingOccurrences(of: fileID.lowercased(), with: textID.lowercased()),
                String(path.dropLast(2)) + (path.hasSuffix("AA") ? "BB" : "AA"),
                path.replacing(#/expires=\d+/#, with: "expires=4102444800"),
                path.replacing(#/&signature=[^&]+/#, with: ""),
            ]
            for altered in tampered {
                let got = try await fetch(app, altered)
                #expect(got.status == .forbidden, "\(altered): \(got.status)")
            }
            #expect(try await fetch(app, path).status == .ok)
            clock.advance(by: 301)
            let expired = try await fetch(app, path)
            #expect(expired.status == .forbidden, "five minutes by default")
            #expect(String(decoding: expired.body, as: UTF8.self).contains("invalid or has expired"))
        }
    }

    @Test func rangesAreServedSafely() async throws {
        try await withTestApp(.sqlite, variables: fileVariables) { app async throws in
            let (owner, fileID, bytes) = try await Self.ownerWithPDF(app)
            let path = try await downloadPath(app, fileID: fileID, bearer: owner.token)
            let size = bytes.count
            func get(_ range: String) async throws -> (status: HTTPStatus, headers: HTTPHeaders, body: [UInt8]) {
                try await fetch(app, path, headers: ["Range": range])
            }
            let first = try await get("bytes=0-99")
            #expect(first.status == .partialContent && first.body == Array(bytes[0..<100]))
            #expect(first.headers.first(name: .contentRange) == "bytes 0-99/\(size)")
            #expect(try await get("bytes=-10").body == Array(bytes[(size - 10)...]))
            #expect(try await get("bytes=\(size - 5)-").body == Array(bytes[(size - 5)...]))
            #expect(
                try await get("bytes=100-999999999999").body == Array(bytes[100...]), "an end past the file stops at it"
            )
            #expect(
                try await get("bytes=-99999999999999999999999").body == bytes,
                "a suffix longer than the file is the file")

            for absurd in ["bytes=\(size)-", "bytes=99999999999999999999999-", "bytes=-0"] {
                let got = try await get(absurd)
                #expect(got.status == .rangeNotSatisfiable, "\(absurd)")
                #expect(got.headers.first(name: .contentRange) == "bytes */\(size)")
            }
            let many = "bytes=" + (0..<2000).map { "\($0 * 2)-\($0 * 2)" }.joined(separator: ",")
            for ignored in [many, "bytes=0-1,5-9", "bytes=abc", "items=0-5", "bytes=9-3"] {
                let got = try await get(ignored)
                #expect(got.status == .ok && got.body == bytes, "\(ignored.prefix(30)) is ignored: the whole file")
            }
        }
    }

    @Test func aDeletedWorkspacesFilesAreUnreachableAndPurged() async throws {
        let clock = TestClock()
        try await withTestApp(.sqlite, variables: fileVariables, clock: clock.appClock) { app async throws in
            let (owner, fileID, _) = try await Self.ownerWithPDF(app)
            let path = try await downloadPath(app, fileID: fileID, bearer: owner.token)
            #expect(try await call(app, .DELETE, "/api/v1/workspace", bearer: owner.token).status == .ok)
            #expect(try await fetch(app, path).status == .notFound, "a deleted workspace serves nothing")
            #expect(storedObjects(app).count == 1, "kept during the grace period")
            clock.advance(by: 31 * 86_400)
            #expect(
                try await WorkspacePurge.run(
                    graceDays: 30, try WorkspacesEnvironment(app, db: app.db, logger: app.logger)) == 1)
            #expect(storedObjects(app).isEmpty, "purged with the workspace")
        }
    }
}
