// Lint knows where each file runs: an import that cannot work there is an error.
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') });

async function refused(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {
    filePath: path.resolve(import.meta.dirname, '..', file),
  });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message.replace(/^.* import is restricted from being used by a pattern\. /, ''));
}

describe('imports each environment may not use', () => {
  it('keeps Electron, gRPC, Node and the main process out of the renderer', async () => {
    const messages = await refused(
      'src/renderer/screens/example.ts',
      [
        "import { ipcRenderer } from 'electron';",
        "import * as grpc from '@grpc/grpc-js';",
        "import { readFileSync } from 'node:fs';",
        "import { promiseClient } from '@opd/api';",
        "import { createHandlers } from '../../main/handlers/index.js';",
        'export const used = [ipcRenderer, grpc, readFileSync, promiseClient, createHandlers];',
      ].join('\n'),
    );
    expect(messages).toEqual([
      'the renderer has no Electron: call window.opd',
      'the renderer never talks gRPC: call window.opd',
      'the renderer is a web page: no Node built-ins',
      'the renderer never talks gRPC: call window.opd',
      'the renderer reaches the main process only through window.opd',
    ]);
  });

  it('keeps Node and gRPC out of the sandboxed preload, and Electron out of the handlers', async () => {
    expect(
      await refused('src/preload/example.ts', "import fs from 'fs';\nexport const f = fs;"),
    ).toEqual(['a sandboxed preload has no Node built-ins']);
    expect(
      await refused(
        'src/main/handlers/example.ts',
        "import { app } from 'electron';\nexport const a = app;",
      ),
    ).toEqual([
      'handlers also run behind the browser test harness: take what you need as a dependency',
    ]);
  });

  it('keeps shared code free of every environment', async () => {
    expect(
      await refused(
        'src/shared/example.ts',
        "import path from 'node:path';\nimport { useState } from 'react';\nexport const x = [path, useState];",
      ),
    ).toEqual([
      'shared code also runs in the page and the preload: no Node built-ins',
      'shared code has no UI',
    ]);
  });
});
