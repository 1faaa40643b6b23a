/// Receives one archive entry's decompressed bytes as they are produced.
///
/// It counts them (for the ratio check at the end of the entry), watches `[Content_Types].xml` and relationship
/// parts for macro declarations, and hands an entry that is itself a ZIP archive (its data starts with
/// `PK\x03\x04`) to a nested `ZipInspector`, or refuses it when that would exceed `ArchiveLimits.maxDepth`.
struct ArchiveEntryContent: InflatedDataSink, Sendable {
    let name: ArchiveEntryName
    private let depth: Int
    private let limits: ArchiveLimits
    /// The decompressed bytes received so far.
    private(set) var expandedBytes = 0
    private var prefix: [UInt8] = []
    private var macroScanner: MacroMarkerScanner?
    /// The inspector of a nested archive: empty or one element (the array is the indirection a recursive value needs).
    private var nested: [ZipInspector] = []

    /// - Parameters:
    ///   - depth: the depth of the archive this entry belongs to (1 for the uploaded file).
    ///   - scanForMacros: whether the entry is (or is also called) a part that declares other parts.
    init(name: ArchiveEntryName, depth: Int, limits: ArchiveLimits, scanForMacros: Bool) {
        self.name = name
        self.depth = depth
        self.limits = limits
        macroScanner = scanForMacros ? MacroMarkerScanner() : nil
    }

    mutating func consume(_ bytes: Bytes, budget: inout ExpansionBudget) throws {
        expandedBytes += bytes.count  // bounded by the expansion budget
        try scanForMacros(bytes)
        var rest = bytes
        if prefix.count < 4 {
            let used = min(4 - prefix.count, rest.count)
            prefix.append(contentsOf: rest.prefix(used))
            rest = Bytes(rebasing: rest[used...])
            if ZipSignature(prefix) == .localFile { try openNestedArchive(budget: &budget) }
        }
        if !nested.isEmpty && !rest.isEmpty {
            try nested[0].consume(rest, budget: &budget)
        }
    }

    /// Ends the entry: finishes a nested archive and checks the compression ratio.
    ///
    /// - Parameter compressedBytes: the bytes the entry occupied in the archive.
    mutating func finish(compressedBytes: Int) throws {
        if !nested.isEmpty { _ = try nested[0].finish() }
        guard expandedBytes > limits.ratioThreshold else { return }
        let ratio = expandedBytes / max(compressedBytes, 1)
        if ratio > limits.maxRatio {
            throw InspectionError.archiveRatio(entry: name.display, ratio: ratio)
        }
    }

    private mutating func openNestedArchive(budget: inout ExpansionBudget) throws {
        guard depth < limits.maxDepth else { throw InspectionError.archiveTooDeep(limit: limits.maxDepth) }
        nested = [ZipInspector(limits: limits, depth: depth + 1)]
        let start = prefix
        try start.withUnsafeBytes { try nested[0].consume($0, budget: &budget) }
    }

    private mutating func scanForMacros(_ bytes: Bytes) throws {
        guard var scanner = macroScanner else { return }
        defer { macroScanner = scanner }
        for byte in bytes where scanner.consume(byte) {
            throw InspectionError.activeContent("macros (\(name.normalized) declares them)")
        }
    }
}
