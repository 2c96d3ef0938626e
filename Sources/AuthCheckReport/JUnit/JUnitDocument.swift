/// A JUnit XML document as data: what ``JUnitWriter`` writes and ``JUnitReader`` reads back.
///
/// Counts are not stored: they are always recomputed from the cases, so a merged or edited document can
/// never carry stale totals.
public struct JUnitDocument: Hashable, Sendable {
    /// The `testsuites@name`.
    public var name: String
    public var suites: [JUnitSuite]

    public init(name: String = "cvat-authcheck", suites: [JUnitSuite] = []) {
        self.name = name
        self.suites = suites
    }

    /// Totals over every suite.
    public var counts: JUnitCounts { suites.reduce(JUnitCounts()) { $0 + $1.counts } }

    /// Every case of every suite, in document order.
    public var cases: [JUnitCase] { suites.flatMap(\.cases) }
}

/// One `testsuite`: a target checked through one backend.
public struct JUnitSuite: Hashable, Sendable {
    public var name: String
    public var hostname: String
    /// `yyyy-MM-ddTHH:mm:ss`, UTC, without a zone designator (the Ant/Jenkins pattern).
    public var timestamp: String
    /// Seconds.
    public var time: Double
    public var properties: [JUnitProperty]
    public var cases: [JUnitCase]
    public var systemOut: String?
    public var systemErr: String?

    public init(
        name: String, hostname: String, timestamp: String, time: Double, properties: [JUnitProperty] = [],
        cases: [JUnitCase] = [], systemOut: String? = nil, systemErr: String? = nil
    ) {
        self.name = name
        self.hostname = hostname
        self.timestamp = timestamp
        self.time = time
        self.properties = properties
        self.cases = cases
        self.systemOut = systemOut
        self.systemErr = systemErr
    }

    /// The counts of this suite, computed from its cases.
    public var counts: JUnitCounts {
        var counts = JUnitCounts(time: time)
        for testCase in cases {
            counts.tests += 1
            switch testCase.result {
            case .passed: break
            case .failure: counts.failures += 1
            case .error: counts.errors += 1
            case .skipped: counts.skipped += 1
            }
        }
        return counts
    }

    /// The value of the first property called `name`.
    public func property(_ name: String) -> String? { properties.first { $0.name == name }?.value }
}

/// A `property` of a suite.
public struct JUnitProperty: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One `testcase`.
public struct JUnitCase: Hashable, Sendable {
    /// Dotted and stable: `cvat.<target>.<probe family>`.
    public var classname: String
    /// Unique within the classname.
    public var name: String
    /// Seconds.
    public var time: Double
    public var result: JUnitResult
    /// The redacted exchange transcripts.
    public var systemOut: String?
    public var systemErr: String?

    public init(
        classname: String, name: String, time: Double, result: JUnitResult, systemOut: String? = nil, systemErr: String? = nil
    ) {
        self.classname = classname
        self.name = name
        self.time = time
        self.result = result
        self.systemOut = systemOut
        self.systemErr = systemErr
    }
}

/// The single terminal state of a case.
public enum JUnitResult: Hashable, Sendable {
    case passed
    /// `<failure message type>body</failure>`: the diagnosis is the body.
    case failure(message: String, type: String, body: String)
    case error(message: String, type: String, body: String)
    case skipped(message: String, body: String)

    /// The `message` attribute, if any.
    public var message: String? {
        switch self {
        case .passed: nil
        case .failure(let message, _, _), .error(let message, _, _), .skipped(let message, _): message
        }
    }

    /// The element body, if any.
    public var body: String? {
        switch self {
        case .passed: nil
        case .failure(_, _, let body), .error(_, _, let body), .skipped(_, let body): body
        }
    }
}

/// The four counts JUnit consumers require, plus the time.
public struct JUnitCounts: Hashable, Sendable {
    public var tests = 0
    public var failures = 0
    public var errors = 0
    public var skipped = 0
    public var time: Double = 0

    public init(tests: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0, time: Double = 0) {
        self.tests = tests
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
        self.time = time
    }

    static func + (lhs: JUnitCounts, rhs: JUnitCounts) -> JUnitCounts {
        JUnitCounts(
            tests: lhs.tests + rhs.tests, failures: lhs.failures + rhs.failures, errors: lhs.errors + rhs.errors,
            skipped: lhs.skipped + rhs.skipped, time: lhs.time + rhs.time)
    }
}
