/**
 * The request handler's router: module routes are made of static segments and `:param` segments
 * only (the route schema in `@orion/contracts` refuses anything else), so a match walks the path's
 * segments, trying a static segment before a parameter, and compares the method exactly.
 *
 * Paths are matched segment by segment after percent-decoding each segment once (`%6Eotes` is
 * `notes`, `a%2Fb` is the one parameter `a/b`); a sequence that does not decode is kept as it is.
 * Matching is case-sensitive and strict: a trailing or doubled slash makes an empty segment, which
 * no route has, so it answers no route.
 */
export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
}

interface Node<T> {
  static: Map<string, Node<T>>;
  param?: { name: string; node: Node<T> };
  /** What each method answers at this node. */
  routes: Map<string, T>;
}

const newNode = <T>(): Node<T> => ({ static: new Map(), routes: new Map() });

/** A router over `:param` paths: `add` the routes, then `match` a method and a path. */
export class RouteMatcher<T> {
  readonly #root: Node<T> = newNode();

  /**
   * Adds a route; `path` is `/` or `/segment/:param/...`. The first route added for a method and
   * path shape wins (the contracts refuse a route declared twice).
   */
  add(method: string, path: string, value: T): void {
    let node = this.#root;
    for (const segment of segmentsOf(path)) {
      if (segment.startsWith(':')) {
        const name = segment.slice(1);
        node.param ??= { name, node: newNode() };
        node = node.param.node;
      } else {
        let next = node.static.get(segment);
        if (!next) node.static.set(segment, (next = newNode()));
        node = next;
      }
    }
    if (!node.routes.has(method)) node.routes.set(method, value);
  }

  /** The route answering `method` at `pathname` (the URL's raw, still encoded path), if any. */
  match(method: string, pathname: string): RouteMatch<T> | undefined {
    const segments = segmentsOf(pathname).map(decodeComponent);
    return find(this.#root, segments, 0, method, []);
  }
}

function find<T>(
  node: Node<T>,
  segments: string[],
  index: number,
  method: string,
  values: string[],
): RouteMatch<T> | undefined {
  if (index === segments.length) {
    const value = node.routes.get(method);
    return value === undefined ? undefined : { value, params: {} };
  }
  const segment = segments[index]!;
  const next = node.static.get(segment);
  const found = next && find(next, segments, index + 1, method, values);
  if (found) return found;
  if (node.param && segment !== '') {
    const inner = find(node.param.node, segments, index + 1, method, values);
    if (inner) return { value: inner.value, params: { [node.param.name]: segment, ...inner.params } };
  }
  return undefined;
}

/** `/` has no segment; `/a/b` has `a` and `b`; `/a/` has `a` and an empty one. */
function segmentsOf(path: string): string[] {
  return path === '/' || path === '' ? [] : path.slice(1).split('/');
}

/**
 * A query string's values by name (`?a=1&a=2&b` is `{ a: ['1', '2'], b: [''] }`): `+` is a space,
 * percent sequences are decoded where they can be, and a pair without a name is dropped.
 */
export function queryValues(search: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (text === '') return result;
  for (const pair of text.split('&')) {
    const equals = pair.indexOf('=');
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    if (rawName === '') continue;
    const name = decodeQueryPart(rawName);
    const value = equals === -1 ? '' : decodeQueryPart(pair.slice(equals + 1));
    const values = result.get(name);
    if (values) values.push(value);
    else result.set(name, [value]);
  }
  return result;
}

function decodeQueryPart(text: string): string {
  return decodeComponent(text.replace(/\+/g, ' '));
}

/** Decodes every run of percent sequences that decodes, and keeps the others as they are. */
function decodeComponent(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
