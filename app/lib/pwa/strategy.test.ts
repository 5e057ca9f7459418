import { describe, expect, it } from 'vitest';
import { cacheName, filesToKeep, staleCaches, strategyFor } from './strategy.ts';

const SHELL = ['./', './chains.json', './favicon.svg', './manifest.webmanifest', './icon-192.png'];
const scopes = ['https://compartilha.example/', 'https://gateway.example/ipfs/bafyabc/'];

describe('strategyFor', () => {
  for (const scope of scopes) {
    const get = (rel: string, mode = 'cors') => strategyFor({ url: new URL(rel, scope).href, method: 'GET', mode }, scope, SHELL);
    it(`under ${new URL(scope).pathname}: the page and chains.json network first, hashed assets and the shell cache first`, () => {
      expect(get('./', 'navigate')).toEqual({ kind: 'network-first', key: './' });
      expect(get('./index.html')).toEqual({ kind: 'network-first', key: './' });
      expect(get('./?utm=x', 'navigate')).toEqual({ kind: 'network-first', key: './' });
      expect(get('./chains.json')).toEqual({ kind: 'network-first', key: './chains.json' });
      expect(get('./assets/main-abc123.js')).toEqual({ kind: 'cache-first' });
      expect(get('./icon-192.png', 'no-cors')).toEqual({ kind: 'cache-first' });
      expect(get('./sw.js')).toEqual({ kind: 'pass' });
      expect(get('./something-else.txt')).toEqual({ kind: 'pass' });
    });
  }

  it('never touches the RPC, another origin, a POST or a path outside the scope', () => {
    const scope = scopes[1]!;
    expect(strategyFor({ url: 'http://127.0.0.1:8545/', method: 'POST', mode: 'cors' }, scope, SHELL)).toEqual({ kind: 'pass' });
    expect(strategyFor({ url: 'https://rpc.example/chains.json', method: 'GET', mode: 'cors' }, scope, SHELL)).toEqual({ kind: 'pass' });
    expect(strategyFor({ url: `${scope}chains.json`, method: 'POST', mode: 'cors' }, scope, SHELL)).toEqual({ kind: 'pass' });
    expect(strategyFor({ url: 'https://gateway.example/ipfs/bafyother/assets/a.js', method: 'GET', mode: 'cors' }, scope, SHELL)).toEqual({ kind: 'pass' });
    expect(strategyFor({ url: 'https://gateway.example/assets/a.js', method: 'GET', mode: 'cors' }, scope, SHELL)).toEqual({ kind: 'pass' });
  });
});

describe('staleCaches', () => {
  it("deletes this scope's older releases only, never another CID's on the same gateway", () => {
    const [root, gw] = scopes as [string, string];
    const names = [
      cacheName(gw, 'v1'),
      cacheName(gw, 'v2'),
      cacheName(`${gw}sub/`, 'v1'),
      cacheName('https://gateway.example/ipfs/bafyother/', 'v1'),
      cacheName(root, 'v1'),
      'someone-else',
    ];
    expect(staleCaches(names, gw, 'v2')).toEqual([cacheName(gw, 'v1')]);
    expect(staleCaches(names, root, 'v2')).toEqual([cacheName(root, 'v1')]);
    expect(staleCaches(names, gw, 'v1')).toEqual([cacheName(gw, 'v2')]);
  });
});

describe('filesToKeep', () => {
  it("keeps the release's own chunks a first visit loaded, never an RPC, chains.json, another folder or junk", () => {
    const scope = scopes[1]!;
    const urls = [
      `${scope}assets/DashboardPage-a1.js`,
      `${scope}assets/DashboardPage-a1.js`,
      `${scope}favicon.svg`,
      `${scope}chains.json`,
      `${scope}`,
      'http://127.0.0.1:8545/',
      'https://gateway.example/ipfs/bafyother/assets/x.js',
      'not a url',
      42,
    ];
    expect(filesToKeep(urls, scope, SHELL)).toEqual([`${scope}assets/DashboardPage-a1.js`, `${scope}favicon.svg`]);
    expect(filesToKeep({ urls }, scope, SHELL)).toEqual([]);
  });
});
