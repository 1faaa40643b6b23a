// swift-tools-version:6.1
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "parley",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parley", targets: ["parley"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Tiny executable: bootstrap logging, build the app, run a command.
        .executableTarget(
            name: "parley",
            dependencies: ["App"],
            swiftSettings: swift6
        ),
        // Composition root: wires every module, routes, ordered migration list.
        .target(
            name: "App",
            dependencies: [
                "ParleyCore",
                "Waitlist",
                "Accounts",
                "Workspaces",
                "Files",
                "AIGateway",
                "SMTPClient",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: swift6
        ),
        // Shared core: settings, errors, middleware, jobs, audit log, mail outbox, encrypted blob store.
        .target(
            name: "ParleyCore",
            dependencies: [
                "SMTPClient",
                "BlobCrypto",
                "NetGuard",
                "S3Client",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: swift6
        ),
        // The public beta waitlist: page, join API with bot check, double opt-in, export, invitations.
        .target(
            name: "Waitlist",
            dependencies: [
                "ParleyCore",
                "SMTPClient",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ],
            swiftSettings: swift6
        ),
        // Accounts and sign-in: passwords, email links, TOTP, access and refresh tokens, sessions, external login.
        .target(
            name: "Accounts",
            dependencies: [
                "ParleyCore",
                "SMTPClient",
                "QRCode",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Resources/common-passwords.txt")],
            swiftSettings: swift6
        ),
        // Workspaces, roles, invitations, plans, API keys, and tenant resolution (TenantContext, row-level security).
        .target(
            name: "Workspaces",
            dependencies: [
                "ParleyCore",
                "Accounts",
                "SMTPClient",
                "ZipArchive",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ],
            swiftSettings: swift6
        ),
        // Encrypted files: validated streamed uploads, signed expiring downloads, storage master key rotation.
        .target(
            name: "Files",
            dependencies: [
                "ParleyCore",
                "Workspaces",
                "FileInspection",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swift6
        ),
        // The AI gateway: OpenAI-compatible providers with retries, breakers and fallbacks; budgets; metering; redaction.
        .target(
            name: "AIGateway",
            dependencies: [
                "ParleyCore",
                "Workspaces",
                "SMTPClient",
                "OpenAICompat",
                "PIIRedaction",
                "S3Client",  // CivilDate, for the budget day
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: swift6
        ),
        // Pure library: the OpenAI-compatible wire format (requests, answers, incremental server-sent events).
        .target(
            name: "OpenAICompat",
            swiftSettings: swift6
        ),
        // Pure library: personal data (emails, phones, cards, IBANs, named values) replaced by placeholders and restored.
        .target(
            name: "PIIRedaction",
            swiftSettings: swift6
        ),
        // Pure library: what an uploaded file really is, checked as it streams (types, polyglots, PDF actions, zip bombs).
        .target(
            name: "FileInspection",
            dependencies: ["CZlib"],
            swiftSettings: swift6
        ),
        // The system zlib, for inflating archive entries and PDF object streams during inspection.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Pure library: streaming authenticated encryption of large objects in AES-256-GCM segments.
        .target(
            name: "BlobCrypto",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swift6
        ),
        // Pure library: AWS Signature V4 and S3 request builders and answers, for S3-compatible storage (no networking).
        .target(
            name: "S3Client",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swift6
        ),
        // Pure library: ZIP archives written as a stream (stored entries, ZIP64), for workspace exports.
        .target(
            name: "ZipArchive",
            swiftSettings: swift6
        ),
        // Pure library: the gate for every outbound fetch made on a user's behalf (SSRF rules, REFERENCE §4).
        .target(
            name: "NetGuard",
            swiftSettings: swift6
        ),
        // Pure library: QR codes (ISO/IEC 18004, byte mode) rendered as SVG, for authenticator enrollment.
        .target(
            name: "QRCode",
            swiftSettings: swift6
        ),
        // Pure library: RFC 5321 SMTP client and RFC 5322 message writer (no Vapor).
        .target(
            name: "SMTPClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swift6
        ),
        // Bare Vapor app with one constant route: the baseline for `scripts/bench http`.
        .executableTarget(
            name: "parley-bench-bare",
            dependencies: [.product(name: "Vapor", package: "vapor")],
            path: "Sources/BenchBare",
            swiftSettings: swift6
        ),
        // Test helpers shared by every test target: withTestApp, database lanes, clocks, tools.
        .target(
            name: "ParleyTestSupport",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            path: "Tests/Support",
            exclude: ["tools"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "ParleyCoreTests",
            dependencies: ["ParleyCore", "NetGuard", "ParleyTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "WaitlistTests",
            dependencies: ["Waitlist", "ParleyTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "AccountsTests",
            dependencies: ["Accounts", "ParleyTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "WorkspacesTests",
            dependencies: ["Workspaces", "Accounts", "App", "ParleyTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "FilesTests",
            dependencies: [
                "Files", "Workspaces", "App", "ParleyTestSupport", "CZlib", "ZipArchive", "S3Client", "BlobCrypto",
            ],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "AIGatewayTests",
            dependencies: [
                "AIGateway", "App", "ParleyTestSupport", "OpenAICompat", "PIIRedaction",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "OpenAICompatTests",
            dependencies: ["OpenAICompat"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "PIIRedactionTests",
            dependencies: ["PIIRedaction"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "FileInspectionTests",
            dependencies: ["FileInspection", "CZlib"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "BlobCryptoTests",
            dependencies: ["BlobCrypto", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "S3ClientTests",
            dependencies: ["S3Client"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "ZipArchiveTests",
            dependencies: ["ZipArchive", "ParleyTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "QRCodeTests",
            dependencies: ["QRCode", "ParleyTestSupport"],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "NetGuardTests",
            dependencies: ["NetGuard", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "AppTests",
            dependencies: ["App", "Workspaces", "ParleyTestSupport", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swift6
        ),
        .testTarget(
            name: "SMTPClientTests",
            dependencies: ["SMTPClient", "ParleyTestSupport", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swift6
        ),
    ]
)
