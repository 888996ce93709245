; Inno Setup script of mpesa-desktop's Windows installer (documented in packaging/README.md; not
; built by CI). Build the bundle first (python packaging\build.py), then, from the repository root:
;   iscc /DAppVersion=<version> packaging\windows\mpesa-desktop.iss
; with <version> from `dist\mpesa-desktop\mpesa-desktop-cli.exe --version` (the app's one place).
; Writes dist\mpesa-desktop-<version>-setup.exe.
;
; Installs per user by default (no administrator needed; the clerk's IT person may choose all
; users), a Start menu entry and an optional desktop icon. The uninstaller removes the program and
; leaves the settings and transaction logs (under %LOCALAPPDATA%\mpesa-desktop, where platformdirs
; puts them) unless the person uninstalling says to delete them; a silent uninstall keeps them.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\mpesa-desktop.iss
#endif

#define AppName "mpesa-desktop"
#define Bundle "..\..\dist\mpesa-desktop"

[Setup]
; A fixed id: an update installs over the previous version instead of beside it.
AppId={{6C0F3E0A-6A53-4C8B-9E3B-2D8E5B7F4A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The mpesa-desktop developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\mpesa-desktop.ico
UninstallDisplayIcon={app}\mpesa-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\mpesa-desktop.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\mpesa-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\mpesa-desktop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\{#AppName}');
    if DirExists(DataDir) and not UninstallSilent() then
      if MsgBox('Also delete your mpesa-desktop settings and transaction logs in ' + DataDir +
                '?' + #13#10#13#10 + 'Choose No to keep them for a later installation.',
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
