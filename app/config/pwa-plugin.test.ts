import { describe, expect, it } from 'vitest';
import { fillWorker, htmlRefs, offlineChunks } from './pwa-plugin.ts';

describe('pwa-plugin', () => {
  it('lists the relative files index.html loads, once each, and nothing absolute or remote', () => {
    const html = `<link rel="icon" href="./favicon.svg"><script type="module" src="./assets/index-a.js"></script>
      <link rel="modulepreload" href="./assets/main-b.js"><link rel="stylesheet" href="./assets/main-c.css">
      <link rel="icon" href="./favicon.svg"><a href="https://example.org/x">x</a><img src="/abs.png">`;
    expect(htmlRefs(html)).toEqual(['./favicon.svg', './assets/index-a.js', './assets/main-b.js', './assets/main-c.css']);
  });

  it('fills the version and the shell into the built worker, and refuses a worker without its slots', () => {
    const code = 'var r=`__COMPARTILHA_SW_VERSION__`,i=["__COMPARTILHA_SW_SHELL__"];';
    expect(fillWorker(code, 'abc', ['./', './a.js'])).toBe('var r="abc",i=["./","./a.js"];');
    expect(() => fillWorker('var r=1;', 'abc', [])).toThrow(/placeholders/);
  });

  it('keeps a lazy module offline with every chunk it imports, and nothing else', () => {
    const bundle = {
      'assets/lang-en-a.js': { type: 'chunk', facadeModuleId: '/p/app/lib/lang-en.ts', imports: ['assets/errors-b.js'] },
      'assets/errors-b.js': { type: 'chunk', facadeModuleId: null, imports: ['assets/format-c.js'] },
      'assets/format-c.js': { type: 'chunk', facadeModuleId: null, imports: ['assets/errors-b.js'] },
      'assets/Chart-d.js': { type: 'chunk', facadeModuleId: '/p/app/features/history/Chart.tsx', imports: [] },
      'assets/main.css': { type: 'asset' },
    };
    expect(offlineChunks(bundle, [/app[\\/]lib[\\/]lang-en\.ts$/]).sort()).toEqual(['assets/errors-b.js', 'assets/format-c.js', 'assets/lang-en-a.js']);
    expect(offlineChunks(bundle, [/nothing\.ts$/])).toEqual([]);
  });
});
