/// A tiny ZIP writer for tests: stored and deflated entries, data descriptors, ZIP64 fields, and a few ways to lie.
struct ZipWriter {
    struct Entry {
        var name: String
        var method = 8
        var flags = 0
        var crc: UInt32
        var compressed: [UInt8]
        var uncompressedSize: Int
        var dataDescriptor = false
        var descriptorSignature = true
        var zip64 = false
        /// Overrides the uncompressed size written in the local header (to make it lie).
        var declaredUncompressedSize: Int?
        /// Extra field bytes appended to the local header.
        var localExtra: [UInt8] = []
        /// What the central directory record says, when it should lie or differ.
        var central = CentralOverrides()
    }

    /// Fields of an entry's central directory record that differ from its local header.
    struct CentralOverrides {
        var name: String?
        var method: Int?
        var crc: UInt32?
        var uncompressedSize: Int?
        /// Added to the entry's real offset.
        var offsetShift = 0
        var extra: [UInt8] = []
        var comment = ""
        /// False leaves the entry out of the central directory.
        var listed = true
    }

    var entries: [Entry] = []
    /// Central directory records for entries that are not there as such, each pointing at `offset`.
    var extraRecords: [(entry: Entry, offset: Int)] = []
    /// Write ZIP64 end records (a ZIP64 record and locator before a saturated classic record).
    var zip64End = false
    /// Bytes between the central directory and the end records.
    var afterCentralDirectory: [UInt8] = []
    /// The "number of this disk" field of the end record.
    var diskNumber = 0

    mutating func stored(_ name: String, _ data: [UInt8], flags: Int = 0, dataDescriptor: Bool = false) {
        entries.append(
            Entry(
                name: name, method: 0, flags: flags, crc: Deflate.crc32(data), compressed: data,
                uncompressedSize: data.count, dataDescriptor: dataDescriptor))
    }

    mutating func stored(_ name: String, _ text: String) {
        stored(name, [UInt8](text))
    }

    mutating func deflated(
        _ name: String, _ data: [UInt8], dataDescriptor: Bool = false,
        descriptorSignature: Bool = true, zip64: Bool = false
    ) {
        entries.append(
            Entry(
                name: name, crc: Deflate.crc32(data), compressed: Deflate.compress(data),
                uncompressedSize: data.count, dataDescriptor: dataDescriptor,
                descriptorSignature: descriptorSignature, zip64: zip64))
    }

