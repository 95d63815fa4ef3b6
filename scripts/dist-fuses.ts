// Electron's fuses for the packaged app, flipped in electron-builder's afterPack hook: after the
// app is packed (and, on Windows, the asar's hash is written into the .exe) and before signing.
// With the fuses set, the installed binary cannot be turned into a plain Node (RunAsNode,
// NODE_OPTIONS, --inspect), runs only the app from its own app.asar, and refuses an app.asar
// whose hash does not match (Windows and macOS check it; Linux has no such check yet).
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'
import { join } from 'node:path'
import { Arch, type AfterPackContext } from 'electron-builder'

export const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // GrantFileProtocolExtraPrivileges stays as Electron ships it (on): the window loads the app
  // from file://, and its module scripts need that privilege (see electron/main/window.ts).
} satisfies FuseV1Config

/** The packed Electron binary, under the name electron-builder gave it. */
export function packedBinary(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context
  const product = packager.appInfo.productFilename
  if (electronPlatformName === 'win32') return join(appOutDir, `${product}.exe`)
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${product}.app`)
  // The Linux packager names the binary after `executableName` (electron-builder.ts).
  const linuxName = 'executableName' in packager ? String(packager.executableName) : packager.appInfo.sanitizedName.toLowerCase()
  return join(appOutDir, linuxName)
}

export async function setFuses(context: AfterPackContext): Promise<void> {
  const binary = packedBinary(context)
  // arm64 macOS binaries carry an ad-hoc signature that flipping a byte breaks: re-sign it.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === Arch.arm64
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature })
  console.log(`  • fuses set in ${binary}: RunAsNode, NODE_OPTIONS and --inspect off; cookie encryption, only-from-asar and asar integrity on`)
}
