import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './errors.js';

/** A path as the operator typed it, relative to where they ran the command. */
export const resolvePath = (cwd: string, file: string): string => path.resolve(cwd, file);

/** Reads and parses a JSON file, with an error that names the file and the problem. */
export async function readJsonFile(cwd: string, file: string): Promise<unknown> {
  const full = resolvePath(cwd, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).message}.`, 2);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}.`, 2);
  }
}
