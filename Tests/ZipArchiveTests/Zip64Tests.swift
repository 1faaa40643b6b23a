import Foundation
import Testing
@testable import ZipArchive

/// Lowered thresholds push small archives through every ZIP64 structure.
@Suite struct Zip64Tests {
    private let forced = ZipLimits(sizeOrOffset: 16, entryCount: 2)

    @Test func forcedZip64ArchiveReadsBackInPython() async throws {
        let files: [(String, Data)] = [
            ("small.txt", Data("tiny".utf8)),  // size and offset below the threshold
            ("large.bin", sampleBytes(100)),  // size and offset above it
            ("late.txt", Data("x".utf8)),  // only the offset above it
        ]
        let streamed = sampleBytes(64, seed: 9)
        let archive = try buildArchive(limits: forced) { writer in
            for (path, data) in files {
                try writer.addFile(path: path, data: data, modified: sampleDate)
            }
            try writer.addFile(path: "streamed.bin", modified: sampleDate) { write in
                try write(streamed.prefix(10))
                try write(streamed.dropFirst(10))
            }
        }

        let report = try await PythonZipReader.read(archive)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.map(\.name) == files.map(\.0) + ["streamed.bin"])
        #expect(report.entries.map(\.contents) == files.map(\.1) + [streamed])

        // The central directory's ZIP64 fields hold only the values that overflowed.
        let extras = report.entries.map(\.extraHex)
        #expect(extras[0].isEmpty)
        #expect(extras[1].hasPrefix("01001800"))  // both sizes and the offset
        #expect(extras[2].hasPrefix("01000800"))  // the offset
        #expect(extras[3].hasPrefix("01001800"))  // both sizes and the offset
    }

    @Test func endRecordsCarryMarkersAndZip64Values() async throws {
        let archive = try buildArchive(limits: forced) { writer in
            for index in 0..<3 {
                try writer.addFile(path: "file\(index).txt", data: Data("entry \(index)".utf8), modified: sampleDate)
            }
        }
        let end = archive.count - 22
        let locator = end - 20
        let record = locator - 56
        #expect(archive.uint32(at: end) == 0x0605_4B50)
        #expect(archive.uint16(at: end + 10) == 0xFFFF)  // entry count marker
        #expect(archive.uint32(at: end + 12) == 0xFFFF_FFFF)  // directory size marker
        #expect(archive.uint32(at: end + 16) == 0xFFFF_FFFF)  // directory offset marker

        #expect(archive.uint32(at: locator) == 0x0706_4B50)
        #expect(archive.uint64(at: locator + 8) == UInt64(record))

        #expect(archive.uint32(at: record) == 0x0606_4B50)
        #expect(archive.uint64(at: record + 4) == 44)
        #expect(archive.uint64(at: record + 32) == 3)
        let directoryOffset = Int(archive.uint64(at: record + 48))
        #expect(archive.uint32(at: directoryOffset) == 0x0201_4B50)
        #expect(archive.uint64(at: record + 40) == UInt64(record - directoryOffset))

        let report = try await PythonZipReader.read(archive)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.count == 3)
    }

    @Test func standardLimitsWriteNoZip64Structures() throws {
        let archive = try buildArchive { writer in
            try writer.addFile(path: "a.bin", data: sampleBytes(100), modified: sampleDate)
        }
        #expect(!archive.containsSignature(0x0606_4B50))
        #expect(!archive.containsSignature(0x0706_4B50))
    }
}
