/** The one Content-Security-Policy <meta> of an HTML text (comments ignored), as directive → sources. */
export function cspDirectives(html: string): Map<string, string[]> {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  const metas = [...withoutComments.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  expect(metas).toHaveLength(1);
  const directives = new Map<string, string[]>();
  for (const part of metas[0][1].split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name)).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}
