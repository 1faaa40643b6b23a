import Foundation

/// The databases a data-touching test runs on. Use as `@Test(arguments: DatabaseLane.enabled)`.
package enum DatabaseLane: String, Sendable, CustomTestStringConvertible, CaseIterable {
    case sqlite, postgres

    /// SQLite always; PostgreSQL when `PARLEY_TEST_POSTGRES_URL` is set, and also under `PARLEY_TEST_REQUIRE_ALL=1`
    /// so that a missing server fails the run instead of quietly shrinking it.
    package static var enabled: [DatabaseLane] {
        TestEnvironment.postgresURL != nil || TestEnvironment.requireAll ? [.sqlite, .postgres] : [.sqlite]
    }

    package var testDescription: String { rawValue }
}

import Testing
