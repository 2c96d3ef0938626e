/// The profile files bundled with the tool.
public enum AuthCheckMatrices {}
