import Fluent
import Foundation
import NIOConcurrencyHelpers
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// A write transaction that read first is not refused when another connection writes meanwhile: on SQLite it
/// holds the write lock from its start, so the other writer waits for it instead of slipping in between.
@Suite struct WriteTransactionTests {
    @Test(arguments: DatabaseLane.enabled)
    func aWriterThatReadFirstKeepsItsTurnWhileAnotherConnectionWrites(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let loops = Array(app.eventLoopGroup.makeIterator())
            let firstLoop = try #require(loops.first)
            let secondLoop = loops.last ?? firstLoop
            let first = try #require(app.databases.database(logger: app.logger, on: firstLoop))
            let second = try #require(app.databases.database(logger: app.logger, on: secondLoop))

            let otherDone = NIOLockedValueBox(false)
            let (other, otherWaited) = try await first.writeTransaction { tx in
                _ = try await JobRecord.query(on: tx).count()
                let other = Task {
                    _ = try await JobQueue.enqueue(JobRequest(kind: "second"), on: second, now: Date())
                    otherDone.withLockedValue { $0 = true }
                }
                // Give the other connection every chance to write first; with the lock held it waits for us.
                for _ in 0..<40 where !otherDone.withLockedValue({ $0 }) {
                    try await Task.sleep(for: .milliseconds(50))
                }
                let otherWaited = !otherDone.withLockedValue { $0 }
                _ = try await JobQueue.enqueue(JobRequest(kind: "first"), on: tx, now: Date())
                return (other, otherWaited)
            }
            if lane == .sqlite { #expect(otherWaited, "on SQLite the other writer waits for the transaction") }
            try await other.value
            #expect(try await JobRecord.query(on: app.db).count() == 2)
        }
    }
}
