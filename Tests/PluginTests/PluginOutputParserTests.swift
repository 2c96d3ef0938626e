import Foundation
import Testing

@testable import AuthCheckPlugins

/// The protocol reader without any process: lines in, messages and events out.
@Suite("Plugin output parser")
struct PluginOutputParserTests {
    static let hello = #"{"type":"hello","protocol":1,"plugin":"p"}"#

    func parse(_ chunks: [String], limits: PluginLimits = PluginLimits()) -> (PluginOutputParser, [PluginOutputParser.Event]) {
        var parser = PluginOutputParser(limits: limits)
        var events: [PluginOutputParser.Event] = []
        for chunk in chunks { events += parser.consume(Data(chunk.utf8)) }
        events += parser.finish()
        return (parser, events)
    }

    @Test("each message type decodes once into its case; lines may arrive split across chunks")
    func decodes() {
        let (parser, events) = parse([
            Self.hello + "\n" + #"{"type":"outcome","name":"n","sta"#,
            #"tus":"fail","facts":{"k":"v"},"cause":"c"}"# + "\n",
            #"{"type":"secret","value":"tok"}"# + "\n" + #"{"type":"log","message":"hi"}"# + "\n",
            #"{"type":"describe","probes":[{"id":"a.b"}]}"# + "\n" + #"{"type":"future","x":1}"# + "\n",
            #"{"type":"done"}"#,
        ])
        #expect(events == [.done])
        guard parser.messages.count == 7, case .outcome(let outcome) = parser.messages[1], case .describe(let description) = parser.messages[4] else {
            Issue.record("\(parser.messages)")
            return
        }
        #expect(parser.messages[0] == .hello(protocolVersion: 1, plugin: "p"))
        #expect(outcome.status == .fail && outcome.name == "n" && outcome.facts == ["k": "v"] && outcome.cause == "c" && outcome.evidence.isEmpty)
        #expect(parser.messages[2] == .secret("tok"))
        #expect(parser.messages[3] == .log("hi"))
        #expect(description.probes.map(\.id) == ["a.b"] && description.backends.isEmpty)
        #expect(parser.messages[5] == .unknown(type: "future"))
        #expect(parser.messages[6] == .done)
    }

    @Test("an outcome without a usable status is kept as invalidOutcome and does not stop the plugin")
    func invalidOutcome() {
        let (parser, events) = parse([
            Self.hello + "\n" + #"{"type":"outcome","name":"x"}"# + "\n" + #"{"type":"outcome","status":"great"}"# + "\n{\"type\":\"done\"}\n"
        ])
        #expect(events == [.done])
        #expect(parser.messages[1] == .invalidOutcome(problem: "an outcome without 'status'"))
        #expect(parser.messages[2] == .invalidOutcome(problem: "status 'great' is not one of pass, fail, error, skipped"))
    }

    @Test("order and shape violations fail with the line and the problem; nothing is read after that")
    func violations() {
        #expect(parse([#"{"type":"done"}"# + "\n"]).1 == [.failed(.missingHello(line: 1))])
        #expect(parse([#"{"type":"hello","protocol":2}"# + "\n"]).1 == [.failed(.protocolMismatch(2))])
        #expect(parse([#"{"type":"hello"}"# + "\n"]).1 == [.failed(.protocolMismatch(nil))])
        #expect(
            parse(["\n" + Self.hello + "\nTraceback\n{\"type\":\"done\"}\n"]).1
                == [.failed(.garbage(line: 3, excerpt: "Traceback", problem: "not a JSON object"))])
        #expect(
            parse([Self.hello + "\n" + #"{"kind":"x"}"# + "\n"]).1 == [
                .failed(.garbage(line: 2, excerpt: #"{"kind":"x"}"#, problem: "missing 'type'"))
            ])
        let (parser, events) = parse([Self.hello + "\n" + #"{"type":"outcome","status":"pass","facts":{"k":1}}"# + "\n{\"type\":\"done\"}\n"])
        guard case .failed(.garbage(line: 2, _, let problem)) = events.first else {
            Issue.record("\(events)")
            return
        }
        #expect(problem.hasPrefix("'facts.k':"))
        #expect(parser.messages == [.hello(protocolVersion: 1, plugin: "p")])
    }

    @Test("limits: total bytes, line length and outcome count")
    func limits() {
        let small = PluginLimits(maxOutputBytes: 200, maxLineBytes: 60, maxOutcomes: 1)
        #expect(
            parse([Self.hello + "\n", String(repeating: "x", count: 200)], limits: small).1 == [.failed(.oversize("more than 200 bytes on stdout"))])
        #expect(
            parse([Self.hello + "\n" + String(repeating: "x", count: 61)], limits: small).1 == [.failed(.oversize("a line longer than 60 bytes"))])
        let outcome = #"{"type":"outcome","status":"pass"}"#
        #expect(parse([Self.hello + "\n" + outcome + "\n" + outcome + "\n"], limits: small).1 == [.failed(.oversize("more than 1 outcomes"))])
    }

    @Test("lines after done are ignored")
    func afterDone() {
        let (parser, events) = parse([Self.hello + "\n{\"type\":\"done\"}\nnot json\n"])
        #expect(events == [.done])
        #expect(parser.messages.count == 2)
    }
}
