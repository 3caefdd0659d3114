// common/: once per object. A function of an object that is never changed once made (a described
// document, a loaded signatory) computed once for it, remembered as long as the object lives; or made
// again when what it was made from changed (MadeFrom).

/** `make`, remembered per key object (a WeakMap: nothing is kept once the object is gone). */
export function oncePer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  return rememberedIn(new WeakMap<K, V>(), make);
}

/**
 * `make`, remembered per string: for what few distinct keys (language tags) decide and millions of calls
 * ask for, such as Intl formatters, which cost microseconds to make and nothing to use again.
 */
export function oncePerText<V>(make: (key: string) => V): (key: string) => V {
  return rememberedIn(new Map<string, V>(), make);
}

function rememberedIn<K, V>(made: { has(key: K): boolean; get(key: K): V | undefined; set(key: K, value: V): unknown }, make: (key: K) => V): (key: K) => V {
  return (key) => {
    if (made.has(key)) return made.get(key)!;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}

/**
 * Values remembered per key object for as long as the inputs they were made from stay the same (each
 * compared with ===): for what is made of objects that may still grow (a letter's signatories while they
 * load, a releases array) or of the key with other objects (a release with its letter and rules).
 */
export class MadeFrom<K extends object, V> {
  private readonly made = new WeakMap<K, { inputs: readonly unknown[]; value: V }>();

  /** The value made for `key` from these very `inputs`, or `make()`'s, remembered. */
  get(key: K, inputs: readonly unknown[], make: () => V): V {
    const made = this.made.get(key);
    if (made && made.inputs.length === inputs.length && made.inputs.every((input, i) => input === inputs[i])) return made.value;
    const value = make();
    this.made.set(key, { inputs, value });
    return value;
  }
}
