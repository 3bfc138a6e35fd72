// Where the greylint server comes from, in order: the greylint.path setting,
// the binary bundled in a platform-specific extension (bin/greylint), then
// greylint on PATH. Kept free of the vscode module so that node's test
// runner can check it without VS Code.
import * as fs from 'fs';
import * as path from 'path';

export type Found = { path: string; source: 'setting' | 'bundled' | 'PATH' };
export type Missing = { error: string };

export interface Environment {
  setting: string; // greylint.path, '' when unset
  extensionPath: string;
  platform: NodeJS.Platform;
  pathEnv: string; // PATH
  pathExt?: string; // PATHEXT on Windows
}

export const installHint =
  'Install it with "go install github.com/greylint/greylint/cmd/greylint@latest" or from a release archive ' +
  '(https://github.com/greylint/greylint/releases), or set "greylint.path" to the binary.';

function executable(file: string, platform: NodeJS.Platform): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (platform === 'win32') {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function names(base: string, env: Environment): string[] {
  if (env.platform !== 'win32' || path.extname(base) !== '') {
    return [base];
  }
  const exts = (env.pathExt || '.EXE;.CMD;.BAT;.COM').split(';').filter((e) => e !== '');
  return exts.map((e) => base + e.toLowerCase());
}

function onPath(name: string, env: Environment): string | undefined {
  const sep = env.platform === 'win32' ? ';' : ':';
  for (const dir of env.pathEnv.split(sep)) {
    if (dir === '') {
      continue;
    }
    for (const n of names(path.join(dir, name), env)) {
      if (executable(n, env.platform)) {
        return n;
      }
    }
  }
  return undefined;
}

export function resolveServer(env: Environment): Found | Missing {
  const setting = env.setting.trim();
  if (setting !== '') {
    const isPath = setting.includes('/') || setting.includes('\\');
    if (isPath) {
      if (executable(setting, env.platform)) {
        return { path: setting, source: 'setting' };
      }
      return { error: `greylint: "greylint.path" is set to ${JSON.stringify(setting)}, which is not an executable file. Correct the setting or clear it to use the bundled server. ${installHint}` };
    }
    const found = onPath(setting, env);
    if (found) {
      return { path: found, source: 'setting' };
    }
    return { error: `greylint: "greylint.path" is set to ${JSON.stringify(setting)}, which is not on PATH. ${installHint}` };
  }
  const bundled = path.join(env.extensionPath, 'bin', env.platform === 'win32' ? 'greylint.exe' : 'greylint');
  if (executable(bundled, env.platform)) {
    return { path: bundled, source: 'bundled' };
  }
  const found = onPath('greylint', env);
  if (found) {
    return { path: found, source: 'PATH' };
  }
  return { error: `greylint: no greylint server found (this extension has no bundled server and greylint is not on PATH). ${installHint}` };
}

// Launcher tells the user about a missing server once per setting: opening
// more files or a failed start never repeats the message or retries in a
// loop; only a change of greylint.path (or the restart command) tries again.
export class Launcher {
  private reported: string | undefined;

  constructor(private readonly notify: (message: string) => void) {}

  resolve(env: Environment): Found | undefined {
    const r = resolveServer(env);
    if ('error' in r) {
      if (this.reported !== env.setting) {
        this.reported = env.setting;
        this.notify(r.error);
      }
      return undefined;
    }
    this.reported = undefined;
    return r;
  }

  // forget makes the next failure reported again (the restart command).
  forget(): void {
    this.reported = undefined;
  }
}
