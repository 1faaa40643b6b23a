import Foundation
import Testing
import ZipArchive

@Suite struct RoundTripTests {
    @Test func fileArchiveReadsBackInPython() async throws {
        let files: [(String, Data)] = [
            ("hello.txt", Data("Hello, ZIP!\n".utf8)),
            ("empty.bin", Data()),
            ("nested/dir/bytes.bin", sampleBytes(70_000)),
        ]
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ZipArchiveTests-\(UUID().uuidString).zip")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }

        let handle = try FileHandle(forWritingTo: url)
        var writer = ZipWriter { try handle.write(contentsOf: $0) }
        for (path, data) in files {
            try writer.addFile(path: path, data: data, modified: sampleDate)
        }
        try writer.finish()
        try handle.close()

        let report = try await PythonZipReader.read(fileAt: url)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.map(\.name) == files.map(\.0))
        #expect(report.entries.map(\.contents) == files.map(\.1))
        for entry in report.entries {
            #expect(entry.compressType == 0)
            #expect(entry.flagBits == 0x0800)
            #expect(entry.dateTime == sampleDateTime)
            #expect(entry.extraHex.isEmpty)
        }
    }

    @Test func emptyArchiveReadsBackInPython() async throws {
        let archive = try buildArchive { _ in }
        #expect(archive.count == 22)
        let report = try await PythonZipReader.read(archive)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.isEmpty)
    }

    @Test func unicodeNameIsStoredAsUTF8() async throws {
        let name = "données/日本語/emoji 🎉.txt"
        let contents = Data("unicode".utf8)
        let archive = try buildArchive { writer in
            try writer.addFile(path: name, data: contents, modified: sampleDate)
        }
        #expect(archive.range(of: Data(name.utf8)) != nil)

        let report = try await PythonZipReader.read(archive)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.map(\.name) == [name])
        #expect(report.entries.first?.contents == contents)
        #expect(report.entries.first.map { $0.flagBits & 0x0800 } == 0x0800)
    }
}
