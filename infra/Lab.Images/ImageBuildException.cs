namespace Lab.Images;

/// <summary>An image could not be built (no mirror, debootstrap or apt failed); the message says what and where the log is.</summary>
public sealed class ImageBuildException(string message) : Lab.Core.Errors.LabException(message);
