import Foundation
import NIOConcurrencyHelpers
import ParleyCore
import ParleyTestSupport
import SQLKit
import Testing
import Vapor

@Suite struct StorageQuotaRaceTests {
    /// Uploads that start together each see the same stored total; together they must still stay within the
    /// plan's storage, and each one is either stored or refused with the limit it hit.
    @Test(arguments: DatabaseLane.enabled)
    func concurrentUploadsNeverOverrunTheStorageLimit(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: fileVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let workspace = try await currentWorkspaceID(app, owner)
            try await (app.db as! any SQLDatabase).raw(
                """
                INSERT INTO plans (id, name, position, features, limits)
                VALUES ('tiny', 'Tiny', 9, '[]', '{"seats":3,"storage_mb":1,"upload_mb":1}')
                """
            ).run()
            try await setPlanDirectly(app, workspace, "tiny")
            let size = 300 * 1024
            let statuses = NIOLockedValueBox<[HTTPStatus]>([])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        let bytes = [UInt8](repeating: UInt8(ascii: "a") + UInt8(index), count: size)
                        let reply = try await upload(
                            app, bytes, type: "text/plain", name: "part-\(index).txt", bearer: owner.token)
                        statuses.withLockedValue { $0.append(reply.status) }
                    }
                }
                try await group.waitForAll()
            }
            let all = statuses.withLockedValue { $0 }
            #expect(all.allSatisfy { $0 == .created || $0 == .paymentRequired }, "\(all)")
            let stored = all.filter { $0 == .created }.count
            #expect(
                stored >= 1 && stored * size <= 1024 * 1024, "\(stored) files of \(size) bytes stored against 1 MiB")
            let listed =
                try await call(app, .GET, "/api/v1/files", bearer: owner.token).json["files"] as? [[String: Any]]
            #expect(listed?.count == stored)
            #expect(storedObjects(app).count == stored, "refused uploads leave no object behind")
        }
    }
}
