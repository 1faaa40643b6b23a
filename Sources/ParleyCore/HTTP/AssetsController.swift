import Vapor

/// `GET /assets/NAME`: the static scripts, styles and images in `$PARLEY_PUBLIC_DIR/assets`. Only plain file names with a
/// known extension are served, so no path can leave that folder.
package enum AssetsController {
    package static func register(_ routes: any RoutesBuilder) {
        routes.tiered(.public).get("assets", ":name", use: asset)
    }

    private static let types: [String: HTTPMediaType] = ["js": .init(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]),
                                                         "css": .init(type: "text", subType: "css", parameters: ["charset": "utf-8"]),
                                                         "svg": .init(type: "image", subType: "svg+xml")]

    @Sendable static func asset(_ request: Request) async throws -> Response {
        let name = request.parameters.get("name") ?? ""
        guard name.range(of: #"^[a-z0-9-]+\.(js|css|svg)$"#, options: .regularExpression) != nil,
              let type = types[String(name.split(separator: ".").last ?? "")] else {
            throw Abort(.notFound)
        }
        let path = request.application.settings.publicDirectory + "/assets/" + name
        guard FileManager.default.isReadableFile(atPath: path) else { throw Abort(.notFound) }
        let response = try await request.fileio.asyncStreamFile(at: path)
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return response
    }
}
