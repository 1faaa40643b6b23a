import Foundation
import Testing
import ZipArchive

@Suite struct EntryNameTests {
    /// A refused name and the error it should produce, labelled readably in test output.
    struct RefusedName: Sendable, CustomTestStringConvertible {
        var name: String
        var error: ZipWriterError
        var testDescription: String { name.count > 40 ? "\(name.count)-character name" : name.debugDescription }
    }

    static let refused: [RefusedName] = [
        RefusedName(name: "", error: .emptyName),
        RefusedName(name: "/etc/passwd", error: .absolutePath("/etc/passwd")),
        RefusedName(name: "C:/boot.ini", error: .absolutePath("C:/boot.ini")),
        RefusedName(name: "..", error: .parentDirectorySegment("..")),
        RefusedName(name: "../escape.txt", error: .parentDirectorySegment("../escape.txt")),
        RefusedName(name: "a/../../b.txt", error: .parentDirectorySegment("a/../../b.txt")),
        RefusedName(name: "a/..", error: .parentDirectorySegment("a/..")),
        RefusedName(name: "dir\\file.txt", error: .backslash("dir\\file.txt")),
        RefusedName(name: "nul\u{0}byte.txt", error: .nulCharacter("nul\u{0}byte.txt")),
        RefusedName(name: "folder/", error: .directoryName("folder/")),
        RefusedName(name: longName, error: .nameTooLong(longName)),
    ]

    private static let longName = String(repeating: "n", count: 65_536)

    @Test(arguments: refused)
    func refusesUnsafeName(_ refused: RefusedName) throws {
        var archive = Data()
        var writer = ZipWriter { archive.append($0) }
        #expect(throws: refused.error) {
            try writer.addFile(path: refused.name, data: Data("x".utf8), modified: sampleDate)
        }
        #expect(throws: refused.error) {
            try writer.addFile(path: refused.name, modified: sampleDate) { _ in }
        }
        #expect(archive.isEmpty)
    }

    @Test func refusesDuplicateName() throws {
        var writer = ZipWriter { _ in }
        try writer.addFile(path: "same.txt", data: Data("1".utf8), modified: sampleDate)
        #expect(throws: ZipWriterError.duplicateName("same.txt")) {
            try writer.addFile(path: "same.txt", data: Data("2".utf8), modified: sampleDate)
        }
        #expect(throws: ZipWriterError.duplicateName("same.txt")) {
            try writer.addFile(path: "same.txt", modified: sampleDate) { _ in }
        }
    }

    @Test func acceptsDotsThatAreNotParentSegments() async throws {
        let names = ["..hidden", "a..b/c.txt", "dir/.../x", ".config/settings"]
        let archive = try buildArchive { writer in
            for name in names {
                try writer.addFile(path: name, data: Data(name.utf8), modified: sampleDate)
            }
        }
        let report = try await PythonZipReader.read(archive)
        #expect(report.entries.map(\.name) == names)
    }

    @Test func refusalLeavesWriterUsable() async throws {
        let archive = try buildArchive { writer in
            try writer.addFile(path: "kept.txt", data: Data("kept".utf8), modified: sampleDate)
            #expect(throws: ZipWriterError.self) {
                try writer.addFile(path: "../lost.txt", data: Data("lost".utf8), modified: sampleDate)
            }
            try writer.addFile(path: "also-kept.txt", data: Data("also".utf8), modified: sampleDate)
        }
        let report = try await PythonZipReader.read(archive)
        #expect(report.firstBadEntry == nil)
        #expect(report.entries.map(\.name) == ["kept.txt", "also-kept.txt"])
    }
}
