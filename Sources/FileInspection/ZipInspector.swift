/// Inspects a ZIP archive (including DOCX, XLSX and PPTX) as it streams in, never holding an entry in memory.
///
/// Local file headers are parsed in order and every entry is decompressed to count what it really expands to.
/// Declared sizes are never trusted for limits, only cross-checked. Then the central directory is read record by
/// record and must describe exactly the entries seen (`CentralDirectoryIndex`), and at `finish()` its end record,
/// read from a bounded tail window, must point at that central directory. So an archive cannot show one set of
/// files to a streaming reader and another to a normal one: no hidden or renamed entries, no entries that overlap.
/// Entries that are archives themselves are inspected by a nested `ZipInspector` at `depth + 1`.
struct ZipInspector: Sendable {
    private enum State: Sendable {
        /// A local header, or the signature that ends the entries.
        case header
        case stored(remaining: Int)
        case deflated
        case descriptor
        /// A central directory record (without its comment), or the signature that ends the central directory.
        case centralRecord
        case centralComment(remaining: Int)
        /// The end records, checked at `finish()` from the tail window.
        case end
    }

    private let limits: ArchiveLimits
    private let depth: Int
    private var state = State.header
    /// Bytes of a header, central record or data descriptor read so far (bounded by their size limits).
    private var pending: [UInt8] = []
    /// The number of archive bytes consumed.
    private var position = 0
    private var recordStart = 0
    private var tail = TailWindow(capacity: EndOfCentralDirectory.tailCapacity)
    private var index = CentralDirectoryIndex()
    private var centralDirectoryStart: Int?
    private var centralDirectoryEnd: Int?
    private var parts = OOXMLParts()
    private var header: LocalFileHeader?
    private var entryOffset = 0
    private var inflater: Inflater?
    private var content: ArchiveEntryContent?
    private var entrySizes = (compressed: 0, uncompressed: 0)

    /// - Parameter depth: 1 for the uploaded file, 2 for an archive inside it, and so on.
    init(limits: ArchiveLimits, depth: Int = 1) {
        self.limits = limits
        self.depth = depth
    }

    /// Feeds the next bytes of the archive.
    mutating func consume(_ bytes: Bytes, budget: inout ExpansionBudget) throws {
        tail.append(bytes)
        var offset = 0
        while offset < bytes.count {
            let rest = Bytes(rebasing: bytes[offset...])
            let used =
                switch state {
                case .header: try consumeHeader(rest)
                case .stored(let remaining): try consumeStored(rest, remaining: remaining, budget: &budget)
                case .deflated: try consumeDeflated(rest, budget: &budget)
                case .descriptor: try consumeDescriptor(rest)
                case .centralRecord: try consumeCentralRecord(rest)
                case .centralComment(let remaining): consumeComment(rest, remaining: remaining)
                case .end: try consumeEnd(rest)
                }
            offset += used
            position += used
        }
    }

    /// Checks the end of the archive and returns its type (DOCX, XLSX, PPTX, or plain ZIP).
    mutating func finish() throws -> DetectedType {
        switch state {
        case .end: break
        case .centralRecord, .centralComment:
            throw InspectionError.archiveMalformed("the archive ends inside its central directory")
        default:
            throw InspectionError.archiveMalformed("the archive ends before its central directory")
        }
        let tailBytes = tail.bytes
        guard let located = EndOfCentralDirectory.locate(in: tailBytes, fileSize: position),
            let end = located.resolvingZip64(in: tailBytes, fileSize: position)
        else { throw InspectionError.archiveMalformed("there is no valid end of central directory record") }
        guard end.isSingleDisk else {
            throw InspectionError.archiveMalformed("the archive is split over several disks")
        }
        guard end.entryCount == index.recordCount else {
            throw InspectionError.archiveMalformed(
                "the end record lists \(end.entryCount) entries but the central directory has \(index.recordCount)")
        }
        guard let start = centralDirectoryStart, let stop = centralDirectoryEnd,
            end.describesCentralDirectory(start: start, end: stop, entries: index.recordCount)
        else { throw InspectionError.archiveMalformed("the central directory is not where the entries end") }
        return parts.detectedType
    }

