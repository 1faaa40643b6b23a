import Foundation
import NIOFoundationCompat
import Vapor

/// `GET /assets/NAME`: the static scripts, styles and images in `$PARLEY_PUBLIC_DIR/assets`, and `/favicon.ico`.
/// Only plain file names with a known extension are served, so no path can leave that folder.
///
/// Caching: every answer carries a strong ETag (the content version) and answers `If-None-Match` with 304. A request
/// for the current version (`?v=…`, the URL pages use) may be cached for a year as immutable; any other for five
/// minutes, so an upgrade shows within minutes even where an old URL is still in use.
package enum AssetsController {
    package static func register(_ routes: any RoutesBuilder) {
        routes.tiered(.public).get("assets", ":name", use: asset)
        routes.tiered(.public).get("favicon.ico") { request in try await serve("favicon.svg", request) }
    }

    private static let types: [String: HTTPMediaType] = [
        "js": .init(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]),
        "css": .init(type: "text", subType: "css", parameters: ["charset": "utf-8"]),
        "svg": .init(type: "image", subType: "svg+xml"),
    ]

    static let immutable = "public, max-age=31536000, immutable"
    static let revalidate = "public, max-age=300"

    @Sendable static func asset(_ request: Request) async throws -> Response {
        try await serve(request.parameters.get("name") ?? "", request)
    }

    private static func serve(_ name: String, _ request: Request) async throws -> Response {
        guard name.range(of: AssetCatalog.namePattern, options: .regularExpression) != nil,
            let type = types[String(name.split(separator: ".").last ?? "")]
        else {
            throw Abort(.notFound)
        }
        let path = request.application.settings.publicDirectory + "/assets/" + name
        guard FileManager.default.isReadableFile(atPath: path) else { throw Abort(.notFound) }
        // Assets are a few kilobytes: read whole, so the ETag is the version of exactly the bytes sent.
        let data = try await request.fileio.collectFile(at: path)
        let version = AssetCatalog.version(of: Data(buffer: data))
        let etag = "\"\(version)\""
        var headers: HTTPHeaders = [:]
        headers.contentType = type
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(
            name: .cacheControl,
            value: (try? request.query.get(String.self, at: "v")) == version ? immutable : revalidate)
        if request.headers[.ifNoneMatch].contains(where: {
            $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag }
        }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: data))
    }
}
