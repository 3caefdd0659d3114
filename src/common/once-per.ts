// common/: once per object. A function of an object that is never changed once made (a described
// document, a loaded signatory) computed once for it, remembered as long as the object lives.

/** `make`, remembered per key object (a WeakMap: nothing is kept once the object is gone). */
export function oncePer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    if (made.has(key)) return made.get(key)!;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
