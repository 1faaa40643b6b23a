import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// The Files page (`/app/files`) as a browser uses it: the list with names shown as text, a download through a
/// signed link, deleting for Admins and Owners only, and the upload form for everyone who may upload.
@Suite struct FilesPageTests {
    @Test(arguments: DatabaseLane.enabled)
    func theOwnerDownloadsAndDeletesAMemberOnlyDownloads(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: fileVariables, clock: clock.appClock) { app async throws in
            let (owner, member, _) = try await ownerAndMember(app, clock: clock, role: .member)
            let (session, _) = try await DashboardSession.signIn(app, owner.email)
            let empty = try await session.get(app, "/app/files")
            #expect(empty.status == .ok && empty.text.contains("No file yet. Upload"))
            #expect(empty.text.contains("id=\"upload-form\"") && empty.text.contains("/assets/files."))
            expectPlainLabelledPage(empty, "/app/files")

            let bytes = Array("Opening hours: 9 to 5".utf8)
            let stored = try await upload(
                app, bytes, type: "text/plain", name: "Q&A <hours>.txt", bearer: owner.token)
            let id = try #require(stored.string("id"))
            let name = try #require(stored.string("name"))
            #expect(name.contains("&"), "a name with markup characters: \(name)")
            let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            let listed = try await session.get(app, "/app/files")
            #expect(listed.text.contains(escaped) && !listed.text.contains(name), "the name is shown as text")
            #expect(listed.text.contains("21 bytes"))

            let download = try await session.post(app, "/app/files/\(id)/download")
            #expect(download.status == .seeOther)
            let location = try #require(download.headers.first(name: .location))
            #expect(location.hasPrefix(origin + "/files/") && location.contains("disposition=attachment"))
            let fetched = try await fetch(app, String(location.dropFirst(origin.count)))
            #expect(fetched.status == .ok && fetched.body == bytes)

            let (memberSession, _) = try await DashboardSession.signIn(app, member.email)
            let read = try await memberSession.get(app, "/app/files")
            #expect(read.text.contains("/app/files/\(id)/download") && !read.text.contains("/app/files/\(id)/delete"))
            #expect(try await memberSession.post(app, "/app/files/\(id)/delete").status == .forbidden)

            let deleted = try await session.post(app, "/app/files/\(id)/delete")
            #expect(deleted.status == .seeOther && deleted.headers.first(name: .location) == "/app/files")
            let flash = try #require(deleted.setCookies["parley_flash"])
            let after = try await session.get(app, "/app/files", extraCookies: "parley_flash=\(flash)")
            #expect(after.text.contains("The file is deleted.") && after.text.contains("No file yet."))
            #expect(try await session.post(app, "/app/files/\(id)/download").status == .notFound)
        }
    }
}
