import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Builds an `XMLNode` tree from parser events, enforcing the depth limit
/// and aborting on any entity or DTD event that slipped past the pre-check.
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var refusal: S3XMLError?
    private var stack: [XMLNode] = []

    private func refuse(_ parser: XMLParser, _ error: S3XMLError) {
        if refusal == nil { refusal = error }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard refusal == nil else { return }
        guard stack.count < S3XML.maxDepth else { return refuse(parser, .tooLarge) }
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(XMLNode(name: local))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        guard refusal == nil, let node = stack.popLast() else { return }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard refusal == nil, !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard refusal == nil, !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuse(parser, .forbiddenMarkup("ENTITY \(name)"))
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String,
                publicID: String?, systemID: String?) {
        refuse(parser, .forbiddenMarkup("ENTITY \(name)"))
    }

    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String,
                publicID: String?, systemID: String?, notationName: String?) {
        refuse(parser, .forbiddenMarkup("ENTITY \(name)"))
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        refuse(parser, .forbiddenMarkup("external entity \(name)"))
        return nil
    }
}
