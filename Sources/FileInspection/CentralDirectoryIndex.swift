/// The entries found by streaming through an archive's local headers, and the check that its central directory
/// describes exactly those entries.
///
/// Every central record must point at the start of a local entry and agree with it (name, method, encryption and
/// UTF-8 flags, CRC-32, and the sizes the data really had); no two records may point at the same entry, and no
/// entry may be left out. Since local entries are read one after the other, entries that overlap (the trick behind
/// small archives that expand to gigabytes, "322 KB describing 962 MiB") or hide inside another entry's data cannot
/// be listed. Totals the central directory declares are checked against `ArchiveLimits` as they are read.
///
/// Memory: one summary per entry, at most `ArchiveLimits.maxEntries` of them, each with its name (at most
/// `LocalFileHeader.maxNameLength` bytes), so about 5 MiB in the worst case with the default limits.
struct CentralDirectoryIndex: Sendable {
    /// What a streaming reader learned about one entry.
    struct LocalEntry: Sendable {
        let offset: Int
        /// The name's bytes, compared byte for byte with the central record's.
        let name: [UInt8]
        /// The names of Unicode path fields, which must be the same in the central record.
        let alternateNames: [[UInt8]]
        let flags: Int
        let method: Int
        let crc: Int
        let compressedSize: Int
        let uncompressedSize: Int
    }

    /// Flags whose meaning must be the same in both headers: encryption and UTF-8 names.
    private static let comparedFlags = 0x0801

    /// Local entries in the order (and so the offsets) they were read.
    private var entries: [LocalEntry] = []
    /// Hashes of the lowercased names. `Hasher` is seeded randomly per process, so an archive cannot be built to
    /// make two different names collide; a chance collision (about n²/2⁶⁵) would only refuse a harmless file.
    private var nameHashes: Set<Int> = []
    private var listed: [Bool] = []
    /// The number of central directory records read.
    private(set) var recordCount = 0
    private var declaredBytes = 0

    /// The number of local entries.
    var entryCount: Int { entries.count }

    /// Refuses a second entry with the same name (compared as OOXML compares part names, ignoring case): readers
    /// disagree about which of the two they use.
    mutating func reserveName(_ name: ArchiveEntryName) throws {
        guard nameHashes.insert(name.normalized.hashValue).inserted else {
            throw InspectionError.archiveMalformed("the archive contains entry \"\(name.display)\" twice")
        }
    }

    /// Records a local entry once its data and data descriptor have been read.
    mutating func append(_ entry: LocalEntry) {
        entries.append(entry)
        listed.append(false)
    }

    /// Checks one central directory record against the limits and against the local entry it points to.
    mutating func check(_ record: CentralDirectoryRecord, limits: ArchiveLimits) throws {
        recordCount += 1
        guard recordCount <= limits.maxEntries else {
            throw InspectionError.archiveTooManyEntries(limit: limits.maxEntries)
        }
        let (total, overflow) = declaredBytes.addingReportingOverflow(record.uncompressedSize)
        guard !overflow, total <= limits.maxExpandedBytes else {
            throw InspectionError.archiveTooLarge(limit: limits.maxExpandedBytes)
        }
        declaredBytes = total
        let name = record.name.display
        guard record.diskStart == 0 else {
            throw InspectionError.archiveMalformed("entry \"\(name)\" is on another disk of a split archive")
        }
        guard let index = entryIndex(at: record.localHeaderOffset) else {
            throw InspectionError.archiveMalformed(
                "the central directory points entry \"\(name)\" at offset \(record.localHeaderOffset), where no entry starts"
            )
        }
        guard !listed[index] else {
            throw InspectionError.archiveMalformed(
                "the central directory lists the entry at offset \(record.localHeaderOffset) more than once")
        }
        listed[index] = true
        let entry = entries[index]
        guard entry.name == record.name.bytes else {
            throw InspectionError.archiveMalformed(
                "the central directory calls entry \"\(Self.display(entry.name))\" \"\(name)\"")
        }
        guard entry.alternateNames == record.alternateNames.map(\.bytes) else {
            throw InspectionError.archiveMalformed(
                "the central directory gives entry \"\(name)\" another Unicode path than its local header")
        }
        guard entry.method == record.method,
            entry.flags & Self.comparedFlags == record.flags & Self.comparedFlags,
            entry.crc == record.crc,
            entry.compressedSize == record.compressedSize,
            entry.uncompressedSize == record.uncompressedSize
        else {
            throw InspectionError.archiveMalformed(
                "the central directory describes entry \"\(name)\" differently from its local header")
        }
    }

    /// Called where the central directory ends: every local entry must have been listed.
    func requireEveryEntryListed() throws {
        if let index = listed.firstIndex(of: false) {
            throw InspectionError.archiveMalformed(
                "entry \"\(Self.display(entries[index].name))\" is missing from the central directory")
        }
    }

    /// A stored name for messages (it was validated when its local header was read).
    private static func display(_ name: [UInt8]) -> String {
        (try? ArchiveEntryName(name))?.display ?? String(decoding: name.prefix(200), as: UTF8.self)
    }

    /// The index of the entry whose local header starts at `offset` (entries are sorted by offset).
    private func entryIndex(at offset: Int) -> Int? {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = low + (high - low) / 2
            if entries[middle].offset < offset { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].offset == offset ? low : nil
    }
}
