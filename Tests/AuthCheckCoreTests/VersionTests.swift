import AuthCheckCore
import Testing

@Suite("CVATVersion and VersionRange parsing")
struct VersionTests {
    struct VersionCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: (Int, Int, Int, String?)?
        var testDescription: String { "'\(text)'" }
    }

    static let versionCases: [VersionCase] = [
        .init(text: "2.24.0", expected: (2, 24, 0, nil)),
        .init(text: "2.41", expected: (2, 41, 0, nil)),
        .init(text: "v2.48.1", expected: (2, 48, 1, nil)),
        .init(text: "V2.48.1", expected: (2, 48, 1, nil)),
        .init(text: "  2.80.0\n", expected: (2, 80, 0, nil)),
        .init(text: "2.80.0.dev20261015093000", expected: (2, 80, 0, "dev20261015093000")),
        .init(text: "2.80.dev1", expected: (2, 80, 0, "dev1")),
        .init(text: "2.80.0.dev", expected: (2, 80, 0, "dev")),
        .init(text: "", expected: nil),
        .init(text: "garbage", expected: nil),
        .init(text: "2", expected: nil),
        .init(text: "2.", expected: nil),
        .init(text: "2..0", expected: nil),
        .init(text: "2.48.1.4", expected: nil),
        .init(text: "2.48.x", expected: nil),
        .init(text: "-2.48.0", expected: nil),
        .init(text: "2.48.0-rc1", expected: nil),
        .init(text: "2.dev1", expected: nil),
        .init(text: "2.80.0.dev1.extra", expected: nil),
        .init(text: "2.80.0.dev-1", expected: nil),
        .init(text: "vv2.48.0", expected: nil),
        .init(text: "1234567890.1.1", expected: nil),
    ]

    @Test("parses every form CVAT reports and rejects garbage", arguments: versionCases)
    func parse(_ testCase: VersionCase) {
        let parsed = CVATVersion(testCase.text)
        if let (major, minor, patch, development) = testCase.expected {
            #expect(parsed == CVATVersion(major, minor, patch, development: development))
        } else {
            #expect(parsed == nil)
        }
    }

    @Test("a development build sorts before its release and after the previous one")
    func developmentOrdering() throws {
        let dev = try #require(CVATVersion("2.80.0.dev20261015093000"))
        let older = try #require(CVATVersion("2.80.0.dev20261001000000"))
        #expect(older < dev)
        #expect(dev < CVATVersion(2, 80, 0))
        #expect(CVATVersion(2, 79, 9) < dev)
        #expect(dev.release == CVATVersion(2, 80, 0))
        #expect(dev.isDevelopment)
        #expect(dev.description == "2.80.0.dev20261015093000")
        #expect(CVATVersion("2.41")?.description == "2.41.0")
        #expect(CVATVersion(2, 9, 0) < CVATVersion(2, 10, 0))  // numeric, not lexical
    }

    struct RangeCase: Sendable, CustomTestStringConvertible {
        var text: String
        var inside: [String]
        var outside: [String]
        var testDescription: String { "'\(text)'" }
    }

    static let rangeCases: [RangeCase] = [
        .init(text: ">=2.41.0 <2.46.0", inside: ["2.41.0", "2.45.9", "2.44.3", "v2.41"], outside: ["2.40.1", "2.46.0", "2.46.0.dev1"]),
        .init(text: ">=2.80.0 <2.81.0", inside: ["2.80.0", "2.80.5", "2.80.0.dev20261015093000"], outside: ["2.81.0", "2.79.0"]),
        .init(text: ">2.30.0 <=2.35.0", inside: ["2.30.1", "2.35.0"], outside: ["2.30.0", "2.35.1"]),
        .init(text: "==2.48.1", inside: ["2.48.1"], outside: ["2.48.0", "2.48.2"]),
        .init(text: "2.48.1", inside: ["2.48.1"], outside: ["2.48.0"]),
        .init(text: ">=2.24", inside: ["2.24.0", "3.0.0"], outside: ["2.23.9"]),
        .init(text: ">=2.41.0, <2.46.0", inside: ["2.42.0"], outside: ["2.46.0"]),
    ]

    @Test("ranges contain exactly their releases; dev builds count as their release", arguments: rangeCases)
    func contains(_ testCase: RangeCase) throws {
        let range = try VersionRange(parsing: testCase.text)
        for text in testCase.inside { #expect(range.contains(try #require(CVATVersion(text))), "\(text) should be in \(testCase.text)") }
        for text in testCase.outside { #expect(!range.contains(try #require(CVATVersion(text))), "\(text) should not be in \(testCase.text)") }
    }

    @Test("bounds and the canonical text")
    func bounds() throws {
        let range = try VersionRange(parsing: ">=2.41 <2.46.0")
        #expect(range.lowerBound?.version == CVATVersion(2, 41, 0))
        #expect(range.lowerBound?.inclusive == true)
        #expect(range.upperBound?.version == CVATVersion(2, 46, 0))
        #expect(range.upperBound?.inclusive == false)
        #expect(range.description == ">=2.41.0 <2.46.0")
        #expect(try VersionRange(parsing: ">=2.80.0").upperBound == nil)
    }

    @Test(
        "bad range text is rejected with the reason",
        arguments: [
            ("", "expected comparators"),
            ("garbage", "'garbage' is not a comparator"),
            (">=2.41.0 <banana", "'<banana' is not a comparator"),
            ("~>2.41", "'~>2.41' is not a comparator"),
            (">=2.46.0 <2.41.0", "the range is empty"),
            (">=2.46.0 <2.46.0", "the range is empty"),
        ])
    func rejects(_ text: String, _ reason: String) {
        #expect {
            try VersionRange(parsing: text)
        } throws: { error in
            guard let error = error as? VersionRange.ParseError else { return false }
            return error.description.contains(reason) && error.description.contains("invalid version range '\(text)'")
        }
    }
}
