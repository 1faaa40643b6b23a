import Foundation

/// Writes a ZIP archive of stored (uncompressed) files to a sink, front to back.
///
/// Entry bytes reach the sink as soon as they are added, so archives of any size can be
/// written with little memory; only a small record per entry is kept until `finish()`.
/// ZIP64 structures are added only where a size, offset or count needs them.
///
///     var writer = ZipWriter { try handle.write(contentsOf: $0) }
///     try writer.addFile(path: "hello.txt", data: Data("hi".utf8), modified: Date())
///     try writer.finish()
///
/// If the sink or a content producer throws, the archive is left incomplete and every
/// later call throws `ZipWriterError.previousWriteFailed`. A refused name throws before
/// anything is written and leaves the writer usable. Copies of a writer share the same
/// sink, so keep using a single copy.
public struct ZipWriter {
    /// What the central directory needs to know about an entry already written.
    private struct Entry {
        var name: Data
        var flags: UInt16
        var modified: DOSDateTime
        var crc32: UInt32
        var size: UInt64
        var localHeaderOffset: UInt64
    }

    private enum State {
        case open, finished, failed
    }

    private let sink: (Data) throws -> Void
    private let limits: ZipLimits
    private var offset: UInt64 = 0
    private var entries: [Entry] = []
    private var names: Set<String> = []
    private var state = State.open
    /// The file between `beginFile` and `endFile`, with its running checksum.
    private var open: (entry: Entry, crc: CRC32)?

    /// Creates a writer that passes every byte of the archive, in order, to `sink`.
    public init(sink: @escaping (Data) throws -> Void) {
        self.init(sink: sink, limits: .standard)
    }

    /// Creates a writer with custom ZIP64 thresholds.
    init(sink: @escaping (Data) throws -> Void, limits: ZipLimits) {
        self.sink = sink
        self.limits = limits
    }

    /// Adds a file whose contents are already in memory.
    ///
    /// - Parameters:
    ///   - path: A relative path with `/` separators, such as `docs/readme.txt`.
    ///   - data: The file contents.
    ///   - modified: The modification time, stored as an MS-DOS timestamp in UTC.
    public mutating func addFile(path: String, data: Data, modified: Date) throws {
        let name = try register(path)
        do {
            let size = UInt64(data.count)
            let entry = Entry(
                name: name, flags: ZipFlags.utf8Name, modified: DOSDateTime(modified),
                crc32: CRC32.checksum(data), size: size, localHeaderOffset: offset)
            let zip64Sizes = limits.needsZip64(size)
            let header = LocalFileHeader(
                versionNeeded: versionNeeded(for: entry),
                flags: entry.flags,
                modified: entry.modified,
                crc32: entry.crc32,
                compressedSize: zip64Sizes ? zip64Marker32 : UInt32(size),
                uncompressedSize: zip64Sizes ? zip64Marker32 : UInt32(size),
                name: name,
                // A local ZIP64 field must carry both sizes.
                extra: zip64Sizes ? Zip64ExtraField(values: [size, size]).encoded() : Data())
            try emit(header.encoded())
            try emit(data)
            entries.append(entry)
        } catch {
            state = .failed
            throw error
        }
    }

    /// Adds a file whose contents arrive in chunks of unknown total size.
    ///
    /// `chunks` is called once with a `write` function and should pass it the contents
    /// piece by piece; each piece goes straight to the sink. The CRC-32 and size are
    /// written afterwards in a data descriptor (general purpose bit 3).
    ///
    ///     try writer.addFile(path: "log.txt", modified: Date()) { write in
    ///         while let block = try source.nextBlock() { try write(block) }
    ///     }
    ///
    /// Because the size is unknown when the local header is written, that header never has
    /// a ZIP64 field; if the entry reaches 4 GiB the descriptor uses 8-byte sizes and the
    /// central directory a ZIP64 field, as Java's and Go's writers do.
    public mutating func addFile(
        path: String,
        modified: Date,
        chunks: (_ write: (Data) throws -> Void) throws -> Void
    ) throws {
        try beginFile(path: path, modified: modified)
        do {
            try chunks { chunk in try write(chunk) }
        } catch {
            state = .failed
            throw error
        }
        try endFile()
    }

    /// Starts a file whose contents are then passed to `write(_:)` piece by piece (they may arrive
    /// asynchronously, between suspension points) and closed with `endFile()`. While it is open,
    /// no other file can be added and the archive cannot be finished.
    public mutating func beginFile(path: String, modified: Date) throws {
        let name = try register(path)
        do {
            let entry = Entry(
                name: name, flags: ZipFlags.utf8Name | ZipFlags.dataDescriptor,
                modified: DOSDateTime(modified), crc32: 0, size: 0, localHeaderOffset: offset)
            let header = LocalFileHeader(
                versionNeeded: versionNeeded(for: entry),
                flags: entry.flags,
                modified: entry.modified,
                crc32: 0, compressedSize: 0, uncompressedSize: 0,  // in the data descriptor
                name: name,
                extra: Data())
            try emit(header.encoded())
            open = (entry, CRC32())
        } catch {
            state = .failed
            throw error
        }
    }

