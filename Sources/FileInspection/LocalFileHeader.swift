/// The header that precedes each entry's data in a ZIP archive, and the data descriptor that may follow it.
///
/// Only what streaming needs is kept. Declared sizes are used to know where stored data ends and are cross-checked
/// against what decompression really produced; they are never trusted for limits.
struct LocalFileHeader: Sendable {
    /// Size of the header before the name and extra field.
    static let fixedSize = 30
    /// Longest entry name accepted; real names are far shorter.
    static let maxNameLength = 1024
    /// The value of a 32-bit size field whose real value is in the ZIP64 extra field.
    private static let saturated = 0xFFFF_FFFF

    let name: ArchiveEntryName
    let flags: Int
    let method: Int
    let compressedSize: Int
    let uncompressedSize: Int
    /// Whether a ZIP64 extra field is present, which makes the data descriptor's sizes 8 bytes wide.
    let isZip64: Bool

    /// General purpose flag bit 0.
    var isEncrypted: Bool { flags & 0x1 != 0 }
    /// General purpose flag bit 3: sizes follow the data in a data descriptor.
    var hasDataDescriptor: Bool { flags & 0x8 != 0 }

    /// How many bytes of header are needed, given those read so far: the signature, then the fixed part, then the
    /// name and extra field whose lengths the fixed part gives.
    static func requiredLength(after prefix: [UInt8]) throws -> Int {
        if prefix.count < 4 { return 4 }
        if prefix.count < fixedSize { return fixedSize }
        let nameLength = prefix.littleEndian(at: 26, size: 2)
        guard nameLength > 0 else { throw InspectionError.archiveMalformed("an entry has no name") }
        guard nameLength <= maxNameLength else {
            throw InspectionError.archiveMalformed("an entry name is longer than \(maxNameLength) bytes")
        }
        return fixedSize + nameLength + prefix.littleEndian(at: 28, size: 2)
    }

    /// Parses a complete header (`requiredLength` bytes, starting with the signature).
    init(_ bytes: [UInt8]) throws {
        let nameLength = bytes.littleEndian(at: 26, size: 2)
        name = try ArchiveEntryName(Array(bytes[Self.fixedSize..<Self.fixedSize + nameLength]))
        flags = bytes.littleEndian(at: 6, size: 2)
        method = bytes.littleEndian(at: 8, size: 2)
        var compressed = bytes.littleEndian(at: 18, size: 4)
        var uncompressed = bytes.littleEndian(at: 22, size: 4)
        var zip64 = false
        let extra = bytes[(Self.fixedSize + nameLength)...]
        var offset = 0
        while offset + 4 <= extra.count {
            let size = extra.littleEndian(at: offset + 2, size: 2)
            let data = extra.dropFirst(offset + 4).prefix(size)
            if extra.littleEndian(at: offset, size: 2) == 0x0001 {
                zip64 = true
                // A local header's ZIP64 field holds both sizes; tolerate writers that store only saturated ones.
                var field = 0
                if uncompressed == Self.saturated || data.count >= 16, data.count >= field + 8 {
                    uncompressed = data.littleEndian(at: field, size: 8)
                    field += 8
                }
                if compressed == Self.saturated || data.count >= 16, data.count >= field + 8 {
                    compressed = data.littleEndian(at: field, size: 8)
                }
            }
            offset += 4 + size
        }
        (compressedSize, uncompressedSize, isZip64) = (compressed, uncompressed, zip64)
    }

    /// Checks the sizes the header (or its data descriptor) declared against what the data really was.
    func requireSizes(compressed: Int, uncompressed: Int, declared: (compressed: Int, uncompressed: Int)) throws {
        guard declared.compressed == compressed, declared.uncompressed == uncompressed else {
            throw InspectionError.archiveMalformed("the sizes declared for entry \"\(name.display)\" are wrong")
        }
    }

    /// How many bytes of data descriptor are needed, given those read so far (its signature is optional).
    func descriptorLength(after prefix: [UInt8]) -> Int {
        guard prefix.count >= 4 else { return 4 }
        let signature = ZipSignature(prefix) == .dataDescriptor ? 4 : 0
        return signature + 4 + (isZip64 ? 16 : 8)
    }

    /// The sizes recorded in a complete data descriptor.
    func descriptorSizes(in bytes: [UInt8]) -> (compressed: Int, uncompressed: Int) {
        let width = isZip64 ? 8 : 4
        let start = (ZipSignature(bytes) == .dataDescriptor ? 4 : 0) + 4
        return (bytes.littleEndian(at: start, size: width), bytes.littleEndian(at: start + width, size: width))
    }
}
