import Foundation
import ParleyTestSupport

/// What Python's `zipfile` module reports about an archive.
struct PythonZipReport: Decodable {
    struct Entry: Decodable {
        var name: String
        var contents: Data
        var dateTime: [Int]
        var flagBits: Int
        var compressType: Int
        /// The entry's central directory extra field, hex encoded.
        var extraHex: String
    }

    /// The first entry `testzip()` found corrupt, or nil when all are intact.
    var firstBadEntry: String?
    var entries: [Entry]
}

/// Reads ZIP archives with Python's standard library as an independent check.
enum PythonZipReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let script = """
        import base64, json, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as archive:
            bad = archive.testzip()
            entries = [{
                "name": info.filename,
                "contents": base64.b64encode(archive.read(info)).decode("ascii"),
                "dateTime": list(info.date_time),
                "flagBits": info.flag_bits,
                "compressType": info.compress_type,
                "extraHex": info.extra.hex(),
            } for info in archive.infolist()]
        json.dump({"firstBadEntry": bad, "entries": entries}, sys.stdout)
        """

    /// Writes `archive` to a temporary file and reads it back with `python3`.
    static func read(_ archive: Data) async throws -> PythonZipReport {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ZipArchiveTests-\(UUID().uuidString).zip")
        try archive.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await read(fileAt: url)
    }

    /// Reads the archive at `url` with `python3`.
    static func read(fileAt url: URL) async throws -> PythonZipReport {
        let result = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script, url.path])
        guard result.status == 0 else {
            throw Failure(description: "python3 exited with \(result.status): \(result.stderr)")
        }
        return try JSONDecoder().decode(PythonZipReport.self, from: Data(result.stdout.utf8))
    }
}
