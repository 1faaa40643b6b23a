import Foundation

/// Why an XML answer was not accepted.
public enum S3XMLError: Error, Sendable, Equatable {
    /// A DOCTYPE, entity or other markup declaration, or a non-UTF-8 document.
    case forbiddenMarkup(String)
    /// The document is not well-formed.
    case malformed(String)
    /// The document exceeds the size or nesting limit.
    case tooLarge
    /// The root element is not the one expected.
    case unexpectedRoot(expected: String, found: String)
    /// A required element is missing.
    case missingElement(String)
    /// An element holds text that is not a valid number or boolean.
    case invalidValue(element: String, value: String)
}

/// Reads the few S3 XML answers this module needs, and escapes text for
/// the XML it writes.
///
/// Documents are treated as hostile. Before parsing, any `<!` other than a
/// comment or CDATA section is refused, which rules out DOCTYPE and entity
/// declarations; so only the five predefined entities (and numeric
/// character references) are ever expanded, and nothing external is loaded.
/// Documents must be UTF-8 and at most `maxDocumentSize` bytes, nested at most
/// `maxDepth` deep. Namespace prefixes on element names are ignored. The
/// reader is `XMLReader`, in pure Swift, not Foundation's `XMLParser`.
public enum S3XML {
    /// The largest document accepted, in bytes.
    public static let maxDocumentSize = 16 << 20
    /// The deepest element nesting accepted.
    public static let maxDepth = 32

    /// Reads the `UploadId` of an `InitiateMultipartUploadResult`.
    public static func initiateMultipartUploadResult(from data: Data) throws -> S3InitiateMultipartUploadResult {
        let root = try parse(data, expectingRoot: "InitiateMultipartUploadResult")
        return S3InitiateMultipartUploadResult(
            bucket: root.text(of: "Bucket"),
            key: root.text(of: "Key"),
            uploadID: try root.requiredText(of: "UploadId")
        )
    }

    /// Reads a ListObjectsV2 `ListBucketResult`. When the answer says
    /// `<EncodingType>url</EncodingType>`, keys and prefixes are decoded.
    public static func listBucketResult(from data: Data) throws -> S3ListBucketResult {
        let root = try parse(data, expectingRoot: "ListBucketResult")
        let urlEncoded = root.text(of: "EncodingType") == "url"
        func decoded(_ text: String) -> String {
            urlEncoded ? PercentEncoding.decode(text.replacingOccurrences(of: "+", with: " ")) : text
        }
        let objects = try root.children(named: "Contents").map { item in
            S3ObjectSummary(
                key: decoded(try item.requiredText(of: "Key")),
                size: try item.integer(of: "Size") ?? 0,
                eTag: item.text(of: "ETag"),
                lastModified: item.text(of: "LastModified"),
                storageClass: item.text(of: "StorageClass")
            )
        }
        let truncated = try root.boolean(of: "IsTruncated") ?? false
        return S3ListBucketResult(
            name: root.text(of: "Name"),
            prefix: root.text(of: "Prefix").map(decoded),
            keyCount: try root.integer(of: "KeyCount").map { Int($0) },
            objects: objects,
            commonPrefixes: root.children(named: "CommonPrefixes").compactMap { $0.text(of: "Prefix").map(decoded) },
            isTruncated: truncated,
            nextContinuationToken: root.text(of: "NextContinuationToken")
        )
    }

    /// Reads an S3 `Error` document.
    public static func errorResponse(from data: Data) throws -> S3ErrorResponse {
        let root = try parse(data, expectingRoot: "Error")
        return S3ErrorResponse(
            code: try root.requiredText(of: "Code"),
            message: root.text(of: "Message"),
            resource: root.text(of: "Resource"),
            requestID: root.text(of: "RequestId")
        )
    }

    /// Escapes `& < > " '` for XML text or attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: Parsing

    /// Parses `data` into an element tree after the safety checks.
    static func parse(_ data: Data, expectingRoot rootName: String) throws -> XMLNode {
        let root = try parse(data)
        guard root.name == rootName else {
            throw S3XMLError.unexpectedRoot(expected: rootName, found: root.name)
        }
        return root
    }

    static func parse(_ data: Data) throws -> XMLNode {
        guard data.count <= maxDocumentSize else { throw S3XMLError.tooLarge }
        try checkSafe(data)
        return try XMLReader.parse([UInt8](data), maxDepth: maxDepth)
    }

    /// Refuses what a hostile document could use to expand or fetch content:
    /// markup declarations (`<!DOCTYPE`, `<!ENTITY`, ...), and any encoding
    /// but UTF-8 (a parser could otherwise decode bytes this check cannot see).
    /// Also refuses processing instructions (`<?target data?>`) other than the
    /// XML declaration: S3 answers have none (and Foundation's XMLParser,
    /// used before `XMLReader`, crashed the process on `<?x?>`).
    static func checkSafe(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard !bytes.contains(0) else { throw S3XMLError.forbiddenMarkup("NUL byte") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw S3XMLError.forbiddenMarkup("not UTF-8")
        }
        // One pass over every `<`, after the XML declaration if there is one.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = xmlDeclarationEnd(bytes, from: start) ?? start
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            let after = bytes[(open + 1)...]
            if after.first == UInt8(ascii: "?") { throw S3XMLError.forbiddenMarkup("processing instruction") }
            if after.first == UInt8(ascii: "!") {
                let declaration = after.dropFirst()
                guard declaration.starts(with: "--".utf8) || declaration.starts(with: "[CDATA[".utf8) else {
                    throw S3XMLError.forbiddenMarkup(String(decoding: declaration.prefix(16), as: UTF8.self))
                }
            }
            index = open + 1
        }
        if text.hasPrefix("<?xml") || text.hasPrefix("\u{FEFF}<?xml"),
            let end = text.range(of: "?>")
        {
            let declaration = text[..<end.lowerBound].lowercased()
            if let encoding = declaration.range(of: "encoding") {
                let value = declaration[encoding.upperBound...]
                    .drop(while: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" })
                    .prefix(while: { $0 != "\"" && $0 != "'" && $0 != " " })
                guard value == "utf-8" || value == "utf8" else {
                    throw S3XMLError.forbiddenMarkup("encoding \(value)")
                }
            }
        }
    }

    /// Where the XML declaration that starts at `start` ends: `<?xml`, white space, and attributes up to the first
    /// `?>`, without `<` or `>` before it. Anything else that starts with `<?` (`<?xml?>`, `<?xmlfoo?>`, a broken
    /// declaration) is a processing instruction.
    private static func xmlDeclarationEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard bytes[start...].starts(with: "<?xml".utf8), start + 5 < bytes.count,
            [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start + 5])
        else { return nil }
        var index = start + 5
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<") || bytes[index] == UInt8(ascii: ">") { return nil }
            if bytes[index] == UInt8(ascii: "?") && bytes[index + 1] == UInt8(ascii: ">") { return index + 2 }
            index += 1
        }
        return nil
    }
}
