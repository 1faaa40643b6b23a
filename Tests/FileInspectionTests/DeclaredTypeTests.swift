import FileInspection
import Testing

struct Declaration: CustomTestStringConvertible, Sendable {
    let type: DetectedType
    let declared: String
    let accepted: Bool
    var testDescription: String { "\(type) declared as \"\(declared)\"" }
}

@Suite struct DeclaredTypeTests {
    static let table: [Declaration] = [
        Declaration(type: .jpeg, declared: "image/jpeg", accepted: true),
        Declaration(type: .jpeg, declared: "image/jpg", accepted: true),
        Declaration(type: .jpeg, declared: " IMAGE/JPEG ; charset=binary", accepted: true),
        Declaration(type: .jpeg, declared: "image/png", accepted: false),
        Declaration(type: .png, declared: "image/png", accepted: true),
        Declaration(type: .gif, declared: "image/gif", accepted: true),
        Declaration(type: .webp, declared: "image/webp", accepted: true),
        Declaration(type: .pdf, declared: "application/pdf", accepted: true),
        Declaration(type: .pdf, declared: "application/octet-stream", accepted: false),
        Declaration(type: .text, declared: "text/plain; charset=utf-8", accepted: true),
        Declaration(type: .text, declared: "text/markdown", accepted: true),
        Declaration(type: .text, declared: "Text/CSV", accepted: true),
        Declaration(type: .text, declared: "text/html", accepted: false),
        Declaration(type: .html, declared: "text/html; charset=UTF-8", accepted: true),
        Declaration(type: .html, declared: "text/plain", accepted: false),
        Declaration(type: .svg, declared: "image/svg+xml", accepted: true),
        Declaration(type: .svg, declared: "image/png", accepted: false),
        Declaration(type: .xml, declared: "text/xml", accepted: true),
        Declaration(type: .xml, declared: "application/xml", accepted: true),
        Declaration(type: .zip, declared: "application/zip", accepted: true),
        Declaration(type: .zip, declared: "application/x-zip-compressed", accepted: true),
        Declaration(type: .docx, declared: DetectedType.docx.rawValue, accepted: true),
        Declaration(type: .docx, declared: "application/zip", accepted: false),
        Declaration(type: .xlsx, declared: DetectedType.xlsx.rawValue.uppercased(), accepted: true),
        Declaration(type: .pptx, declared: DetectedType.pptx.rawValue, accepted: true),
        Declaration(type: .unknown, declared: "application/octet-stream", accepted: false),
        Declaration(type: .png, declared: "", accepted: false),
    ]

    @Test(arguments: table)
    func compatibility(_ row: Declaration) {
        #expect(row.type.accepts(declared: row.declared) == row.accepted)
    }

    @Test func reportRefusesMismatchedDeclaration() throws {
        var inspector = FileInspector(policy: .permissive)
        try inspector.update(ImageBuilder.png())
        let report = try inspector.finish()
        try report.requireDeclaredType("image/png")
        #expect(throws: InspectionError.typeMismatch(declared: "image/jpeg", detected: .png)) {
            try report.requireDeclaredType("image/jpeg")
        }
    }

    @Test func onlyRasterFormatsAreImages() {
        let images = DetectedType.allCases.filter(\.isImage)
        #expect(Set(images) == [.png, .jpeg, .gif, .webp])
    }

    @Test func errorsDescribeTheProblem() {
        #expect(InspectionError.tooLarge(limit: 10).description.contains("10 bytes"))
        #expect(InspectionError.typeNotAllowed(.svg).description.contains("image/svg+xml"))
        #expect(InspectionError.archiveRatio(entry: "a.bin", ratio: 900).description.contains("a.bin"))
        #expect(InspectionError.imageTooLarge(pixels: 9, limit: 4).description.contains("9 pixels"))
    }
}
