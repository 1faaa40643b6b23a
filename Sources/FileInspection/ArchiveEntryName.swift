/// The name of an archive entry, checked for path tricks and normalised for matching OOXML part names.
///
/// This module never extracts files, so `../` is harmless here, but no honest tool produces such names: an archive
/// that contains them was built to attack whoever extracts it later ("zip slip"), so it is refused. The same rules
/// apply to the name in a local header, in the central directory and in a Unicode path extra field, because
/// different readers take the name from different places.
struct ArchiveEntryName: Sendable, Equatable {
    /// The name as stored in the archive.
    let bytes: [UInt8]
    /// The name for messages (lossily decoded, shortened if very long).
    let display: String
    /// The name lowercased, for case-insensitive matching of OOXML part names.
    let normalized: String

    /// Validates a raw entry name.
    ///
    /// - Throws: `InspectionError.archiveMalformed` for absolute paths (`/x`, `C:x`), `..` segments, backslashes
    ///   (the ZIP format only has `/`; Windows tools extract `\` as a folder separator, so `..\x` climbs out), and
    ///   control characters including NUL.
    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        let text = String(decoding: bytes, as: UTF8.self)
        display = text.count > 200 ? String(text.prefix(200)) + "…" : text
        normalized = text.lowercased()
        let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\")
        if bytes.contains(0) {
            throw InspectionError.archiveMalformed("entry name \"\(display)\" contains a NUL byte")
        }
        let hasDrive =
            bytes.count >= 2 && bytes[1] == UInt8(ascii: ":")
            && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(StreamMatcher.lowercase(bytes[0]))
        if bytes.first == slash || bytes.first == backslash || hasDrive {
            throw InspectionError.archiveMalformed("entry name \"\(display)\" is an absolute path")
        }
        let segments = bytes.split(omittingEmptySubsequences: false) { $0 == slash || $0 == backslash }
        if segments.contains(where: { $0.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) }) {
            throw InspectionError.archiveMalformed("entry name \"\(display)\" climbs out of its folder with ..")
        }
        if bytes.contains(backslash) {
            throw InspectionError.archiveMalformed("entry name \"\(display)\" contains a backslash")
        }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw InspectionError.archiveMalformed("entry name \"\(display)\" contains a control character")
        }
    }

    /// The last path segment, lowercased.
    var normalizedBaseName: Substring {
        normalized.split(separator: "/").last ?? ""
    }
}
