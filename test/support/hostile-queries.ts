/** Operations that once took the stack down (issue 7), for the limits tests. */

/** `fragment F1 on Query { ...F2 ...F2 }` ... down to one field: 2^(levels-1) copies of it in under 1.3 kB. */
export function doublingFragments(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i + 1} on Query { operators(first: 1) { totalCount } }`
      : `fragment F${i + 1} on Query { ...F${i + 2} ...F${i + 2} }`,
  );
  return `query Q { ...F1 }\n${fragments.join('\n')}`;
}

/** `operators(first: 100) { nodes { storefronts { operator { storefronts { operator { ... name } } } } } }`. */
export function storefrontNesting(levels: number, first = 100): string {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `storefronts { operator { ${inner} } }`;
  return `{ operators(first: ${first}) { nodes { uscc ${inner} } } }`;
}

/** `count` aliases of the same field selection, `a1: <selection> a2: <selection> ...`. */
export function aliases(count: number, selection: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i + 1}: ${selection}`).join(' ')} }`;
}
