/**
 * Names and small code pieces both of our validator emitters (fast.ts, full.ts) write with: identifiers made
 * of property names, stable hashed names, names given once per scope, and the definition a `$ref` names.
 */
import { jsString } from '../escape.js';
import { isPlainObject as isObject } from '../conforms.js';
import { refTokenKey } from '../schema/walk.js';

/** The definition a `$ref` names (`#/$defs/Name`), '' for the root (`#`), undefined for any other reference. */
export function defName(ref: string, defs: Record<string, unknown>): string | undefined {
  if (ref === '#') return '';
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  if (match === null) return undefined;
  let name: string;
  try {
    name = refTokenKey(match[1] as string);
  } catch {
    return undefined;
  }
  return Object.hasOwn(defs, name) ? name : undefined;
}

/** An identifier part made of a name: ASCII word characters only. */
export function idPart(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(cleaned) || cleaned === '' ? `_${cleaned}` : cleaned;
}

export const capital = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** A property read: dotted when the name is an identifier, else with its name as a string literal. */
export function member(object: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${object}.${name}` : `${object}[${jsString(name)}]`;
}

/** A stable name part for generated text (FNV-1a, 32 bits, hex): the same checks, the same name, in any run. */
export function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * Names given once in a scope: `base`, then `base2`, `base3`, …; a base ending with `$` (a local) keeps that
 * `$` last (`key$`, `key2$`), so a local never takes a module constant's name (those never end with `$`).
 */
export class Names {
  private readonly taken: Set<string>;
  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }
  give(base: string): string {
    const stem = base.replace(/\$+$/, '');
    const tail = base.slice(stem.length);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${stem}${n}${tail}`;
    this.taken.add(name);
    return name;
  }
}


/** The definition among `sharedEnums` whose `enum` is exactly this list (its Set lives in the shared module), if any. */
export function sharedEnumOf(values: readonly unknown[], sharedEnums: ReadonlySet<string>, defs: Record<string, unknown>): string | undefined {
  return [...sharedEnums].find((name) => {
    const def = defs[name];
    const list = isObject(def) ? def['enum'] : undefined;
    return Array.isArray(list) && list.length === values.length && list.every((x, i) => x === values[i]);
  });
}

/**
 * One function per definition a schema reaches (its root and the `$defs` its `$ref`s name): named `validate`
 * + the definition's name the first time it is asked for, written once each, and put in the module in the
 * order the schema lists its definitions (the root first), so a new definition moves no other.
 */
export class DefFunctions {
  readonly root: string;
  private readonly names = new Map<string, string>();
  private readonly queue: string[] = [''];

  constructor(
    private readonly moduleNames: Names,
    rootName: string,
    private readonly defs: Record<string, unknown>,
  ) {
    this.root = moduleNames.give(`validate${idPart(rootName)}`.replace(/\$+$/, ''));
    this.names.set('', this.root);
  }

  /** The function of a definition ('' for the root), queued to be written on first use. */
  of(def: string): string {
    let name = this.names.get(def);
    if (name === undefined) {
      name = this.moduleNames.give(`validate${capital(idPart(def))}`.replace(/\$+$/, ''));
      this.names.set(def, name);
      this.queue.push(def);
    }
    return name;
  }

  /** The function checking a `$ref`'s target, or undefined when it names no definition of this schema. */
  ofRef(ref: string): string | undefined {
    const def = defName(ref, this.defs);
    return def === undefined ? undefined : this.of(def);
  }

  /** Every function's code (`write` gives one; writing may ask for more), in the module's order. */
  writeAll(write: (def: string, fn: string) => string): string[] {
    const written = new Map<string, string>();
    for (let def = this.queue.shift(); def !== undefined; def = this.queue.shift()) written.set(def, write(def, this.names.get(def) as string));
    return ['', ...Object.keys(this.defs).filter((d) => written.has(d))].map((d) => written.get(d) as string);
  }
}

/** Module constants, each defined once by its initialiser: the same value, the same name (made from `base`). */
export class ModuleConstants {
  private readonly byInit = new Map<string, string>();

  constructor(private readonly names: Names) {}

  /** The constant's name; its declaration goes to `into` the first time. */
  define(base: string, init: string, into: string[]): string {
    let name = this.byInit.get(init);
    if (name === undefined) {
      // Module names never end with `$`; locals and our helpers always do.
      name = this.names.give(idPart(base).replace(/\$+$/, '') || '_');
      this.byInit.set(init, name);
      into.push(`const ${name} = ${init};`);
    }
    return name;
  }
}
