/// The extra fields of a ZIP local or central header: records of `id (2) size (2) data (size)`.
///
/// A record cut short by the end of the field is read with the data that is there; trailing bytes too short for a
/// record header (alignment padding) are ignored.
enum ZipExtraField {
    /// ZIP64 extended information: 64-bit sizes and offsets.
    static let zip64 = 0x0001
    /// Info-ZIP Unicode path: a UTF-8 name that readers use instead of the header's name.
    static let unicodePath = 0x7075

    /// Calls `body` with each record's id and data, in order.
    static func forEach(in extra: ArraySlice<UInt8>, _ body: (Int, ArraySlice<UInt8>) throws -> Void) rethrows {
        var offset = 0
        while extra.count - offset >= 4 {
            let id = extra.littleEndian(at: offset, size: 2)
            let size = extra.littleEndian(at: offset + 2, size: 2)
            try body(id, extra.dropFirst(offset + 4).prefix(size))
            offset += 4 + size
        }
    }

    /// The name in a Unicode path field (version 1, CRC-32 of the header name, then the UTF-8 name), validated
    /// like any entry name.
    static func unicodePathName(_ data: ArraySlice<UInt8>, entry: String) throws -> ArchiveEntryName {
        guard data.count > 5, data.first == 1 else {
            throw InspectionError.archiveMalformed("entry \"\(entry)\" has a malformed Unicode path field")
        }
        _ = try LocalFileHeader.checkedNameLength(data.count - 5)
        return try ArchiveEntryName(Array(data.dropFirst(5)))
    }
}
