extension EmulatorConfiguration {
    /// A throwaway password for an emulated probe account: 24 random letters and digits, made fresh for
    /// each run so the tool's redaction is exercised on a value nobody typed.
    public static func throwawayPassword() -> String {
        RandomText.string(length: 24, from: RandomText.csrfAlphabet)
    }
}
