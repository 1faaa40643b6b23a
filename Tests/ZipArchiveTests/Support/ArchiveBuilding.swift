import Foundation
@testable import ZipArchive

/// 2023-11-14 22:13:20 UTC, an even second so it survives the DOS format exactly.
let sampleDate = Date(timeIntervalSince1970: 1_700_000_000)
let sampleDateTime = [2023, 11, 14, 22, 13, 20]

/// Runs `body` against a writer that collects bytes in memory, finishes, and returns the archive.
func buildArchive(
    limits: ZipLimits = .standard,
    _ body: (inout ZipWriter) throws -> Void
) throws -> Data {
    var archive = Data()
    var writer = ZipWriter(sink: { archive.append($0) }, limits: limits)
    try body(&writer)
    try writer.finish()
    return archive
}

/// Deterministic filler bytes of the given length.
func sampleBytes(_ count: Int, seed: UInt8 = 0) -> Data {
    Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) })
}
