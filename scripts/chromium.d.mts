/** Types for scripts/chromium.mjs (a plain script so `npm test` can run it before anything is built). */
export interface Found {
  path: string;
  from: string;
}
export const COMMANDS: string[];
export const FALLBACKS: string[];
export const HOW_TO_INSTALL: string;
export function isExecutableFile(path: string): boolean;
export function locateChromium(options?: {
  env?: Record<string, string | undefined>;
  isExecutable?: (path: string) => boolean;
  fallbacks?: string[];
}): Found | undefined;
export function canInstallWithApt(): boolean;
export function ensureChromium(options?: {
  log?: (line: string) => void;
  run?: (command: string, args: string[]) => { code: number | null; output: string };
  canInstall?: () => boolean;
  locate?: () => Found | undefined;
}): Found;
