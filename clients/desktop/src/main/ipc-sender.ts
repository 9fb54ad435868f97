// Which frames may call the main process: only the top frame of our own window, showing our
// own renderer (app://opd, or the dev server in development). Everything else is dropped.

export interface FrameLike {
  readonly url: string;
  /** Null for a top-level frame. */
  readonly parent: unknown;
}

/** The scheme and host of a URL ("app://opd", "http://localhost:5173"), or null. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function isTrustedFrame(
  frame: FrameLike | null | undefined,
  trusted: readonly string[],
): boolean {
  if (!frame || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== null && trusted.includes(origin);
}
