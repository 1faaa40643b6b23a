import Foundation
import Testing
import ZipArchive

@Suite struct WriterStateTests {
    private struct SinkFull: Error {}
    private struct SourceBroken: Error {}

    @Test func nothingCanBeAddedAfterFinish() throws {
        var writer = ZipWriter { _ in }
        try writer.finish()
        #expect(throws: ZipWriterError.alreadyFinished) {
            try writer.addFile(path: "late.txt", data: Data(), modified: sampleDate)
        }
        #expect(throws: ZipWriterError.alreadyFinished) { try writer.finish() }
    }

    @Test func sinkFailureStopsTheWriter() throws {
        var writer = ZipWriter { _ in throw SinkFull() }
        #expect(throws: SinkFull.self) {
            try writer.addFile(path: "a.txt", data: Data("a".utf8), modified: sampleDate)
        }
        #expect(throws: ZipWriterError.previousWriteFailed) {
            try writer.addFile(path: "b.txt", data: Data("b".utf8), modified: sampleDate)
        }
        #expect(throws: ZipWriterError.previousWriteFailed) { try writer.finish() }
    }

    @Test func producerFailureStopsTheWriter() throws {
        var writer = ZipWriter { _ in }
        #expect(throws: SourceBroken.self) {
            try writer.addFile(path: "a.txt", modified: sampleDate) { write in
                try write(Data("partial".utf8))
                throw SourceBroken()
            }
        }
        #expect(throws: ZipWriterError.previousWriteFailed) { try writer.finish() }
    }

    @Test func errorsDescribeTheProblem() {
        #expect(ZipWriterError.backslash("a\\b").description.contains("backslash"))
        #expect(ZipWriterError.duplicateName("x.txt").description.contains("x.txt"))
    }
}