    /// Appends a piece of the file started with `beginFile`.
    public mutating func write(_ chunk: Data) throws {
        try ensureOpen()
        guard var file = open else { throw ZipWriterError.noOpenFile }
        guard !chunk.isEmpty else { return }
        do {
            file.crc.update(chunk)
            file.entry.size += UInt64(chunk.count)
            open = file
            try emit(chunk)
        } catch {
            state = .failed
            throw error
        }
    }

    /// Closes the file started with `beginFile`: its CRC-32 and size follow in a data descriptor.
    public mutating func endFile() throws {
        try ensureOpen()
        guard var file = open else { throw ZipWriterError.noOpenFile }
        do {
            file.entry.crc32 = file.crc.value
            let descriptor = DataDescriptor(
                crc32: file.entry.crc32, size: file.entry.size, zip64: limits.needsZip64(file.entry.size))
            try emit(descriptor.encoded())
            entries.append(file.entry)
            open = nil
        } catch {
            state = .failed
            throw error
        }
    }

    /// Writes the central directory and end records. Nothing can be added afterwards.
    public mutating func finish() throws {
        try ensureOpen()
        guard open == nil else { throw ZipWriterError.fileStillOpen }
        do {
            let directoryOffset = offset
            var buffer = Data()
            for entry in entries {
                buffer.append(centralDirectoryHeader(for: entry).encoded())
                if buffer.count >= 1 << 16 {
                    try emit(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try emit(buffer)
            let directorySize = offset - directoryOffset

            let countNeedsZip64 = limits.needsZip64(entryCount: entries.count)
            let sizeNeedsZip64 = limits.needsZip64(directorySize)
            let offsetNeedsZip64 = limits.needsZip64(directoryOffset)
            if countNeedsZip64 || sizeNeedsZip64 || offsetNeedsZip64 {
                let recordOffset = offset
                let record = Zip64EndOfCentralDirectory(
                    entryCount: UInt64(entries.count),
                    directorySize: directorySize,
                    directoryOffset: directoryOffset)
                try emit(record.encoded())
                try emit(Zip64EndOfCentralDirectoryLocator(recordOffset: recordOffset).encoded())
            }
            let end = EndOfCentralDirectory(
                entryCount: countNeedsZip64 ? zip64Marker16 : UInt16(entries.count),
                directorySize: sizeNeedsZip64 ? zip64Marker32 : UInt32(directorySize),
                directoryOffset: offsetNeedsZip64 ? zip64Marker32 : UInt32(directoryOffset))
            try emit(end.encoded())
            state = .finished
        } catch {
            state = .failed
            throw error
        }
    }

    // MARK: - Helpers

    /// Checks the writer is open and `path` is an acceptable new name; returns its UTF-8 bytes.
    ///
    /// Names are compared as Swift strings, so canonically equivalent spellings
    /// (such as precomposed and decomposed "é") count as duplicates.
    private mutating func register(_ path: String) throws -> Data {
        try ensureOpen()
        guard open == nil else { throw ZipWriterError.fileStillOpen }
        let bytes = try EntryName.validatedBytes(path)
        guard names.insert(path).inserted else { throw ZipWriterError.duplicateName(path) }
        return bytes
    }

    private func ensureOpen() throws {
        switch state {
        case .open: return
        case .finished: throw ZipWriterError.alreadyFinished
        case .failed: throw ZipWriterError.previousWriteFailed
        }
    }

    /// Sends bytes to the sink and advances the archive offset.
    private mutating func emit(_ data: Data) throws {
        guard !data.isEmpty else { return }
        try sink(data)
        offset += UInt64(data.count)
    }

    private func versionNeeded(for entry: Entry) -> UInt16 {
        limits.needsZip64(entry.size) || limits.needsZip64(entry.localHeaderOffset)
            ? ZipVersion.zip64 : ZipVersion.standard
    }

    private func centralDirectoryHeader(for entry: Entry) -> CentralDirectoryHeader {
        let zip64Sizes = limits.needsZip64(entry.size)
        let zip64Offset = limits.needsZip64(entry.localHeaderOffset)
        var zip64Values: [UInt64] = []
        if zip64Sizes { zip64Values += [entry.size, entry.size] }
        if zip64Offset { zip64Values.append(entry.localHeaderOffset) }
        return CentralDirectoryHeader(
            versionNeeded: versionNeeded(for: entry),
            flags: entry.flags,
            modified: entry.modified,
            crc32: entry.crc32,
            compressedSize: zip64Sizes ? zip64Marker32 : UInt32(entry.size),
            uncompressedSize: zip64Sizes ? zip64Marker32 : UInt32(entry.size),
            name: entry.name,
            extra: zip64Values.isEmpty ? Data() : Zip64ExtraField(values: zip64Values).encoded(),
            localHeaderOffset: zip64Offset ? zip64Marker32 : UInt32(entry.localHeaderOffset))
    }
}
