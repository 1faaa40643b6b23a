/// The four-byte signatures that start every ZIP record.
///
/// A streaming reader meets them in order: local file headers (each followed by entry data and, for streamed
/// entries, a data descriptor), then the central directory, then the end records. Anything else at a record
/// boundary means the archive is not what it claims to be.
enum ZipSignature: Int, Sendable {
    /// `PK\x03\x04`: a local file header, which starts every entry (and every ZIP file).
    case localFile = 0x0403_4B50
    /// `PK\x07\x08`: the optional signature of a data descriptor.
    case dataDescriptor = 0x0807_4B50
    /// `PK\x01\x02`: a central directory record; the entries have ended.
    case centralDirectory = 0x0201_4B50
    /// `PK\x06\x06`: the ZIP64 end of central directory record.
    case zip64EndOfCentralDirectory = 0x0606_4B50
    /// `PK\x06\x07`: the ZIP64 end of central directory locator.
    case zip64Locator = 0x0706_4B50
    /// `PK\x05\x06`: the end of central directory record (the whole file, for an empty archive).
    case endOfCentralDirectory = 0x0605_4B50

    /// Reads the signature at `offset`, or nil when the bytes are not a known signature or too short.
    init?(_ bytes: some RandomAccessCollection<UInt8>, at offset: Int = 0) {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        self.init(rawValue: bytes.littleEndian(at: offset, size: 4))
    }

    /// Whether the entries of an archive have ended when this signature appears where an entry could start.
    var endsEntries: Bool {
        switch self {
        case .centralDirectory, .zip64EndOfCentralDirectory, .endOfCentralDirectory: true
        case .localFile, .dataDescriptor, .zip64Locator: false
        }
    }
}
