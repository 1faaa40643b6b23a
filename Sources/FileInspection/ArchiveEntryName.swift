/// The name of an archive entry, checked for path tricks and normalised for matching OOXML part names.
///
/// This module never extracts files, so `../` is harmless here, but no honest tool produces such names: an archive
/// that contains them was built to attack whoever extracts it later, so it is refused.
struct ArchiveEntryName: Sendable, Equatable {
    /// The name for messages (lossily decoded, shortened if very long).
    let display: String
    /// The name lowercased, for case-insensitive matching of OOXML part names.
    let normalized: String

    /// Validates a raw entry name.
    ///
    /// - Throws: `InspectionError.archiveMalformed` for absolute paths (`/x`, `\x`, `C:x`), `..` segments, or NUL.
    init(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        display = text.count > 200 ? String(text.prefix(200)) + "…" : text
        normalized = text.lowercased()
        let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\")
        if bytes.contains(0) {
            throw InspectionError.archiveMalformed("entry name \"\(display)\" contains a NUL byte")
        }
        let hasDrive = bytes.count >= 2 && bytes[1] == UInt8(ascii: ":")
            && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(StreamMatcher.lowercase(bytes[0]))
        if bytes.first == slash || bytes.first == backslash || hasDrive {
            throw InspectionError.archiveMalformed("entry name \"\(display)\" is an absolute path")
        }
        let segments = bytes.split(omittingEmptySubsequences: false) { $0 == slash || $0 == backslash }
        if segments.contains(where: { $0.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) }) {
            throw InspectionError.archiveMalformed("entry name \"\(display)\" climbs out of its folder with ..")
        }
    }

    /// The last path segment, lowercased.
    var normalizedBaseName: Substring {
        normalized.split(separator: "/").last ?? ""
    }
}
