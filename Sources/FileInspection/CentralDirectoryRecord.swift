/// One record of a ZIP central directory: what a normal (non-streaming) reader believes an entry is.
///
/// Readers that extract an archive go by these records, not by the local headers, so a record that names an entry
/// differently, points somewhere else, or declares other sizes shows them a different archive than the one that
/// was inspected. `CentralDirectoryIndex` compares each record with the local entry it points to.
struct CentralDirectoryRecord: Sendable {
    /// Size of the record before the name, extra field and comment.
    static let fixedSize = 46
    private static let saturated16 = 0xFFFF

    let name: ArchiveEntryName
    /// Names a Unicode path extra field gives the entry.
    let alternateNames: [ArchiveEntryName]
    let flags: Int
    let method: Int
    let crc: Int
    let compressedSize: Int
    let uncompressedSize: Int
    /// The disk on which the entry starts (multi-disk archives are refused).
    let diskStart: Int
    /// Where the entry's local header is, from the start of the archive.
    let localHeaderOffset: Int
    /// The length of the comment that follows the record (skipped, never buffered).
    let commentLength: Int

    /// How many bytes of record are needed, given those read so far: the signature, then the fixed part, then the
    /// name and extra field (not the comment).
    static func requiredLength(after prefix: [UInt8]) throws -> Int {
        if prefix.count < 4 { return 4 }
        if prefix.count < fixedSize { return fixedSize }
        let nameLength = try LocalFileHeader.checkedNameLength(prefix.littleEndian(at: 28, size: 2))
        return fixedSize + nameLength + prefix.littleEndian(at: 30, size: 2)
    }

    /// Parses a complete record (`requiredLength` bytes, starting with the signature).
    init(_ bytes: [UInt8]) throws {
        let nameLength = bytes.littleEndian(at: 28, size: 2)
        let name = try ArchiveEntryName(Array(bytes[Self.fixedSize..<Self.fixedSize + nameLength]))
        self.name = name
        flags = bytes.littleEndian(at: 8, size: 2)
        method = bytes.littleEndian(at: 10, size: 2)
        crc = bytes.littleEndian(at: 16, size: 4)
        commentLength = bytes.littleEndian(at: 32, size: 2)
        var compressed = bytes.littleEndian(at: 20, size: 4)
        var uncompressed = bytes.littleEndian(at: 24, size: 4)
        var disk = bytes.littleEndian(at: 34, size: 2)
        var offset = bytes.littleEndian(at: 42, size: 4)
        var alternates: [ArchiveEntryName] = []
        try ZipExtraField.forEach(in: bytes[(Self.fixedSize + nameLength)...]) { id, data in
            switch id {
            case ZipExtraField.zip64:
                // Only the saturated fields are present, in this order (APPNOTE 4.5.3).
                var reader = FieldReader(data: data)
                if uncompressed == LocalFileHeader.saturated { uncompressed = try reader.next(8, entry: name) }
                if compressed == LocalFileHeader.saturated { compressed = try reader.next(8, entry: name) }
                if offset == LocalFileHeader.saturated { offset = try reader.next(8, entry: name) }
                if disk == Self.saturated16 { disk = try reader.next(4, entry: name) }
            case ZipExtraField.unicodePath:
                alternates.append(try ZipExtraField.unicodePathName(data, entry: name.display))
            default:
                break
            }
        }
        (compressedSize, uncompressedSize, diskStart, localHeaderOffset) = (compressed, uncompressed, disk, offset)
        alternateNames = alternates
    }

    /// Reads consecutive little-endian fields of a ZIP64 extra field.
    private struct FieldReader {
        let data: ArraySlice<UInt8>
        var position = 0

        mutating func next(_ size: Int, entry: ArchiveEntryName) throws -> Int {
            guard data.count - position >= size else {
                throw InspectionError.archiveMalformed(
                    "the central directory's ZIP64 field of entry \"\(entry.display)\" is too short")
            }
            defer { position += size }
            return data.littleEndian(at: position, size: size)
        }
    }
}
