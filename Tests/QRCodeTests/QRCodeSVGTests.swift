import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import QRCode
import Testing

/// The SVG rendering: well-formed, safe under a strict CSP, and drawing exactly the dark modules.
struct QRCodeSVGTests {
    static let code = try! QRCode(
        encoding: "otpauth://totp/Parley:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Parley")

    @Test func isWellFormedWithTheExpectedStructure() throws {
        let svg = Self.code.svg(moduleSize: 3, quietZone: 4, title: "Two-factor setup")
        let document = try SVGDocument(svg)
        let extent = Self.code.size + 8
        #expect(document.elements.map(\.name) == ["svg", "title", "rect", "path"])
        let root = document.elements[0].attributes
        #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root["viewBox"] == "0 0 \(extent) \(extent)")
        #expect(root["width"] == "\(extent * 3)")
        #expect(root["height"] == "\(extent * 3)")
        #expect(root["role"] == "img")
        #expect(root["shape-rendering"] == "crispEdges")
        #expect(document.elements[2].attributes == ["width": "\(extent)", "height": "\(extent)", "fill": "#fff"])
        #expect(document.elements[3].attributes["fill"] == "#000")
        #expect(document.title == "Two-factor setup")
    }

    @Test func hasNoStyleAttributeOrScript() {
        let svg = Self.code.svg(title: "x").lowercased()
        #expect(!svg.contains("style="))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("javascript:"))
    }

    @Test func escapesTheTitle() throws {
        let title = #"Ada & <Parley> "2FA" 'setup'</title><script>alert(1)</script>"#
        let svg = Self.code.svg(title: title)
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;Parley&gt; &quot;2FA&quot;"))
        #expect(try SVGDocument(svg).title == title)
    }

    @Test func dropsCharactersXMLCannotHold() throws {
        let svg = Self.code.svg(title: "a\u{0}b\u{1B}c\u{FFFF}d")
        #expect(try SVGDocument(svg).title == "abcd")
    }

    @Test func omitsTheTitleWhenNotGiven() throws {
        let document = try SVGDocument(Self.code.svg())
        #expect(document.elements.map(\.name) == ["svg", "rect", "path"])
    }

    /// Each `M x y h n v1 h-n z` run covers n modules of one row; together they cover
    /// exactly the dark modules, once each, shifted by the quiet zone.
    @Test(arguments: [0, 4])
    func pathDrawsExactlyTheDarkModules(quietZone: Int) throws {
        let code = Self.code
        let document = try SVGDocument(code.svg(quietZone: quietZone))
        let d = try #require(document.elements.last?.attributes["d"])
        var covered: [Int: Int] = [:]
        var runs = 0
        for run in d.split(separator: "z") {
            let numbers = run.split(whereSeparator: { "Mhv ".contains($0) }).map { Int($0)! }
            try #require(numbers.count == 5, "unexpected run \(run)")
            let (x, y, width) = (numbers[0] - quietZone, numbers[1] - quietZone, numbers[2])
            #expect(numbers[3] == 1 && numbers[4] == -width)
            #expect(width > 0)
            #expect(!code.isDark(x: x - 1, y: y) && !code.isDark(x: x + width, y: y), "run is not maximal")
            for column in x..<x + width { covered[y * code.size + column, default: 0] += 1 }
            runs += 1
        }
        let darkModules = (0..<code.size).flatMap { y in (0..<code.size).map { (x: $0, y: y) } }
            .filter { code.isDark(x: $0.x, y: $0.y) }
        #expect(covered.count == darkModules.count)
        #expect(covered.values.allSatisfy { $0 == 1 })
        #expect(darkModules.allSatisfy { covered[$0.y * code.size + $0.x] == 1 })
        #expect(runs < darkModules.count)  // horizontal neighbours are merged
    }
}

/// The elements of an XML document in document order, and the text of its `<title>`.
private struct SVGDocument {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    let elements: [Element]
    let title: String?

    init(_ text: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw parser.parserError ?? CocoaError(.propertyListReadCorrupt)
        }
        elements = collector.elements
        title = collector.title
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var title: String?
        private var inTitle = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            elements.append(Element(name: elementName, attributes: attributes))
            if elementName == "title" { inTitle = true; title = "" }
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if elementName == "title" { inTitle = false }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTitle { title? += string }
        }
    }
}
