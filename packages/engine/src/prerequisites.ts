/**
 * Keys of the flags that lie on a prerequisite cycle: members of a strongly connected component
 * with more than one flag, or with a flag that requires itself (Tarjan's algorithm).
 */
export function prerequisiteCycles(flags: ReadonlyMap<string, { prerequisites: { flag: string }[] }>): string[] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const onCycle: string[] = [];
  const connect = (key: string): void => {
    index.set(key, index.size);
    lowLink.set(key, index.get(key)!);
    stack.push(key);
    onStack.add(key);
    for (const { flag: next } of flags.get(key)!.prerequisites) {
      if (!flags.has(next)) continue;
      if (!index.has(next)) {
        connect(next);
        lowLink.set(key, Math.min(lowLink.get(key)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(key, Math.min(lowLink.get(key)!, index.get(next)!));
      }
    }
    if (lowLink.get(key) !== index.get(key)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== key);
    const selfLoop = flags.get(key)!.prerequisites.some((prerequisite) => prerequisite.flag === key);
    if (component.length > 1 || selfLoop) onCycle.push(...component);
  };
  for (const key of flags.keys()) if (!index.has(key)) connect(key);
  return onCycle;
}
