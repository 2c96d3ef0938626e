import ArgumentParser
import AuthCheckCore
import AuthCheckReport
import AuthCheckRun
import Foundation

/// Writes a draft (and a narrowed covering profile) atomically, prints what changed against the
/// extended profile and the todo lines, and checks the written files layered over the catalog the way
/// `profiles check` does.
struct DraftOutput {
    var result: DraftResult
    /// `-o`: a `.yaml` file, or a folder; `nil`: `reports/drafts/servers` or `reports/drafts/clients`.
    var output: String?
    var showEvidence: Bool

    /// The path the draft goes to.
    var draftPath: String {
        let name = "\(result.draft.placement.id).yaml"
        guard let output else { return "reports/drafts/\(result.draft.placement.client == nil ? "servers" : "clients")/\(name)" }
        if Self.namesFile(output) { return output }
        return (output as NSString).appendingPathComponent(name)
    }

    /// `-o` names the file itself (`next.yaml`, `NEXT.YML`), not a folder.
    static func namesFile(_ output: String) -> Bool {
        let lowered = output.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
    }

    /// Why `-o` cannot take the draft, found before the first request: empty, an existing file that is
    /// not a `.yaml`, a `.yaml` that is a folder, or a path through something that is not a folder.
    static func problem(with output: String) -> String? {
        guard !output.isEmpty else { return "-o: expected a .yaml file or a folder, got an empty path" }
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: output, isDirectory: &isFolder) {
            if namesFile(output), isFolder.boolValue { return "-o \(output): is a folder; name a .yaml file or the folder without .yaml" }
            if !namesFile(output), !isFolder.boolValue { return "-o \(output): exists and is neither a folder nor a .yaml file" }
            return nil
        }
        // The nearest existing ancestor must be a folder (AtomicFile creates the missing ones).
        var ancestor = ((namesFile(output) ? output : output + "/x") as NSString).deletingLastPathComponent
        while !ancestor.isEmpty, ancestor != "/", !files.fileExists(atPath: ancestor, isDirectory: &isFolder) {
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        if !ancestor.isEmpty, ancestor != "/", !isFolder.boolValue { return "-o \(output): \(ancestor) is not a folder" }
        return nil
    }

    func write(over sources: [ProfileSource]) throws {
        let draft = result.draft
        let placement = draft.placement
        let base = placement.extends.map { "extends \($0)" } ?? "a root profile (extends nothing)"
        if result.isRedundant, let covering = placement.narrowed {
            print(
                "No difference from \(covering.id) (\(draft.source)): \(covering.id) already describes \(result.observedVersion); nothing written")
            return
        }
        var lines = ["Draft \(placement.id) (\(placement.versions)), \(base); \(draft.source):"]
        if let replaced = placement.replaces { lines.append("  replaces \(replaced) (same id)") }
        lines += result.changes.isEmpty ? ["  no difference from \(placement.extends ?? "nothing")"] : result.changes.map { "  \($0)" }
        if !draft.todo.isEmpty {
            lines.append("todo (\(draft.todo.count)):")
            lines += draft.todo.map { "  - \($0)" }
        }
        if showEvidence {
            lines.append("observed:")
            lines += result.evidence.map { "  \($0)" }
        }
        let path = draftPath
        var written = [ProfileSource(path: path, text: draft.yaml, isOverlay: true)]
        if let narrowed = result.narrowedFile, let narrowing = placement.narrowed {
            let sibling = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
                (narrowed.path as NSString).lastPathComponent)
            written.append(ProfileSource(path: sibling, text: narrowed.text, isOverlay: true))
            lines.append("\(narrowing.id) now ends below \(placement.id): its range becomes \(narrowing.versions) (\(sibling))")
        }
        for file in written {
            do throws(ReportError) { try AtomicFile.write(Array(file.text.utf8), to: file.path) } catch { throw CLIError(error) }
            lines.append("wrote \(file.path)")
        }
        let catalog = ProfileCatalogLoader.load(sources + written)
        let mine = Set(written.map(\.path))
        let findings = catalog.diagnostics.filter { mine.contains($0.location.file) || $0.severity == .error }
        let errors = findings.filter { $0.severity == .error }.count
        var folder = (path as NSString).deletingLastPathComponent
        if ["servers", "clients"].contains((folder as NSString).lastPathComponent) { folder = (folder as NSString).deletingLastPathComponent }
        lines.append(
            "check (layered over the bundled profiles, as `profiles check \(folder.isEmpty ? "." : folder)` does): "
                + "\(errors) \(errors == 1 ? "error" : "errors"), \(findings.count - errors) todo \(findings.count - errors == 1 ? "warning" : "warnings")"
        )
        lines += findings.filter { $0.severity == .error }.map { "  \($0)" }
        print(lines.joined(separator: "\n"))
        if errors > 0 { throw ExitCode(65) }
    }
}
