/// Inspects a ZIP archive (including DOCX, XLSX and PPTX) as it streams in, never holding an entry in memory.
///
/// Local file headers are parsed in order and every entry is decompressed to count what it really expands to.
/// Declared sizes are never trusted for limits, only cross-checked. The central directory itself is skipped; at
/// `finish()` its end record, read from a bounded tail window, must list exactly the entries seen and point where
/// they ended, so an archive cannot show one set of files to a streaming reader and another to a normal one.
/// Entries that are archives themselves are inspected by a nested `ZipInspector` at `depth + 1`.
struct ZipInspector: Sendable {
    private enum State: Sendable {
        case header
        case stored(remaining: Int)
        case deflated
        case descriptor
        case centralDirectory
    }

    private let limits: ArchiveLimits
    private let depth: Int
    private var state = State.header
    /// Bytes of a header or data descriptor read so far (bounded by the header size limits).
    private var pending: [UInt8] = []
    /// The number of archive bytes consumed.
    private var position = 0
    private var recordStart = 0
    private var tail = TailWindow(capacity: EndOfCentralDirectory.tailCapacity)
    private var entryCount = 0
    private var centralDirectoryOffset: Int?
    private var parts = OOXMLParts()
    private var header: LocalFileHeader?
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
        var index = 0
        while index < bytes.count {
            let rest = Bytes(rebasing: bytes[index...])
            let used = switch state {
            case .header: try consumeHeader(rest)
            case .stored(let remaining): try consumeStored(rest, remaining: remaining, budget: &budget)
            case .deflated: try consumeDeflated(rest, budget: &budget)
            case .descriptor: try consumeDescriptor(rest)
            case .centralDirectory: rest.count
            }
            index += used
            position += used
        }
    }

    /// Checks the end of the archive and returns its type (DOCX, XLSX, PPTX, or plain ZIP).
    mutating func finish() throws -> DetectedType {
        guard case .centralDirectory = state else {
            throw InspectionError.archiveMalformed("the archive ends before its central directory")
        }
        let tailBytes = tail.bytes
        guard let end = EndOfCentralDirectory.locate(in: tailBytes, fileSize: position)?
            .resolvingZip64(in: tailBytes, fileSize: position)
        else { throw InspectionError.archiveMalformed("there is no valid end of central directory record") }
        guard end.entryCount == entryCount else {
            throw InspectionError.archiveMalformed(
                "the central directory lists \(end.entryCount) entries but the archive contains \(entryCount)")
        }
        guard end.centralDirectoryOffset == centralDirectoryOffset,
              end.centralDirectoryOffset + end.centralDirectorySize == end.centralDirectoryEnd
        else { throw InspectionError.archiveMalformed("the central directory is not where the entries end") }
        return parts.detectedType
    }

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
            centralDirectoryOffset = recordStart
            state = .centralDirectory
        } else {
            try startEntry(LocalFileHeader(pending))
        }
        pending.removeAll(keepingCapacity: true)
        return used
    }

    private mutating func startEntry(_ header: LocalFileHeader) throws {
        let name = header.name
        entryCount += 1
        guard entryCount <= limits.maxEntries else {
            throw InspectionError.archiveTooManyEntries(limit: limits.maxEntries)
        }
        guard !header.isEncrypted else {
            throw InspectionError.archiveMalformed("entry \"\(name.display)\" is encrypted and cannot be checked")
        }
        if OOXMLParts.isMacroProject(name) { throw InspectionError.activeContent("macros (\(name.display))") }
        if depth == 1 { parts.record(name) }
        self.header = header
        content = ArchiveEntryContent(name: name, depth: depth, limits: limits)
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
        try budget.spend(Bytes(rebasing: bytes.prefix(used)), on: &content!)
        if remaining == used { try finishEntry() }
        return used
    }

    private mutating func consumeDeflated(_ bytes: Bytes, budget: inout ExpansionBudget) throws -> Int {
        let used: Int
        do {
            used = try inflater!.inflate(bytes, into: &content!, budget: &budget)
        } catch let failure as Inflater.Failure {
            throw InspectionError.archiveMalformed(
                "entry \"\(content!.name.display)\" has corrupt compressed data (\(failure.reason))")
        }
        entrySizes.compressed += used
        if inflater!.isFinished { try finishEntry() }
        return used
    }

    private mutating func finishEntry() throws {
        guard let header else { return }
        entrySizes.uncompressed = content!.expandedBytes
        try content!.finish(compressedBytes: entrySizes.compressed)
        content = nil
        inflater = nil
        if header.hasDataDescriptor {
            state = .descriptor
        } else {
            try header.requireSizes(compressed: entrySizes.compressed, uncompressed: entrySizes.uncompressed,
                                    declared: (header.compressedSize, header.uncompressedSize))
            self.header = nil
            state = .header
        }
    }

    private mutating func consumeDescriptor(_ bytes: Bytes) throws -> Int {
        let header = header!
        let target = header.descriptorLength(after: pending)
        let used = fill(to: target, from: bytes)
        guard pending.count == target, target > 4 else { return used }
        try header.requireSizes(compressed: entrySizes.compressed, uncompressed: entrySizes.uncompressed,
                                declared: header.descriptorSizes(in: pending))
        pending.removeAll(keepingCapacity: true)
        self.header = nil
        state = .header
        return used
    }

    /// Moves bytes into `pending` until it holds `target` bytes; returns how many were taken.
    private mutating func fill(to target: Int, from bytes: Bytes) -> Int {
        let used = min(target - pending.count, bytes.count)
        pending.append(contentsOf: bytes.prefix(used))
        return used
    }
}
