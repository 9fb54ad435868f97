import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { contentTypeOf, rendererFile } from './renderer-files.js';

const root = path.resolve('/opt/opd/renderer');

describe('files the app:// protocol serves', () => {
  it('serves index.html for the root and files below the renderer folder', () => {
    expect(rendererFile(root, 'app://opd/')).toBe(path.join(root, 'index.html'));
    expect(rendererFile(root, 'app://opd/assets/index-abc.js')).toBe(
      path.join(root, 'assets/index-abc.js'),
    );
  });

  it('never serves a file outside the renderer folder', () => {
    for (const url of [
      'app://opd/../main/index.js',
      'app://opd/%2e%2e/%2e%2e/etc/passwd',
      'app://opd/..%2f..%2fetc%2fpasswd',
      'app://opd/assets/..%5c..%5csecret',
    ]) {
      const file = rendererFile(root, url);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    }
    expect(rendererFile(root, 'app://opd/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(rendererFile(root, 'app://opd/assets/%00.js')).toBeNull();
    expect(rendererFile(root, 'app://opd/%E0%A4%A')).toBeNull();
  });

  it('answers only its own origin', () => {
    expect(rendererFile(root, 'app://other/index.html')).toBeNull();
    expect(rendererFile(root, 'https://opd/index.html')).toBeNull();
  });

  it('sends module scripts and styles with their types', () => {
    expect(contentTypeOf('a/index.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a/index.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a/blob.bin')).toBe('application/octet-stream');
  });
});