    // MARK: Local entries

    private mutating func consumeHeader(_ bytes: Bytes) throws -> Int {
        if pending.isEmpty { recordStart = position }
        let target = try LocalFileHeader.requiredLength(after: pending)
        let used = fill(to: target, from: bytes)
        guard pending.count == target, target > LocalFileHeader.fixedSize || target == 4 else { return used }
        if target == 4 {
            let signature = ZipSignature(pending)
            if signature == .localFile { return used }
            guard signature?.endsEntries == true else {
                throw InspectionError.archiveMalformed("unexpected data at offset \(recordStart)")
            }
            centralDirectoryStart = recordStart
            // The signature is the start of the first central record, or of the end records (no entries).
            state = .centralRecord
            try endCentralDirectoryIfNeeded(signature)
            if case .centralRecord = state { return used }
        } else {
            entryOffset = recordStart
            try startEntry(LocalFileHeader(pending))
        }
        pending.removeAll(keepingCapacity: true)
        return used
    }

    private mutating func startEntry(_ header: LocalFileHeader) throws {
        let name = header.name
        guard index.entryCount < limits.maxEntries else {
            throw InspectionError.archiveTooManyEntries(limit: limits.maxEntries)
        }
        guard !header.isEncrypted else {
            throw InspectionError.archiveMalformed("entry \"\(name.display)\" is encrypted and cannot be checked")
        }
        for candidate in [name] + header.alternateNames where OOXMLParts.isMacroProject(candidate) {
            throw InspectionError.activeContent("macros (\(candidate.display))")
        }
        try index.reserveName(name)
        for alternate in header.alternateNames where alternate.normalized != name.normalized {
            try index.reserveName(alternate)
        }
        if depth == 1 { parts.record(name) }
        self.header = header
        let declaresParts = ([name] + header.alternateNames).contains(where: OOXMLParts.declaresParts)
        content = ArchiveEntryContent(name: name, depth: depth, limits: limits, scanForMacros: declaresParts)
        entrySizes = (0, 0)
        switch header.method {
        case 0 where header.hasDataDescriptor:
            throw InspectionError.archiveMalformed("stored entry \"\(name.display)\" does not declare its size")
        case 0:
            state = .stored(remaining: header.compressedSize)
            if header.compressedSize == 0 { try finishEntry() }
        case 8:
            inflater = Inflater(format: .rawDeflate)
            state = .deflated
        default:
            throw InspectionError.archiveMalformed(
                "entry \"\(name.display)\" uses unsupported compression method \(header.method)")
        }
    }

    private mutating func consumeStored(_ bytes: Bytes, remaining: Int, budget: inout ExpansionBudget) throws -> Int {
        let used = min(remaining, bytes.count)
        entrySizes.compressed += used
        state = .stored(remaining: remaining - used)
        try withContent { try budget.spend(Bytes(rebasing: bytes.prefix(used)), on: &$0) }
        if remaining == used { try finishEntry() }
        return used
    }

    private mutating func consumeDeflated(_ bytes: Bytes, budget: inout ExpansionBudget) throws -> Int {
        guard var inflater, let name = content?.name else { return bytes.count }
        self.inflater = nil  // keeps the zlib stream uniquely referenced while it inflates
        let used: Int
        do {
            used = try withContent { try inflater.inflate(bytes, into: &$0, budget: &budget) }
        } catch let failure as Inflater.Failure {
            throw InspectionError.archiveMalformed(
                "entry \"\(name.display)\" has corrupt compressed data (\(failure.reason))")
        }
        self.inflater = inflater
        entrySizes.compressed += used
        if inflater.isFinished { try finishEntry() }
        return used
    }

    /// Runs `work` on the current entry's content, moved out of `self` so that it is not copied.
    private mutating func withContent<T>(_ work: (inout ArchiveEntryContent) throws -> T) throws -> T {
        guard var current = content else {
            throw InspectionError.archiveMalformed("entry data without a header at offset \(position)")
        }
        content = nil
        defer { content = current }
        return try work(&current)
    }

