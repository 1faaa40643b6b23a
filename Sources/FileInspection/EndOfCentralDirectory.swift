/// The ZIP "end of central directory" record (with its ZIP64 extension), found among the last bytes of a file.
///
/// Archive readers find a ZIP from its end, so this record is what makes a file "a ZIP" to them. It is used both to
/// verify real archives (entry count, central directory position) and to spot other files that secretly end with an
/// archive, such as a JPEG with a ZIP appended (a polyglot).
///
/// Every field comes from the file, and the ZIP64 ones are 64 bits wide (read as `Int`, clamped to `Int.max`), so all
/// arithmetic on them is checked: a saturated field is refused, never an overflow trap.
struct EndOfCentralDirectory: Equatable, Sendable {
    /// Size of the record without its comment.
    static let recordSize = 22
    /// The record plus the longest possible comment: where readers search for it.
    static let searchWindow = recordSize + 65_535
    /// Size of the ZIP64 end of central directory locator.
    static let zip64LocatorSize = 20
    /// Size of the ZIP64 end of central directory record without its extensible data.
    static let zip64RecordSize = 56
    /// Bytes to keep from the end of a file: the search window plus the ZIP64 locator and record.
    static let tailCapacity = searchWindow + zip64LocatorSize + zip64RecordSize

    /// Total number of entries listed by the central directory.
    private(set) var entryCount: Int
    /// Size of the central directory in bytes.
    private(set) var centralDirectorySize: Int
    /// Offset of the central directory from the start of the archive.
    private(set) var centralDirectoryOffset: Int
    /// Offset of this record from the start of the file.
    let recordOffset: Int
    /// Offset where the central directory should end: this record, or the ZIP64 record before it.
    private(set) var centralDirectoryEnd: Int
    /// Whether every disk field says "one disk" (split archives are refused by `ZipInspector`).
    private(set) var isSingleDisk: Bool
    private let tailIndex: Int

    /// Finds the record that ends exactly at the end of the file (its comment length says so) and whose central
    /// directory fits inside the file before it. Returns nil when there is none.
    ///
    /// - Parameters:
    ///   - tail: the last bytes of the file (see `tailCapacity`).
    ///   - fileSize: the size of the whole file, to turn positions in `tail` into file offsets.
    static func locate(in tail: [UInt8], fileSize: Int) -> EndOfCentralDirectory? {
        guard tail.count >= recordSize, fileSize >= tail.count else { return nil }
        let lowest = max(0, tail.count - searchWindow)
        for index in stride(from: tail.count - recordSize, through: lowest, by: -1) {
            guard ZipSignature(tail, at: index) == .endOfCentralDirectory,
                index + recordSize + tail.littleEndian(at: index + 20, size: 2) == tail.count
            else { continue }
            let entryCount = tail.littleEndian(at: index + 10, size: 2)
            let record = EndOfCentralDirectory(
                entryCount: entryCount,
                centralDirectorySize: tail.littleEndian(at: index + 12, size: 4),
                centralDirectoryOffset: tail.littleEndian(at: index + 16, size: 4),
                recordOffset: fileSize - tail.count + index,
                centralDirectoryEnd: fileSize - tail.count + index,
                isSingleDisk: tail.littleEndian(at: index + 4, size: 4) == 0  // this disk, the central directory's
                    && tail.littleEndian(at: index + 8, size: 2) == entryCount,  // entries on this disk
                tailIndex: index
            )
            // Both fields are 32-bit values here, so the sum cannot overflow.
            if record.needsZip64
                || record.centralDirectoryOffset + record.centralDirectorySize <= record.recordOffset
            {
                return record
            }
        }
        return nil
    }

    /// Whether a field is saturated, meaning the real value is in the ZIP64 record.
    private var needsZip64: Bool {
        entryCount == 0xFFFF || centralDirectorySize == 0xFFFF_FFFF || centralDirectoryOffset == 0xFFFF_FFFF
    }

    /// Replaces the fields with those of the ZIP64 record when a ZIP64 locator precedes this record.
    /// Returns nil when ZIP64 values are needed but cannot be found in `tail`, when the ZIP64 record does not end
    /// right at the locator, or when a field that is not saturated disagrees with its ZIP64 counterpart.
    func resolvingZip64(in tail: [UInt8], fileSize: Int) -> EndOfCentralDirectory? {
        let locator = tailIndex - Self.zip64LocatorSize
        guard ZipSignature(tail, at: locator) == .zip64Locator else { return needsZip64 ? nil : self }
        let tailStart = fileSize - tail.count
        let recordOffset = tail.littleEndian(at: locator + 8, size: 8)
        guard tailStart >= 0, recordOffset >= tailStart else { return nil }
        let recordIndex = recordOffset - tailStart
        guard recordIndex <= locator - Self.zip64RecordSize,
            ZipSignature(tail, at: recordIndex) == .zip64EndOfCentralDirectory,
            // The record's own size field counts what follows it: it must end where the locator starts.
            tail.littleEndian(at: recordIndex + 4, size: 8) == locator - recordIndex - 12
        else { return nil }
        var resolved = self
        resolved.entryCount = tail.littleEndian(at: recordIndex + 32, size: 8)
        resolved.centralDirectorySize = tail.littleEndian(at: recordIndex + 40, size: 8)
        resolved.centralDirectoryOffset = tail.littleEndian(at: recordIndex + 48, size: 8)
        resolved.centralDirectoryEnd = recordOffset
        resolved.isSingleDisk =
            isSingleDisk
            && tail.littleEndian(at: recordIndex + 16, size: 8) == 0  // this disk, the central directory's disk
            && tail.littleEndian(at: recordIndex + 24, size: 8) == resolved.entryCount  // entries on this disk
            && tail.littleEndian(at: locator + 4, size: 4) == 0  // the ZIP64 record's disk
            && tail.littleEndian(at: locator + 16, size: 4) <= 1  // total disks (some writers put 0)
        guard Self.agrees(entryCount, resolved.entryCount, saturated: 0xFFFF),
            Self.agrees(centralDirectorySize, resolved.centralDirectorySize, saturated: 0xFFFF_FFFF),
            Self.agrees(centralDirectoryOffset, resolved.centralDirectoryOffset, saturated: 0xFFFF_FFFF)
        else { return nil }
        return resolved
    }

    /// A classic field either says "see ZIP64" or holds the same value, so that no reader sees another archive.
    private static func agrees(_ classic: Int, _ zip64: Int, saturated: Int) -> Bool {
        classic == saturated || classic == zip64
    }

    /// Whether the central directory, as this record describes it, is exactly `start..<end` and holds `entries`
    /// entries. Computed without overflow whatever the fields hold.
    func describesCentralDirectory(start: Int, end: Int, entries: Int) -> Bool {
        entryCount == entries && centralDirectoryOffset == start && centralDirectoryEnd == end
            && centralDirectorySize == end - start
    }
}
