; Added to electron-builder's NSIS script (nsis.include in electron-builder.ts; read as UTF-8).
; Uninstalling removes the program, never the register: say where it stays.
; Skipped when an update runs the old version's uninstaller, and in silent mode.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    MessageBox MB_OK|MB_ICONINFORMATION "Toestemmingsregister is verwijderd. Uw gegevens zijn bewaard en niet gewist: de database en de reservekopieën staan in $APPDATA\Toestemmingsregister. Installeert u het programma opnieuw, dan vindt het ze daar terug. Wilt u ze echt kwijt, verwijder die map dan zelf, na een laatste reservekopie." /SD IDOK
  ${endIf}
!macroend
