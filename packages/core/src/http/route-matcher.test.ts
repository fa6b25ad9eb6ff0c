import { describe, expect, it } from 'vitest';
import { queryValues, RouteMatcher } from './route-matcher.js';

function matcher(): RouteMatcher<string> {
  const routes = new RouteMatcher<string>();
  routes.add('GET', '/api/v1/store/shop', 'root');
  routes.add('GET', '/api/v1/store/shop/orders', 'list');
  routes.add('POST', '/api/v1/store/shop/orders', 'create');
  routes.add('GET', '/api/v1/store/shop/orders/:orderId', 'one');
  routes.add('GET', '/api/v1/store/shop/orders/latest', 'latest');
  routes.add('PATCH', '/api/v1/store/shop/orders/:orderId/status', 'status');
  routes.add('GET', '/api/v1/store/shop/stores/:storeId/orders/:orderId', 'nested');
  return routes;
}

describe('RouteMatcher', () => {
  it('matches static paths and the method exactly', () => {
    const routes = matcher();
    expect(routes.match('GET', '/api/v1/store/shop/orders')).toEqual({ value: 'list', params: {} });
    expect(routes.match('POST', '/api/v1/store/shop/orders')).toEqual({ value: 'create', params: {} });
    expect(routes.match('GET', '/api/v1/store/shop')).toEqual({ value: 'root', params: {} });
    // a path that exists under another method answers no route (404, as an unknown path)
    expect(routes.match('DELETE', '/api/v1/store/shop/orders')).toBeUndefined();
    expect(routes.match('patch', '/api/v1/store/shop/orders/1/status')).toBeUndefined();
  });

  it('reads :param segments, and tries a static segment first', () => {
    const routes = matcher();
    expect(routes.match('GET', '/api/v1/store/shop/orders/42')).toEqual({ value: 'one', params: { orderId: '42' } });
    expect(routes.match('GET', '/api/v1/store/shop/orders/latest')).toEqual({ value: 'latest', params: {} });
    expect(routes.match('PATCH', '/api/v1/store/shop/orders/latest/status')).toEqual({
      value: 'status',
      params: { orderId: 'latest' },
    });
    expect(routes.match('GET', '/api/v1/store/shop/stores/7/orders/9')).toEqual({
      value: 'nested',
      params: { storeId: '7', orderId: '9' },
    });
  });

  it('is strict: trailing or doubled slashes, other case, missing or extra segments match nothing', () => {
    const routes = matcher();
    for (const path of [
      '/api/v1/store/shop/orders/',
      '/api/v1/store/shop/',
      '/api/v1/store/shop//orders',
      '/api/v1/store/shop/orders//42',
      '/api/v1/store/shop/Orders',
      '/API/v1/store/shop',
      '/api/v1/store',
      '/api/v1/store/shop/orders/42/extra',
      '/',
    ]) {
      expect(routes.match('GET', path), path).toBeUndefined();
    }
  });

  it('decodes each segment once, keeping a sequence that does not decode', () => {
    const routes = matcher();
    expect(routes.match('GET', '/api/v1/store/shop/%6Frders/4%32')).toEqual({
      value: 'one',
      params: { orderId: '42' },
    });
    expect(routes.match('GET', '/api/v1/store/shop/orders/a%2Fb')?.params).toEqual({ orderId: 'a/b' });
    expect(routes.match('GET', '/api/v1/store/shop/orders/%C3%A9%20x')?.params).toEqual({ orderId: 'é x' });
    expect(routes.match('GET', '/api/v1/store/shop/orders/%E0%A4%A')?.params).toEqual({ orderId: '%E0%A4%A' });
    expect(routes.match('GET', '/api/v1/store/shop/orders/%2525')?.params).toEqual({ orderId: '%25' });
  });

  it('keeps the first route added for a method and path shape', () => {
    const routes = new RouteMatcher<string>();
    routes.add('GET', '/a/:x', 'first');
    routes.add('GET', '/a/:y', 'second');
    expect(routes.match('GET', '/a/1')).toEqual({ value: 'first', params: { x: '1' } });
  });
});

describe('queryValues', () => {
  it('collects repeated names, decodes + and percent sequences, and drops nameless pairs', () => {
    expect(Object.fromEntries(queryValues('?a=1&a=2&b=x+y&c=%41&d&e=&f=%E0%A4%A&g=a%2Bb&=x&h=1=2'))).toEqual({
      a: ['1', '2'],
      b: ['x y'],
      c: ['A'],
      d: [''],
      e: [''],
      f: ['%E0%A4%A'],
      g: ['a+b'],
      h: ['1=2'],
    });
    expect(Object.fromEntries(queryValues('?%61=1&a=2&a%20b=c%20d&a+b=q'))).toEqual({
      a: ['1', '2'],
      'a b': ['c d', 'q'],
    });
    expect(queryValues('').size).toBe(0);
    expect(queryValues('?').size).toBe(0);
  });
});
