using System.Security.Cryptography;
using System.Text;

namespace Nightshift.Durable.Engine;

/// <summary>Name-based (version 5) UUIDs: the same name always gives the same GUID.</summary>
internal static class DeterministicGuid
{
    // A fixed namespace so that Nightshift's GUIDs never collide with other v5 generators' names.
    private static readonly byte[] NamespaceBytes = new Guid("9e952958-5e33-4daf-827f-2fa12937b875").ToByteArray(bigEndian: true);

    public static Guid Create(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[NamespaceBytes.Length + nameBytes.Length];
        NamespaceBytes.CopyTo(buffer, 0);
        nameBytes.CopyTo(buffer, NamespaceBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is naming, not security.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
