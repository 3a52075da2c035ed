/** "a.b.0" or "/a/b/0" (a problem's error path) → ['a', 'b', 0], the antd Form name of the field it blames. */
export function fieldName(path: string): (string | number)[] {
  return path
    .replace(/^\//, '')
    .split(/[./]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
