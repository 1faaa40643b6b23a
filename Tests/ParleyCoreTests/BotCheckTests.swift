import Crypto
import Foundation
import NIOConcurrencyHelpers
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct ProofOfWorkTests {
    static let work = ProofOfWork(masterKey: MasterKey(SymmetricKey(size: .bits256)), difficulty: 10)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aSolvedChallengeVerifies() throws {
        let issued = Self.work.issue(now: Self.now, random: .system)
        let solution = ProofOfWork.solve(nonce: issued.nonce, difficulty: 10)
        #expect(try Self.work.verify(nonce: issued.nonce, solution: solution, now: Self.now + 5) == issued.expiresAt)
    }

    @Test func aWrongSolutionFails() throws {
        let issued = Self.work.issue(now: Self.now, random: .system)
        let good = UInt64(ProofOfWork.solve(nonce: issued.nonce, difficulty: 10))!
        // Find a counter that does not meet the difficulty.
        let bad =
            (0..<good).first { ProofOfWork.leadingZeroBits(SHA256.hash(data: Data("\(issued.nonce):\($0)".utf8))) < 10 }
            ?? good + 1
        #expect(throws: BotCheckError.failed) {
            try Self.work.verify(nonce: issued.nonce, solution: String(bad), now: Self.now)
        }
    }

    @Test func anExpiredChallengeFails() throws {
        let issued = Self.work.issue(now: Self.now, random: .system)
        let solution = ProofOfWork.solve(nonce: issued.nonce, difficulty: 10)
        #expect(throws: BotCheckError.expired) {
            try Self.work.verify(nonce: issued.nonce, solution: solution, now: Self.now + 601)
        }
    }

    @Test func aNonceWithALoweredDifficultyIsRejected() throws {
        let issued = Self.work.issue(now: Self.now, random: .system)
        var parts = issued.nonce.split(separator: ".").map(String.init)
        parts[2] = "1"
        let forged = parts.joined(separator: ".")
        #expect(throws: BotCheckError.failed) {
            try Self.work.verify(
                nonce: forged, solution: ProofOfWork.solve(nonce: forged, difficulty: 1), now: Self.now)
        }
        let otherKey = ProofOfWork(masterKey: MasterKey(SymmetricKey(size: .bits256)), difficulty: 10)
        #expect(throws: BotCheckError.failed) {
            try otherKey.verify(
                nonce: issued.nonce, solution: ProofOfWork.solve(nonce: issued.nonce, difficulty: 10), now: Self.now)
        }
    }

    @Test(arguments: ["", "v1.1.2.3", "x.1.2.3.4", String(repeating: "a", count: 300)])
    func malformedNoncesAreRefused(_ nonce: String) {
        #expect(throws: BotCheckError.malformed) { try Self.work.verify(nonce: nonce, solution: "1", now: Self.now) }
    }

    @Test(arguments: DatabaseLane.enabled)
    func eachNonceIsSpentOnce(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            try await BotCheck.spend("v1.nonce", until: Self.now + 600, on: app.db)
            await #expect(throws: BotCheckError.replayed) {
                try await BotCheck.spend("v1.nonce", until: Self.now + 600, on: app.db)
            }
            try await BotCheck.prune(on: app.db, now: Self.now + 601)
            try await BotCheck.spend("v1.nonce", until: Self.now + 1200, on: app.db)
        }
    }

    @Test(.enabled(if: TestEnvironment.requireAll || TestEnvironment.hasNode, "needs node to run the browser script"))
    func theBrowserScriptsSolutionVerifies() async throws {
        let issued = Self.work.issue(now: Self.now, random: .system)
        let script = """
            globalThis.crypto ??= require('crypto').webcrypto;
            require(process.argv[1]);
            globalThis.ParleyBotCheck.solve(process.argv[2], Number(process.argv[3])).then(s => process.stdout.write(s));
            """
        let result = try await ChildProcess.run(
            "/usr/bin/env",
            ["node", "-e", script, TestEnvironment.repositoryRoot + "/Public/assets/bot-check.js", issued.nonce, "10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.work.verify(nonce: issued.nonce, solution: result.stdout, now: Self.now) == issued.expiresAt)
    }
}

/// A fake siteverify on loopback that gives each documented answer, chosen by the token.
@Suite struct TurnstileTests {
    static func withFakeSiteverify(_ body: (String, NIOLockedValueBox<[String: String]>) async throws -> Void)
        async throws
    {
        let fake = try await Application.make(.testing)
        let lastForm = NIOLockedValueBox<[String: String]>([:])
        fake.post("siteverify") { request async throws -> Response in
            let form = try request.content.decode([String: String].self)
            lastForm.withLockedValue { $0 = form }
            func json(_ text: String) -> Response {
                Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(string: text))
            }
            switch form["response"] {
            case "pass":
                return json(
                    #"{"success":true,"hostname":"parley.test","action":"waitlist","challenge_ts":"2026-11-22T10:00:00Z","error-codes":[]}"#
                )
            case "fail": return json(#"{"success":false,"error-codes":["invalid-input-response"]}"#)
            case "duplicate": return json(#"{"success":false,"error-codes":["timeout-or-duplicate"]}"#)
            case "wrong-host": return json(#"{"success":true,"hostname":"evil.test","action":"waitlist"}"#)
            case "wrong-action": return json(#"{"success":true,"hostname":"parley.test","action":"signup"}"#)
            case "server-error": return Response(status: .internalServerError)
            case "not-json":
                return Response(
                    status: .ok, headers: ["Content-Type": "text/html"], body: .init(string: "<html>hi</html>"))
            case "slow":
                try await Task.sleep(for: .seconds(4))
                return json(#"{"success":true,"hostname":"parley.test","action":"waitlist"}"#)
            default: return Response(status: .badRequest)
            }
        }
        try await fake.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = fake.http.server.shared.localAddress?.port ?? 0
        do {
            try await body("http://127.0.0.1:\(port)/siteverify", lastForm)
        } catch {
            await fake.server.shutdown()
            try await fake.asyncShutdown()
            throw error
        }
        await fake.server.shutdown()
        try await fake.asyncShutdown()
    }

    @Test(
        arguments: [
            ("pass", nil), ("fail", BotCheckError.failed), ("duplicate", .replayed), ("wrong-host", .failed),
            ("wrong-action", .failed), ("server-error", .unavailable), ("not-json", .unavailable),
            ("slow", .unavailable),
        ] as [(String, BotCheckError?)])
    func everyDocumentedAnswerIsHandled(_ token: String, _ expected: BotCheckError?) async throws {
        try await Self.withFakeSiteverify { url, lastForm async throws in
            try await withTestApp { app async throws in
                // Only the slow answer should hit the time-out; the others get room for a loaded machine.
                let timeout = token == "slow" ? 1 : 10
                let verifier = TurnstileVerifier(
                    configuration: .init(
                        siteKey: "site", secret: "s3cret", verifyURL: url, hostname: "parley.test",
                        timeoutSeconds: timeout),
                    client: app.client)
                if let expected {
                    await #expect(throws: expected) {
                        try await verifier.verify(
                            token: token, action: "waitlist", remoteIP: "203.0.113.4", idempotencyKey: "k")
                    }
                } else {
                    try await verifier.verify(
                        token: token, action: "waitlist", remoteIP: "203.0.113.4", idempotencyKey: "k")
                    let form = lastForm.withLockedValue { $0 }
                    #expect(form["secret"] == "s3cret")
                    #expect(form["remoteip"] == "203.0.113.4")
                }
            }
        }
    }

    @Test func anOverlongTokenIsRefusedWithoutAsking() async throws {
        try await withTestApp { app async throws in
            let verifier = TurnstileVerifier(
                configuration: .init(
                    siteKey: "s", secret: "x", verifyURL: "http://127.0.0.1:1/siteverify", hostname: "h",
                    timeoutSeconds: 1),
                client: app.client)
            await #expect(throws: BotCheckError.malformed) {
                try await verifier.verify(
                    token: String(repeating: "t", count: 2049), action: "waitlist", remoteIP: nil, idempotencyKey: "k")
            }
        }
    }

    @Test func productionRefusesTheTestSecrets() throws {
        for secret in TurnstileVerifier.testSecrets {
            let error = try #require(throws: SettingsError.self) {
                try SettingsLoader.load([
                    "PARLEY_PUBLIC_URL": "https://parley.example.com",
                    "PARLEY_TURNSTILE_SITE_KEY": "1x00000000000000000000AA",
                    "PARLEY_TURNSTILE_SECRET": secret,
                ])
            }
            #expect(error.problems.contains { $0.contains("test secrets") })
        }
        let development = try SettingsLoader.load([
            "PARLEY_ENV": "development", "PARLEY_TURNSTILE_SITE_KEY": "1x00000000000000000000AA",
            "PARLEY_TURNSTILE_SECRET": "1x0000000000000000000000000000000AA",
        ])
        #expect(development.turnstile?.hostname == "localhost")
        #expect(throws: SettingsError.self) { try SettingsLoader.load(["PARLEY_TURNSTILE_SITE_KEY": "only-half"]) }
    }
}
