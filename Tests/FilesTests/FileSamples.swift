import CZlib
import Foundation
import ZipArchive

/// Files built in the tests, clean and hostile.
enum FileSamples {
    /// A one-page PDF with a correct cross-reference table; `extra` is put into the catalog dictionary.
    static func pdf(catalogExtra extra: String = "", text: String = "Parley price list") -> [UInt8] {
        let content = "BT /F1 12 Tf 20 100 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R \(extra) >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
        ]
        var out = "%PDF-1.7\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }

    /// An RGB PNG whose header says `width`×`height` (pixel data for at most 64×64 of it).
    static func png(width: UInt32 = 2, height: UInt32 = 2) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", be(width) + be(height) + [8, 2, 0, 0, 0])
        let rows = (0..<min(height, 64)).flatMap { _ in [0] + [UInt8](repeating: 0x80, count: Int(min(width, 64)) * 3) }
        out += chunk("IDAT", zlibCompress(rows))
        out += chunk("IEND", [])
        return out
    }

    /// A ZIP of `entries`, each deflated, written as a zip tool would (local headers, central directory, end record).
    static func zip(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        for entry in entries {
            let compressed = rawDeflate(entry.data)
            let crc = CRC32.checksum(Data(entry.data))
            let name = Array(entry.name.utf8)
            let fields =
                le16(20) + le16(0) + le16(8) + le16(0) + le16(0x21) + le32(crc) + le32(UInt32(compressed.count))
                + le32(UInt32(entry.data.count))
                + le16(UInt16(name.count)) + le16(0)
            central +=
                [0x50, 0x4B, 0x01, 0x02] + le16(20) + fields + le16(0) + le16(0) + le16(0) + le32(0)
                + le32(UInt32(out.count)) + name
            out += [0x50, 0x4B, 0x03, 0x04] + fields + name + compressed
        }
        let count = le16(UInt16(entries.count))
        return out + central + [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + count + count
            + le32(UInt32(central.count)) + le32(UInt32(out.count)) + le16(0)
    }

    /// A minimal Word document.
    static func docx(extra: [(name: String, data: [UInt8])] = []) -> [UInt8] {
        zip(
            [
                (
                    "[Content_Types].xml",
                    Array(
                        #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#
                            .utf8)
                ),
                (
                    "word/document.xml",
                    Array("<w:document><w:body><w:p><w:r><w:t>Terms</w:t></w:r></w:p></w:body></w:document>".utf8)
                ),
            ] + extra)
    }

    static func rawDeflate(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(
            &stream, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        var source = input
        let written = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = UInt32(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = UInt32(dst.count)
                _ = deflate(&stream, Z_FINISH)
                return dst.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(written))
    }

    static func zlibCompress(_ input: [UInt8]) -> [UInt8] {
        var length = compressBound(UInt(input.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        _ = compress2(&output, &length, input, UInt(input.count), 9)
        return Array(output.prefix(Int(length)))
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be(UInt32(data.count)) + body + be(CRC32.checksum(Data(body)))
    }

    private static func be(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}