    private mutating func finishEntry() throws {
        guard let header, var content else { return }
        entrySizes.uncompressed = content.expandedBytes
        try content.finish(compressedBytes: entrySizes.compressed)
        self.content = nil
        inflater = nil
        if header.hasDataDescriptor {
            state = .descriptor
        } else {
            try header.requireSizes(
                compressed: entrySizes.compressed, uncompressed: entrySizes.uncompressed,
                declared: (header.compressedSize, header.uncompressedSize))
            recordEntry(header, crc: header.crc)
        }
    }

    private mutating func consumeDescriptor(_ bytes: Bytes) throws -> Int {
        guard let header else { return bytes.count }
        let target = header.descriptorLength(after: pending)
        let used = fill(to: target, from: bytes)
        guard pending.count == target, target > 4 else { return used }
        let fields = header.descriptorFields(in: pending)
        try header.requireSizes(
            compressed: entrySizes.compressed, uncompressed: entrySizes.uncompressed,
            declared: (fields.compressed, fields.uncompressed))
        pending.removeAll(keepingCapacity: true)
        recordEntry(header, crc: fields.crc)
        return used
    }

    /// Remembers a finished entry for the central directory check and expects the next header.
    private mutating func recordEntry(_ header: LocalFileHeader, crc: Int) {
        index.append(
            CentralDirectoryIndex.LocalEntry(
                offset: entryOffset, name: header.name.bytes, alternateNames: header.alternateNames.map(\.bytes),
                flags: header.flags, method: header.method, crc: crc,
                compressedSize: entrySizes.compressed, uncompressedSize: entrySizes.uncompressed))
        self.header = nil
        state = .header
    }

    // MARK: Central directory

    private mutating func consumeCentralRecord(_ bytes: Bytes) throws -> Int {
        if pending.isEmpty { recordStart = position }
        let target = try CentralDirectoryRecord.requiredLength(after: pending)
        let used = fill(to: target, from: bytes)
        guard pending.count == target, target > CentralDirectoryRecord.fixedSize || target == 4 else { return used }
        if target == 4 {
            let signature = ZipSignature(pending)
            guard signature == .centralDirectory else {
                try endCentralDirectoryIfNeeded(signature)
                if case .end = state {
                    pending.removeAll(keepingCapacity: true)
                    return used
                }
                throw InspectionError.archiveMalformed(
                    "unexpected data in the central directory at offset \(recordStart)")
            }
            return used
        }
        let record = try CentralDirectoryRecord(pending)
        pending.removeAll(keepingCapacity: true)
        for candidate in [record.name] + record.alternateNames where OOXMLParts.isMacroProject(candidate) {
            throw InspectionError.activeContent("macros (\(candidate.display))")
        }
        try index.check(record, limits: limits)
        state = record.commentLength > 0 ? .centralComment(remaining: record.commentLength) : .centralRecord
        return used
    }

    /// Ends the central directory when `signature` starts the end records.
    private mutating func endCentralDirectoryIfNeeded(_ signature: ZipSignature?) throws {
        guard signature == .zip64EndOfCentralDirectory || signature == .endOfCentralDirectory else { return }
        try index.requireEveryEntryListed()
        centralDirectoryEnd = recordStart
        state = .end
    }

    private mutating func consumeComment(_ bytes: Bytes, remaining: Int) -> Int {
        let used = min(remaining, bytes.count)
        state = remaining == used ? .centralRecord : .centralComment(remaining: remaining - used)
        return used
    }

    /// The end records sit in the tail window; more than fits there cannot be a valid ending.
    private mutating func consumeEnd(_ bytes: Bytes) throws -> Int {
        let seen = position - (centralDirectoryEnd ?? position)
        guard bytes.count <= EndOfCentralDirectory.tailCapacity - seen else {
            throw InspectionError.archiveMalformed("there is data after the central directory")
        }
        return bytes.count
    }

    /// Moves bytes into `pending` until it holds `target` bytes; returns how many were taken.
    private mutating func fill(to target: Int, from bytes: Bytes) -> Int {
        let used = min(target - pending.count, bytes.count)
        pending.append(contentsOf: bytes.prefix(used))
        return used
    }
}
