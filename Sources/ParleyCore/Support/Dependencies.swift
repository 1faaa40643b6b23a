import Foundation
import Vapor

/// The current time. Tests swap in a fixed or stepping clock.
package struct AppClock: Sendable {
    package var now: @Sendable () -> Date
    package init(now: @escaping @Sendable () -> Date) { self.now = now }
    package static let system = AppClock { Date() }
}

/// Random bytes from the system CSPRNG. Tests may swap in a seeded source.
package struct RandomSource: Sendable {
    package var bytes: @Sendable (Int) -> [UInt8]
    package var unit: @Sendable () -> Double
    package init(bytes: @escaping @Sendable (Int) -> [UInt8], unit: @escaping @Sendable () -> Double) {
        self.bytes = bytes
        self.unit = unit
    }

    package static let system = RandomSource(
        bytes: { count in
            // Eight bytes per draw from the system CSPRNG rather than one.
            var generator = SystemRandomNumberGenerator()
            var out: [UInt8] = []
            out.reserveCapacity(count + 7)
            while out.count < count {
                withUnsafeBytes(of: generator.next() as UInt64) { out.append(contentsOf: $0) }
            }
            return Array(out.prefix(count))
        },
        unit: { Double.random(in: 0..<1) }
    )

    /// A lowercase hex token of `byteCount` random bytes.
    package func hexToken(byteCount: Int = 16) -> String {
        bytes(byteCount).hexString
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }
    private struct MasterKeyKey: StorageKey { typealias Value = MasterKey }
    private struct ClockKey: StorageKey { typealias Value = AppClock }
    private struct RandomKey: StorageKey { typealias Value = RandomSource }

    package var settings: Settings {
        get {
            guard let settings = storage[SettingsKey.self] else {
                fatalError("Settings are set in configure() before use")
            }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }

    /// Loaded by `prepareStorage()`; nil for commands that touch no data (`version`).
    package var masterKey: MasterKey? {
        get { storage[MasterKeyKey.self] }
        set { storage[MasterKeyKey.self] = newValue }
    }

    package var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }

    package var random: RandomSource {
        get { storage[RandomKey.self] ?? .system }
        set { storage[RandomKey.self] = newValue }
    }
}
