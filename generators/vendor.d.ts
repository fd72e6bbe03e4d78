// windows-1252 ships types, but its package.json `exports` does not point at them.
declare module 'windows-1252' {
  export function encode(text: string, options?: { mode?: 'fatal' | 'replacement' }): Uint16Array;
  export function decode(bytes: Uint8Array | Uint16Array | string, options?: { mode?: 'fatal' | 'replacement' }): string;
}
