import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting

/// `/assets/…` and `/favicon.ico`: versioned URLs cached for a year, others revalidated, ETags answered with 304.
@Suite struct AssetsTests {
    @Test func theVersionedURLAPageLinksIsCachedForAYear() async throws {
        try await withTestApp { app async throws in
            let page = try await call(app, .GET, "/sign-in")
            let href = try #require(
                page.text.firstMatch(of: /href="(\/assets\/parley\.css\?v=[0-9a-f]{16})"/)?.output.1)
            let css = try await call(app, .GET, String(href))
            #expect(css.status == .ok && css.text.contains("prefers-color-scheme: dark"))
            #expect(css.headers.contentType?.subType == "css")
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            let etag = try #require(css.headers.first(name: .eTag))
            #expect(etag == "\"\(href.split(separator: "=").last ?? "")\"")

            let unversioned = try await call(app, .GET, "/assets/parley.css")
            #expect(
                unversioned.status == .ok && unversioned.headers.first(name: .cacheControl) == "public, max-age=300")
            let stale = try await call(app, .GET, "/assets/parley.css?v=0000000000000000")
            #expect(
                stale.status == .ok && stale.headers.first(name: .cacheControl) == "public, max-age=300",
                "an old URL is not cached for a year")

            let revalidated = try await call(
                app, .GET, "/assets/parley.css", headers: ["If-None-Match": "\"0000000000000000\", \(etag)"])
            #expect(
                revalidated.status == .notModified && revalidated.text.isEmpty
                    && revalidated.headers.first(name: .eTag) == etag)
            #expect(
                try await call(app, .GET, "/assets/parley.css", headers: ["If-None-Match": "\"0000000000000000\""])
                    .status == .ok)
        }
    }

    @Test func everyAssetALayoutLinksIsServedAndTheFaviconIsNotMissing() async throws {
        try await withTestApp { app async throws in
            let page = try await call(app, .GET, "/sign-in")
            let links = page.text.matches(of: /(?:href|src)="(\/assets\/[^"]+)"/).map { String($0.output.1) }
            #expect(links.count == 5, "icon, stylesheet, two scripts and logo: \(links)")
            for link in links {
                #expect(try await call(app, .GET, link).status == .ok, "\(link)")
            }
            let favicon = try await call(app, .GET, "/favicon.ico")
            #expect(favicon.status == .ok && favicon.text.hasPrefix("<svg"))
            #expect(favicon.headers.contentType?.description == "image/svg+xml")
            #expect(try await call(app, .GET, "/assets/logo.svg").headers.contentType?.description == "image/svg+xml")
            #expect(try await call(app, .GET, "/assets/Logo.SVG").status == .notFound)
        }
    }
}
