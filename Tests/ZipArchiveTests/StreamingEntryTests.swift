import Foundation
import Testing
@testable import ZipArchive

@Suite struct StreamingEntryTests {
    @Test func chunkedEntriesReadBackInPython() async throws {
        let chunks = [Data("first ".utf8), Data(), sampleBytes(50_000, seed: 3), Data("last".utf8)]
        let archive = try buildArchive { writer in
            try writer.addFile(path: "before.txt", data: Data("in memory".utf8), modified: sampleDate)
            try writer.addFile(path: "streamed/big.bin", modified: sampleDate) { write in
                for chunk in chunks { try write(chunk) }
            }
            try writer.addFile(path: "streamed/empty.txt", modified: sampleDate) { _ in }
            try writer.addFile(path: "after.txt", data: Data("in memory".utf8), modified: sampleDate)
        }

        let report = try await PythonZipReader.read(archive)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.map(\.name) == ["before.txt", "streamed/big.bin", "streamed/empty.txt", "after.txt"])
        #expect(report.entries[1].contents == chunks.reduce(Data(), +))
        #expect(report.entries[2].contents.isEmpty)
        #expect(report.entries.map(\.flagBits) == [0x0800, 0x0808, 0x0808, 0x0800])
        #expect(report.entries.allSatisfy { $0.dateTime == sampleDateTime })
    }

    @Test func aFileWrittenPieceByPieceMatchesTheChunkedForm() async throws {
        let chunks = [Data("first ".utf8), sampleBytes(70_000, seed: 5), Data("last".utf8)]
        let chunked = try buildArchive { writer in
            try writer.addFile(path: "a.bin", modified: sampleDate) { write in for chunk in chunks { try write(chunk) }
            }
            try writer.addFile(path: "b.txt", data: Data("b".utf8), modified: sampleDate)
        }
        let pieceByPiece = try buildArchive { writer in
            try writer.beginFile(path: "a.bin", modified: sampleDate)
            for chunk in chunks { try writer.write(chunk) }
            try writer.endFile()
            try writer.addFile(path: "b.txt", data: Data("b".utf8), modified: sampleDate)
        }
        #expect(pieceByPiece == chunked)
        let report = try await PythonZipReader.read(pieceByPiece)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.first?.contents == chunks.reduce(Data(), +))
    }

    @Test func anOpenFileMustBeClosedBeforeAnythingElse() throws {
        var writer = ZipWriter { _ in }
        #expect(throws: ZipWriterError.noOpenFile) { try writer.write(Data("x".utf8)) }
        #expect(throws: ZipWriterError.noOpenFile) { try writer.endFile() }
        try writer.beginFile(path: "a.txt", modified: sampleDate)
        #expect(throws: ZipWriterError.fileStillOpen) {
            try writer.addFile(path: "b.txt", data: Data(), modified: sampleDate)
        }
        #expect(throws: ZipWriterError.fileStillOpen) { try writer.finish() }
        try writer.endFile()
        try writer.finish()
    }

    @Test func dataDescriptorFollowsTheData() throws {
        let contents = Data("streamed contents".utf8)
        let archive = try buildArchive { writer in
            try writer.addFile(path: "a.txt", modified: sampleDate) { write in try write(contents) }
        }
        // Local header: zero CRC and sizes, then 30 + 5 header bytes, then the data.
        #expect(archive.uint32(at: 0) == 0x0403_4B50)
        #expect(archive.uint16(at: 6) == 0x0808)
        #expect(archive.uint32(at: 14) == 0 && archive.uint32(at: 18) == 0 && archive.uint32(at: 22) == 0)
        let descriptor = 35 + contents.count
        #expect(archive.uint32(at: descriptor) == 0x0807_4B50)
        #expect(archive.uint32(at: descriptor + 4) == CRC32.checksum(contents))
        #expect(archive.uint32(at: descriptor + 8) == UInt32(contents.count))
        #expect(archive.uint32(at: descriptor + 12) == UInt32(contents.count))
        #expect(archive.uint32(at: descriptor + 16) == 0x0201_4B50)
    }

    @Test func largeStreamedEntryGetsEightByteDescriptorSizes() async throws {
        let contents = sampleBytes(40)
        let archive = try buildArchive(limits: ZipLimits(sizeOrOffset: 16, entryCount: 0xFFFF)) { writer in
            try writer.addFile(path: "a.txt", modified: sampleDate) { write in try write(contents) }
        }
        let descriptor = 35 + contents.count
        #expect(archive.uint32(at: descriptor) == 0x0807_4B50)
        #expect(archive.uint32(at: descriptor + 4) == CRC32.checksum(contents))
        #expect(archive.uint64(at: descriptor + 8) == UInt64(contents.count))
        #expect(archive.uint64(at: descriptor + 16) == UInt64(contents.count))
        #expect(archive.uint32(at: descriptor + 24) == 0x0201_4B50)

        let report = try await PythonZipReader.read(archive)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.first?.contents == contents)
    }
}
