@testable import App
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import NIOPosix
import Vapor
import VaporTesting

@Suite struct HealthTests {
    struct Report: Decodable {
        struct Component: Decodable { var status: String; var latency_ms: Double; var detail: String? }
        var status: String
        var components: [String: Component]
    }

    @Test(arguments: DatabaseLane.enabled)
    func readinessReportsEachComponent(_ lane: DatabaseLane) async throws {
        // A roomy time-out: the suite runs in parallel on two cores, and this checks the answer, not the speed.
        try await withTestApp(lane, variables: ["PARLEY_READINESS_TIMEOUT_SECONDS": "30"]) { app async throws in
            try await app.testing().test(.GET, "/readyz") { response async throws in
                #expect(response.status == .ok, "\(response.body.string)")
                let report = try response.content.decode(Report.self)
                #expect(report.status == "ok")
                #expect(Set(report.components.keys) == ["database", "jobs", "storage"])
                #expect(report.components.values.allSatisfy { $0.status == "ok" && $0.latency_ms >= 0 })
            }
        }
    }

    @Test func livenessNeedsNoDatabaseButReadinessDoes() async throws {
        // Nothing listens on port 1: the database is unreachable from the start.
        try await withTestApp(
            variables: ["PARLEY_DATABASE_URL": "postgres://u:p@127.0.0.1:1/parley", "PARLEY_DATABASE_TLS": "disable"],
            migrate: false
        ) { app async throws in
            try await app.testing().test(.GET, "/healthz") { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.string == #"{"status":"ok"}"#)
            }
            try await app.testing().test(.GET, "/readyz") { response async throws in
                #expect(response.status == .serviceUnavailable)
                let report = try response.content.decode(Report.self)
                #expect(report.status == "fail")
                #expect(report.components["database"]?.status == "fail")
                #expect(report.components["jobs"]?.status == "fail")
                #expect(report.components["storage"]?.status == "ok")
                #expect(!response.body.string.contains("127.0.0.1"), "no internals in the public report")
            }
        }
    }

    @Test func aDatabaseThatNeverAnswersTimesOutInsteadOfHanging() async throws {
        // A listener that accepts connections and never says a word.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(
            host: "127.0.0.1", port: 0
        ).get()
        let port = try #require(silent.localAddress?.port)
        try await withTestApp(
            variables: [
                "PARLEY_DATABASE_URL": "postgres://u:p@127.0.0.1:\(port)/parley", "PARLEY_DATABASE_TLS": "disable",
            ],
            migrate: false
        ) { app async throws in
            let started = ContinuousClock.now
            try await app.testing().test(.GET, "/readyz") { response async throws in
                #expect(response.status == .serviceUnavailable)
                let report = try response.content.decode(Report.self)
                #expect(report.components["database"]?.detail == "timed out")
            }
            // The database never answers, so without the check's time-out this would hang; the bound is loose because
            // a loaded test machine can delay the time-out's own task.
            #expect(
                ContinuousClock.now - started < .seconds(60), "bounded by the check's time-out, not by the database")
        }
        try await silent.close()
    }

    @Test func anyFailingCheckMakesReadiness503() async throws {
        try await withTestApp { app async throws in
            app.readiness.register(ReadinessCheck(name: "blobs") { _ in throw Abort(.internalServerError) })
            try await app.testing().test(.GET, "/readyz") { response async throws in
                #expect(response.status == .serviceUnavailable)
                #expect(try response.content.decode(Report.self).components["blobs"]?.status == "fail")
            }
        }
    }
}

@Suite struct MigrationTests {
    @Test(arguments: DatabaseLane.enabled)
    func migrationsRevertAndReapplyCleanly(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            try await app.autoRevert()
            try await app.migrateDatabase()
            #expect(try await JobRecord.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).count() == 0)
            #expect(try await OutboxMessage.query(on: app.db).count() == 0)
        }
    }

    @Test func migrationNamesAreUniqueAndNumbered() {
        let names = allMigrations.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names == names.sorted())
        #expect(names.allSatisfy { $0.range(of: #"^\d{4}_[a-z0-9_]+$"#, options: .regularExpression) != nil })
    }
}