    /// The archive bytes. `hiddenEntries` adds central directory records that have no local entry.
    func build(hiddenEntries: Int = 0) -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = output.count
            let flags = entry.flags | (entry.dataDescriptor ? 0x8 : 0)
            let sizesInHeader = !entry.dataDescriptor
            output.littleEndian(0x0403_4B50, size: 4)
            output.littleEndian(entry.zip64 ? 45 : 20, size: 2)
            output.littleEndian(flags, size: 2)
            output.littleEndian(entry.method, size: 2)
            output.littleEndian(0, size: 4)  // time and date
            output.littleEndian(sizesInHeader ? Int(entry.crc) : 0, size: 4)
            if entry.zip64 {
                output.littleEndian(0xFFFF_FFFF, size: 4)
                output.littleEndian(0xFFFF_FFFF, size: 4)
            } else {
                output.littleEndian(sizesInHeader ? entry.compressed.count : 0, size: 4)
                output.littleEndian(
                    sizesInHeader ? entry.declaredUncompressedSize ?? entry.uncompressedSize : 0,
                    size: 4)
            }
            output.littleEndian(entry.name.utf8.count, size: 2)
            output.littleEndian((entry.zip64 ? 20 : 0) + entry.localExtra.count, size: 2)
            output.append(entry.name)
            output += entry.localExtra
            if entry.zip64 {
                output.littleEndian(0x0001, size: 2)
                output.littleEndian(16, size: 2)
                output.littleEndian(sizesInHeader ? entry.uncompressedSize : 0, size: 8)
                output.littleEndian(sizesInHeader ? entry.compressed.count : 0, size: 8)
            }
            output += entry.compressed
            if entry.dataDescriptor {
                if entry.descriptorSignature { output.littleEndian(0x0807_4B50, size: 4) }
                output.littleEndian(Int(entry.crc), size: 4)
                output.littleEndian(entry.compressed.count, size: entry.zip64 ? 8 : 4)
                output.littleEndian(entry.uncompressedSize, size: entry.zip64 ? 8 : 4)
            }
            if entry.central.listed {
                central += Self.centralRecord(entry, flags: flags, offset: offset + entry.central.offsetShift)
            }
        }
        for _ in 0..<hiddenEntries {
            central += Self.centralRecord(entries[0], flags: entries[0].flags, offset: 0)
        }
        for (entry, offset) in extraRecords {
            central += Self.centralRecord(entry, flags: entry.flags, offset: offset)
        }
        let count = entries.filter(\.central.listed).count + hiddenEntries + extraRecords.count
        let centralOffset = output.count
        output += central
        output += afterCentralDirectory
        if zip64End {
            let recordOffset = output.count
            output.littleEndian(0x0606_4B50, size: 4)
            output.littleEndian(44, size: 8)  // size of the rest of the record
            output.littleEndian(45, size: 2)
            output.littleEndian(45, size: 2)
            output.littleEndian(0, size: 8)  // disk numbers
            output.littleEndian(count, size: 8)
            output.littleEndian(count, size: 8)
            output.littleEndian(central.count, size: 8)
            output.littleEndian(centralOffset, size: 8)
            output.littleEndian(0x0706_4B50, size: 4)
            output.littleEndian(0, size: 4)
            output.littleEndian(recordOffset, size: 8)
            output.littleEndian(1, size: 4)
        }
        output.littleEndian(0x0605_4B50, size: 4)
        output.littleEndian(diskNumber, size: 2)
        output.littleEndian(0, size: 2)  // disk with the central directory
        output.littleEndian(zip64End ? 0xFFFF : count, size: 2)
        output.littleEndian(zip64End ? 0xFFFF : count, size: 2)
        output.littleEndian(zip64End ? 0xFFFF_FFFF : central.count, size: 4)
        output.littleEndian(zip64End ? 0xFFFF_FFFF : centralOffset, size: 4)
        output.littleEndian(0, size: 2)  // comment length
        return output
    }

    private static func centralRecord(_ entry: Entry, flags: Int, offset: Int) -> [UInt8] {
        let overrides = entry.central
        let name = overrides.name ?? entry.name
        var record: [UInt8] = []
        record.littleEndian(0x0201_4B50, size: 4)
        record.littleEndian(20, size: 2)
        record.littleEndian(20, size: 2)
        record.littleEndian(flags, size: 2)
        record.littleEndian(overrides.method ?? entry.method, size: 2)
        record.littleEndian(0, size: 4)
        record.littleEndian(Int(overrides.crc ?? entry.crc), size: 4)
        record.littleEndian(entry.compressed.count, size: 4)
        record.littleEndian(overrides.uncompressedSize ?? entry.uncompressedSize, size: 4)
        record.littleEndian(name.utf8.count, size: 2)
        record.littleEndian(overrides.extra.count, size: 2)
        record.littleEndian(overrides.comment.utf8.count, size: 2)
        record.littleEndian(0, size: 2)  // disk
        record.littleEndian(0, size: 2)  // internal attributes
        record.littleEndian(0, size: 4)  // external attributes
        record.littleEndian(offset, size: 4)
        record.append(name)
        record += overrides.extra
        record.append(overrides.comment)
        return record
    }

    /// An Info-ZIP Unicode path extra field carrying `name`.
    static func unicodePathField(_ name: String) -> [UInt8] {
        var field: [UInt8] = []
        field.littleEndian(0x7075, size: 2)
        field.littleEndian(5 + name.utf8.count, size: 2)
        field.append(1)
        field.littleEndian(0, size: 4)  // CRC-32 of the header name (not checked by readers that matter here)
        field.append(name)
        return field
    }

    /// The offset at which each entry's local header starts in `build()`'s output.
    func localOffsets() -> [Int] {
        var offsets: [Int] = []
        var offset = 0
        for entry in entries {
            offsets.append(offset)
            offset += 30 + entry.name.utf8.count + (entry.zip64 ? 20 : 0) + entry.localExtra.count
            offset += entry.compressed.count
            if entry.dataDescriptor { offset += (entry.descriptorSignature ? 4 : 0) + 4 + (entry.zip64 ? 16 : 8) }
        }
        return offsets
    }

    /// A minimal Office document with the given main part (e.g. "word/document.xml") and extra entries.
    static func office(mainPart: String, extra: (inout ZipWriter) -> Void = { _ in }) -> [UInt8] {
        var writer = ZipWriter()
        writer.stored(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/\
            content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
            """)
        writer.deflated("_rels/.rels", [UInt8]("<Relationships/>"))
        writer.deflated(mainPart, [UInt8](String(repeating: "<w:p>Hello</w:p>", count: 50)))
        extra(&writer)
        return writer.build()
    }
}
