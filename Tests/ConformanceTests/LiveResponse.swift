/// The emulator's answer to one replayed request, every header line kept.
struct LiveResponse: Sendable {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: String

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var setCookies: [String] {
        headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
    }
}
