/// The ZIP "end of central directory" record (with its ZIP64 extension), found among the last bytes of a file.
///
/// Archive readers find a ZIP from its end, so this record is what makes a file "a ZIP" to them. It is used both to
/// verify real archives (entry count, central directory position) and to spot other files that secretly end with an
/// archive, such as a JPEG with a ZIP appended (a polyglot).
struct EndOfCentralDirectory: Equatable, Sendable {
    /// Size of the record without its comment.
    static let recordSize = 22
    /// The record plus the longest possible comment: where readers search for it.
    static let searchWindow = recordSize + 65_535
    /// Bytes to keep from the end of a file: the search window plus the ZIP64 locator (20) and record (56).
    static let tailCapacity = searchWindow + 20 + 56

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
    private let tailIndex: Int

    /// Finds the record that ends exactly at the end of the file (its comment length says so) and whose central
    /// directory fits inside the file before it. Returns nil when there is none.
    ///
    /// - Parameters:
    ///   - tail: the last bytes of the file (see `tailCapacity`).
    ///   - fileSize: the size of the whole file, to turn positions in `tail` into file offsets.
    static func locate(in tail: [UInt8], fileSize: Int) -> EndOfCentralDirectory? {
        guard tail.count >= recordSize else { return nil }
        let lowest = max(0, tail.count - searchWindow)
        for index in stride(from: tail.count - recordSize, through: lowest, by: -1) {
            guard ZipSignature(tail, at: index) == .endOfCentralDirectory,
                  index + recordSize + tail.littleEndian(at: index + 20, size: 2) == tail.count
            else { continue }
            let record = EndOfCentralDirectory(
                entryCount: tail.littleEndian(at: index + 10, size: 2),
                centralDirectorySize: tail.littleEndian(at: index + 12, size: 4),
                centralDirectoryOffset: tail.littleEndian(at: index + 16, size: 4),
                recordOffset: fileSize - tail.count + index,
                centralDirectoryEnd: fileSize - tail.count + index,
                tailIndex: index
            )
            if record.needsZip64
                || record.centralDirectoryOffset + record.centralDirectorySize <= record.recordOffset {
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
    /// Returns nil when ZIP64 values are needed but cannot be found in `tail`.
    func resolvingZip64(in tail: [UInt8], fileSize: Int) -> EndOfCentralDirectory? {
        let locator = tailIndex - 20
        guard ZipSignature(tail, at: locator) == .zip64Locator else { return needsZip64 ? nil : self }
        let recordIndex = tail.littleEndian(at: locator + 8, size: 8) - (fileSize - tail.count)
        guard recordIndex >= 0, recordIndex + 56 <= locator,
              ZipSignature(tail, at: recordIndex) == .zip64EndOfCentralDirectory
        else { return nil }
        var resolved = self
        resolved.entryCount = tail.littleEndian(at: recordIndex + 32, size: 8)
        resolved.centralDirectorySize = tail.littleEndian(at: recordIndex + 40, size: 8)
        resolved.centralDirectoryOffset = tail.littleEndian(at: recordIndex + 48, size: 8)
        resolved.centralDirectoryEnd = fileSize - tail.count + recordIndex
        return resolved
    }
}
