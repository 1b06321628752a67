/**
 * The PowerShell program behind the Windows backend. A constant: the request
 * (operation, target, value) arrives as one JSON line on stdin, so nothing
 * secret — nor even the entry name — is ever on powershell's command line.
 * CredReadW/CredWriteW/CredDeleteW/CredEnumerateW from advapi32 through
 * Add-Type P/Invoke: `cmdkey` can store (with the password on its command
 * line) and delete but never read a password back, so it cannot be the
 * backend. Exit status: 0 done (a read prints the value), 2 no such entry,
 * 1 failed (the reason on stderr, never the value).
 */
export const WINDOWS_SCRIPT = String.raw`$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false
$request = [Console]::In.ReadToEnd() | ConvertFrom-Json
Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
public static class CredLaunchCredentialManager {
  const int CRED_TYPE_GENERIC = 1;
  const int CRED_PERSIST_LOCAL_MACHINE = 2;
  const int ERROR_NOT_FOUND = 1168;
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  struct CREDENTIAL {
    public int Flags; public int Type; public string TargetName; public string Comment;
    public System.Runtime.InteropServices.ComTypes.FILETIME LastWritten;
    public int CredentialBlobSize; public IntPtr CredentialBlob; public int Persist;
    public int AttributeCount; public IntPtr Attributes; public string TargetAlias; public string UserName;
  }
  [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern bool CredReadW(string target, int type, int flags, out IntPtr credential);
  [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern bool CredWriteW(ref CREDENTIAL credential, int flags);
  [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern bool CredDeleteW(string target, int type, int flags);
  [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern bool CredEnumerateW(string filter, int flags, out int count, out IntPtr credentials);
  [DllImport("advapi32.dll")]
  static extern void CredFree(IntPtr buffer);
  static Exception Failure() { return new Win32Exception(Marshal.GetLastWin32Error()); }
  public static string Read(string target) {
    IntPtr pointer;
    if (!CredReadW(target, CRED_TYPE_GENERIC, 0, out pointer)) {
      if (Marshal.GetLastWin32Error() == ERROR_NOT_FOUND) return null;
      throw Failure();
    }
    try {
      CREDENTIAL credential = (CREDENTIAL)Marshal.PtrToStructure(pointer, typeof(CREDENTIAL));
      byte[] blob = new byte[credential.CredentialBlobSize];
      Marshal.Copy(credential.CredentialBlob, blob, 0, blob.Length);
      return Encoding.UTF8.GetString(blob);
    } finally { CredFree(pointer); }
  }
  public static void Write(string target, string user, string value) {
    byte[] blob = Encoding.UTF8.GetBytes(value);
    CREDENTIAL credential = new CREDENTIAL();
    credential.Type = CRED_TYPE_GENERIC; credential.TargetName = target; credential.UserName = user;
    credential.Persist = CRED_PERSIST_LOCAL_MACHINE; credential.CredentialBlobSize = blob.Length;
    credential.CredentialBlob = Marshal.AllocHGlobal(blob.Length);
    try {
      Marshal.Copy(blob, 0, credential.CredentialBlob, blob.Length);
      if (!CredWriteW(ref credential, 0)) throw Failure();
    } finally { Marshal.FreeHGlobal(credential.CredentialBlob); }
  }
  public static bool Delete(string target) {
    if (CredDeleteW(target, CRED_TYPE_GENERIC, 0)) return true;
    if (Marshal.GetLastWin32Error() == ERROR_NOT_FOUND) return false;
    throw Failure();
  }
  public static string[] List(string filter) {
    int count; IntPtr pointers;
    if (!CredEnumerateW(filter, 0, out count, out pointers)) {
      if (Marshal.GetLastWin32Error() == ERROR_NOT_FOUND) return new string[0];
      throw Failure();
    }
    try {
      List<string> names = new List<string>();
      for (int i = 0; i < count; i++) {
        IntPtr item = Marshal.ReadIntPtr(pointers, i * IntPtr.Size);
        names.Add(((CREDENTIAL)Marshal.PtrToStructure(item, typeof(CREDENTIAL))).TargetName);
      }
      return names.ToArray();
    } finally { CredFree(pointers); }
  }
}
'@
try {
  switch ($request.op) {
    'read' { $value = [CredLaunchCredentialManager]::Read($request.target); if ($null -eq $value) { exit 2 }; [Console]::Out.Write($value) }
    'write' { [CredLaunchCredentialManager]::Write($request.target, $request.user, $request.value) }
    'remove' { if (-not [CredLaunchCredentialManager]::Delete($request.target)) { exit 2 } }
    'list' { [CredLaunchCredentialManager]::List($request.filter) | ForEach-Object { [Console]::Out.WriteLine($_) } }
    default { [Console]::Error.WriteLine('unknown operation'); exit 1 }
  }
} catch {
  [Console]::Error.WriteLine($_.Exception.Message); exit 1
}
exit 0
`;

/** The script as `-EncodedCommand` takes it: base64 of its UTF-16LE text. */
export function encodedWindowsScript(): string {
  return Buffer.from(WINDOWS_SCRIPT, 'utf16le').toString('base64');
}
