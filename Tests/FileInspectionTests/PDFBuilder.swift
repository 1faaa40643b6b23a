/// Builds small PDFs for tests: numbered objects, streams, a classic cross-reference table and trailer.
struct PDFBuilder {
    private var objects: [[UInt8]] = []

    /// Adds an object (the text between `N 0 obj` and `endobj`); returns its number.
    @discardableResult
    mutating func add(_ body: String) -> Int {
        add(bytes: [UInt8](body))
    }

    /// Adds a stream object; `dictionary` holds the entries without `<<`, `>>` or `/Length`.
    @discardableResult
    mutating func addStream(_ dictionary: String, _ data: [UInt8]) -> Int {
        var body = [UInt8]("<< \(dictionary) /Length \(data.count) >>\nstream\r\n")
        body += data
        body.append("\nendstream")
        return add(bytes: body)
    }

    private mutating func add(bytes: [UInt8]) -> Int {
        objects.append(bytes)
        return objects.count
    }

    /// The file, with `trailing` appended after the final `%%EOF`.
    func build(trailing: [UInt8] = []) -> [UInt8] {
        var output = [UInt8]("%PDF-1.7\n%")
        output += [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.count)
            output.append("\(index + 1) 0 obj\n")
            output += object
            output.append("\nendobj\n")
        }
        let xref = output.count
        output.append("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n")
        for offset in offsets {
            output.append(String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n")
        }
        output.append("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n")
        return output + trailing
    }

    /// A one-page document whose catalog gets `catalogExtras`, with a FlateDecode content stream of random-looking
    /// bytes; `more` may add objects (numbered from 5).
    static func document(catalogExtras: String = "", more: (inout PDFBuilder) -> Void = { _ in }) -> [UInt8] {
        var pdf = PDFBuilder()
        pdf.add("<< /Type /Catalog /Pages 2 0 R \(catalogExtras) >>")
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>")
        pdf.addStream("/Filter /FlateDecode", Deflate.compress(.pseudoRandom(count: 3000), raw: false))
        more(&pdf)
        return pdf.build()
    }

    /// A document whose JavaScript action lives only inside a compressed object stream.
    static func hiddenInObjectStream(
        dictionary: String = "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
        compress: Bool = true
    ) -> [UInt8] {
        document(catalogExtras: "/OpenAction 6 0 R") { pdf in
            let objects = [UInt8]("6 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>")
            pdf.addStream(dictionary, compress ? Deflate.compress(objects, raw: false) : objects)
        }
    }
}
