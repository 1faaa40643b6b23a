import Foundation

// Byte layouts of the ZIP records this module writes, following PKWARE's APPNOTE.TXT.
// Each record holds its field values; callers put 0xFFFFFFFF (or 0xFFFF) in a classic
// field when the real value lives in a ZIP64 structure.

/// General purpose flag bits.
enum ZipFlags {
    /// Bit 3: CRC-32 and sizes follow the data in a data descriptor.
    static let dataDescriptor: UInt16 = 1 << 3
    /// Bit 11: the name is UTF-8.
    static let utf8Name: UInt16 = 1 << 11
}

/// "Version needed to extract" values.
enum ZipVersion {
    /// 2.0: the common baseline for stored entries.
    static let standard: UInt16 = 20
    /// 4.5: the entry or archive uses ZIP64 extensions.
    static let zip64: UInt16 = 45
    /// "Version made by": Unix host (3) in the high byte, specification 4.5 in the low byte.
    static let madeBy: UInt16 = 3 << 8 | 45
}

/// Written in place of a value that is stored in a ZIP64 field instead.
let zip64Marker32: UInt32 = 0xFFFF_FFFF
let zip64Marker16: UInt16 = 0xFFFF

/// Header of each entry, written just before its data (signature 0x04034B50).
struct LocalFileHeader {
    var versionNeeded: UInt16
    var flags: UInt16
    var modified: DOSDateTime
    var crc32: UInt32
    var compressedSize: UInt32
    var uncompressedSize: UInt32
    var name: Data
    var extra: Data

    func encoded() -> Data {
        var out = Data(capacity: 30 + name.count + extra.count)
        out.appendLittleEndian(UInt32(0x0403_4B50))
        out.appendLittleEndian(versionNeeded)
        out.appendLittleEndian(flags)
        out.appendLittleEndian(UInt16(0))  // method: stored
        out.appendLittleEndian(modified.time)
        out.appendLittleEndian(modified.date)
        out.appendLittleEndian(crc32)
        out.appendLittleEndian(compressedSize)
        out.appendLittleEndian(uncompressedSize)
        out.appendLittleEndian(UInt16(name.count))
        out.appendLittleEndian(UInt16(extra.count))
        out.append(name)
        out.append(extra)
        return out
    }
}

/// CRC-32 and sizes written after streamed data (signature 0x08074B50).
/// Sizes are 8 bytes each when `zip64` is set, 4 bytes otherwise.
struct DataDescriptor {
    var crc32: UInt32
    var size: UInt64
    var zip64: Bool

    func encoded() -> Data {
        var out = Data(capacity: 24)
        out.appendLittleEndian(UInt32(0x0807_4B50))
        out.appendLittleEndian(crc32)
        for _ in 0..<2 {  // compressed size, then uncompressed size
            if zip64 { out.appendLittleEndian(size) } else { out.appendLittleEndian(UInt32(size)) }
        }
        return out
    }
}

/// One entry's record in the central directory (signature 0x02014B50).
struct CentralDirectoryHeader {
    var versionNeeded: UInt16
    var flags: UInt16
    var modified: DOSDateTime
    var crc32: UInt32
    var compressedSize: UInt32
    var uncompressedSize: UInt32
    var name: Data
    var extra: Data
    var localHeaderOffset: UInt32

    /// Unix mode 0644 regular file in the high half, as unzip tools expect from a Unix host.
    static let regularFileAttributes: UInt32 = 0o100644 << 16

    func encoded() -> Data {
        var out = Data(capacity: 46 + name.count + extra.count)
        out.appendLittleEndian(UInt32(0x0201_4B50))
        out.appendLittleEndian(ZipVersion.madeBy)
        out.appendLittleEndian(versionNeeded)
        out.appendLittleEndian(flags)
        out.appendLittleEndian(UInt16(0))  // method: stored
        out.appendLittleEndian(modified.time)
        out.appendLittleEndian(modified.date)
        out.appendLittleEndian(crc32)
        out.appendLittleEndian(compressedSize)
        out.appendLittleEndian(uncompressedSize)
        out.appendLittleEndian(UInt16(name.count))
        out.appendLittleEndian(UInt16(extra.count))
        out.appendLittleEndian(UInt16(0))  // comment length
        out.appendLittleEndian(UInt16(0))  // disk number start
        out.appendLittleEndian(UInt16(0))  // internal attributes
        out.appendLittleEndian(Self.regularFileAttributes)
        out.appendLittleEndian(localHeaderOffset)
        out.append(name)
        out.append(extra)
        return out
    }
}

/// ZIP64 extended information extra field (header ID 0x0001).
///
/// Holds, in this order, only the values whose classic fields carry the marker:
/// uncompressed size, compressed size, local header offset.
struct Zip64ExtraField {
    var values: [UInt64]

    func encoded() -> Data {
        var out = Data(capacity: 4 + 8 * values.count)
        out.appendLittleEndian(UInt16(0x0001))
        out.appendLittleEndian(UInt16(8 * values.count))
        for value in values { out.appendLittleEndian(value) }
        return out
    }
}

/// ZIP64 end of central directory record (signature 0x06064B50).
struct Zip64EndOfCentralDirectory {
    var entryCount: UInt64
    var directorySize: UInt64
    var directoryOffset: UInt64

    func encoded() -> Data {
        var out = Data(capacity: 56)
        out.appendLittleEndian(UInt32(0x0606_4B50))
        out.appendLittleEndian(UInt64(44))  // size of the rest of this record
        out.appendLittleEndian(ZipVersion.madeBy)
        out.appendLittleEndian(ZipVersion.zip64)
        out.appendLittleEndian(UInt32(0))  // this disk
        out.appendLittleEndian(UInt32(0))  // disk holding the central directory
        out.appendLittleEndian(entryCount)  // entries on this disk
        out.appendLittleEndian(entryCount)  // entries in total
        out.appendLittleEndian(directorySize)
        out.appendLittleEndian(directoryOffset)
        return out
    }
}

/// Points from the end of the file to the ZIP64 end record (signature 0x07064B50).
struct Zip64EndOfCentralDirectoryLocator {
    var recordOffset: UInt64

    func encoded() -> Data {
        var out = Data(capacity: 20)
        out.appendLittleEndian(UInt32(0x0706_4B50))
        out.appendLittleEndian(UInt32(0))  // disk holding the ZIP64 end record
        out.appendLittleEndian(recordOffset)
        out.appendLittleEndian(UInt32(1))  // total number of disks
        return out
    }
}

/// Classic end of central directory record (signature 0x06054B50), always last.
struct EndOfCentralDirectory {
    var entryCount: UInt16
    var directorySize: UInt32
    var directoryOffset: UInt32

    func encoded() -> Data {
        var out = Data(capacity: 22)
        out.appendLittleEndian(UInt32(0x0605_4B50))
        out.appendLittleEndian(UInt16(0))  // this disk
        out.appendLittleEndian(UInt16(0))  // disk holding the central directory
        out.appendLittleEndian(entryCount)  // entries on this disk
        out.appendLittleEndian(entryCount)  // entries in total
        out.appendLittleEndian(directorySize)
        out.appendLittleEndian(directoryOffset)
        out.appendLittleEndian(UInt16(0))  // comment length
        return out
    }
}
