import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// The application on the S3 backend, against a real S3 API on loopback: uploads, downloads and `/readyz`.
@Suite(.enabled(if: BackendLane.enabled.contains(.s3)))
struct S3StorageTests {
    static func variables(port: Int, bucket: String) -> [String: String] {
        fileVariables.merging([
            "PARLEY_STORAGE_BACKEND": "s3", "PARLEY_S3_ENDPOINT": "http://127.0.0.1:\(port)",
            "PARLEY_S3_BUCKET": bucket,
            "PARLEY_S3_ACCESS_KEY_ID": "parley-test", "PARLEY_S3_SECRET_ACCESS_KEY": "parley-test-secret",
            "PARLEY_S3_PART_SIZE_MB": "5",
        ]) { _, new in new }
    }

    @Test func filesGoToTheBucketEncryptedAndComeBack() async throws {
        let server = try await LoopbackPeer.start(script: "s3_server.py", arguments: ["parley-files"])
        defer { server.stop() }
        try await withTestApp(.sqlite, variables: Self.variables(port: server.port, bucket: "parley-files")) {
            app async throws in
            let owner = try await person(app, "owner@example.com")
            try await setPlanDirectly(app, try await currentWorkspaceID(app, owner), "business")
            // Over one part: a multipart upload.
            let bytes = Array("notes ".utf8) + sampleBytes(7 * 1024 * 1024, seed: 5).map { 0x20 + $0 % 95 }
            let stored = try await upload(app, bytes, type: "text/plain", bearer: owner.token)
            #expect(stored.status == .created, "\(stored.text)")
            #expect(storedObjects(app).isEmpty, "nothing in the local folder")
            let path = try await downloadPath(app, fileID: try #require(stored.string("id")), bearer: owner.token)
            #expect(try await fetch(app, path).body == bytes)
            let range = try await fetch(app, path, headers: ["Range": "bytes=5000000-5000099"])
            #expect(range.status == .partialContent && range.body == Array(bytes[5_000_000..<5_000_100]))

            let ready = try await call(app, .GET, "/readyz")
            #expect(ready.status == .ok, "\(ready.text)")
            #expect(
                ((ready.json["components"] as? [String: Any])?["storage"] as? [String: Any])?["detail"] as? String
                    == "s3")
        }
    }

    @Test func readinessFailsWithoutTheBucket() async throws {
        let server = try await LoopbackPeer.start(script: "s3_server.py", arguments: ["parley-files"])
        defer { server.stop() }
        try await withTestApp(.sqlite, variables: Self.variables(port: server.port, bucket: "missing-bucket")) {
            app async throws in
            let ready = try await call(app, .GET, "/readyz")
            #expect(ready.status == .serviceUnavailable, "\(ready.text)")
            #expect(
                ((ready.json["components"] as? [String: Any])?["storage"] as? [String: Any])?["status"] as? String
                    == "fail")
        }
    }
}
