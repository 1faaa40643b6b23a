/// The header that precedes each entry's data in a ZIP archive, and the data descriptor that may follow it.
///
/// Only what streaming and the central directory comparison need is kept. Declared sizes are used to know where
/// stored data ends and are cross-checked against what decompression really produced; they are never trusted for
/// limits.
struct LocalFileHeader: Sendable {
    /// Size of the header before the name and extra field.
    static let fixedSize = 30
    /// Longest entry name accepted; real names are far shorter.
    static let maxNameLength = 1024
    /// The value of a 32-bit size field whose real value is in the ZIP64 extra field.
    static let saturated = 0xFFFF_FFFF
    /// General purpose flags that make an entry unreadable without a key: encryption (bit 0), strong encryption
    /// (bit 6) and a masked local header (bit 13).
    static let encryptionFlags = 0x2041

    let name: ArchiveEntryName
    /// Names a Unicode path extra field gives the entry (readers that understand the field use it instead).
    let alternateNames: [ArchiveEntryName]
    let flags: Int
    let method: Int
    /// The CRC-32 the header declares (zero when a data descriptor follows the data).
    let crc: Int
    let compressedSize: Int
    let uncompressedSize: Int
    /// Whether a ZIP64 extra field is present, which makes the data descriptor's sizes 8 bytes wide.
    let isZip64: Bool

    var isEncrypted: Bool { flags & Self.encryptionFlags != 0 }
    /// General purpose flag bit 3: sizes follow the data in a data descriptor.
    var hasDataDescriptor: Bool { flags & 0x8 != 0 }

    /// How many bytes of header are needed, given those read so far: the signature, then the fixed part, then the
    /// name and extra field whose lengths the fixed part gives.
    static func requiredLength(after prefix: [UInt8]) throws -> Int {
        if prefix.count < 4 { return 4 }
        if prefix.count < fixedSize { return fixedSize }
        let nameLength = try checkedNameLength(prefix.littleEndian(at: 26, size: 2))
        return fixedSize + nameLength + prefix.littleEndian(at: 28, size: 2)
    }

    /// Refuses empty and overlong names (shared with the central directory).
    static func checkedNameLength(_ length: Int) throws -> Int {
        guard length > 0 else { throw InspectionError.archiveMalformed("an entry has no name") }
        guard length <= maxNameLength else {
            throw InspectionError.archiveMalformed("an entry name is longer than \(maxNameLength) bytes")
        }
        return length
    }

    /// Parses a complete header (`requiredLength` bytes, starting with the signature).
    init(_ bytes: [UInt8]) throws {
        let nameLength = bytes.littleEndian(at: 26, size: 2)
        let name = try ArchiveEntryName(Array(bytes[Self.fixedSize..<Self.fixedSize + nameLength]))
        self.name = name
        flags = bytes.littleEndian(at: 6, size: 2)
        method = bytes.littleEndian(at: 8, size: 2)
        crc = bytes.littleEndian(at: 14, size: 4)
        var compressed = bytes.littleEndian(at: 18, size: 4)
        var uncompressed = bytes.littleEndian(at: 22, size: 4)
        var zip64 = false
        var alternates: [ArchiveEntryName] = []
        try ZipExtraField.forEach(in: bytes[(Self.fixedSize + nameLength)...]) { id, data in
            switch id {
            case ZipExtraField.zip64:
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
            case ZipExtraField.unicodePath:
                alternates.append(try ZipExtraField.unicodePathName(data, entry: name.display))
            default:
                break
            }
        }
        (compressedSize, uncompressedSize, isZip64, alternateNames) = (compressed, uncompressed, zip64, alternates)
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

    /// The CRC-32 and sizes recorded in a complete data descriptor.
    func descriptorFields(in bytes: [UInt8]) -> (crc: Int, compressed: Int, uncompressed: Int) {
        let width = isZip64 ? 8 : 4
        let start = ZipSignature(bytes) == .dataDescriptor ? 4 : 0
        return (
            bytes.littleEndian(at: start, size: 4), bytes.littleEndian(at: start + 4, size: width),
            bytes.littleEndian(at: start + 4 + width, size: width)
        )
    }
}
