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
    }

    var entries: [Entry] = []

    mutating func stored(_ name: String, _ data: [UInt8], flags: Int = 0, dataDescriptor: Bool = false) {
        entries.append(Entry(name: name, method: 0, flags: flags, crc: Deflate.crc32(data), compressed: data,
                             uncompressedSize: data.count, dataDescriptor: dataDescriptor))
    }

    mutating func stored(_ name: String, _ text: String) {
        stored(name, [UInt8](text))
    }

    mutating func deflated(_ name: String, _ data: [UInt8], dataDescriptor: Bool = false,
                           descriptorSignature: Bool = true, zip64: Bool = false) {
        entries.append(Entry(name: name, crc: Deflate.crc32(data), compressed: Deflate.compress(data),
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
                output.littleEndian(sizesInHeader ? entry.declaredUncompressedSize ?? entry.uncompressedSize : 0,
                                    size: 4)
            }
            output.littleEndian(entry.name.utf8.count, size: 2)
            output.littleEndian(entry.zip64 ? 20 : 0, size: 2)
            output.append(entry.name)
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
            central += Self.centralRecord(entry, flags: flags, offset: offset)
        }
        for _ in 0..<hiddenEntries {
            central += Self.centralRecord(entries[0], flags: entries[0].flags, offset: 0)
        }
        let count = entries.count + hiddenEntries
        let centralOffset = output.count
        output += central
        output.littleEndian(0x0605_4B50, size: 4)
        output.littleEndian(0, size: 4)  // disk numbers
        output.littleEndian(count, size: 2)
        output.littleEndian(count, size: 2)
        output.littleEndian(central.count, size: 4)
        output.littleEndian(centralOffset, size: 4)
        output.littleEndian(0, size: 2)  // comment length
        return output
    }

    private static func centralRecord(_ entry: Entry, flags: Int, offset: Int) -> [UInt8] {
        var record: [UInt8] = []
        record.littleEndian(0x0201_4B50, size: 4)
        record.littleEndian(20, size: 2)
        record.littleEndian(20, size: 2)
        record.littleEndian(flags, size: 2)
        record.littleEndian(entry.method, size: 2)
        record.littleEndian(0, size: 4)
        record.littleEndian(Int(entry.crc), size: 4)
        record.littleEndian(entry.compressed.count, size: 4)
        record.littleEndian(entry.uncompressedSize, size: 4)
        record.littleEndian(entry.name.utf8.count, size: 2)
        record.littleEndian(0, size: 2)  // extra
        record.littleEndian(0, size: 2)  // comment
        record.littleEndian(0, size: 2)  // disk
        record.littleEndian(0, size: 2)  // internal attributes
        record.littleEndian(0, size: 4)  // external attributes
        record.littleEndian(offset, size: 4)
        record.append(entry.name)
        return record
    }

    /// A minimal Office document with the given main part (e.g. "word/document.xml") and extra entries.
    static func office(mainPart: String, extra: (inout ZipWriter) -> Void = { _ in }) -> [UInt8] {
        var writer = ZipWriter()
        writer.stored("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/\
            content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
            """)
        writer.deflated("_rels/.rels", [UInt8]("<Relationships/>"))
        writer.deflated(mainPart, [UInt8](String(repeating: "<w:p>Hello</w:p>", count: 50)))
        extra(&writer)
        return writer.build()
    }
}
