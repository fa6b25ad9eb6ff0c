import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { alphaModule, betaModule, cliApp } from './cli-app.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** An output that keeps what is written to it. */
function buffer() {
  let text = '';
  return {
    write: (chunk: string) => (text += chunk),
    get text() {
      return text;
    },
  };
}

describe('runCli, in process', () => {
  it('resolves to the exit status and writes only to the outputs it is given', async () => {
    const app = cliApp(cleanups, [alphaModule, betaModule]);
    const stdout = buffer();
    const stderr = buffer();
    expect(await runCli(['modules', '--json'], { cwd: app, env: {}, stdout, stderr })).toBe(0);
    expect((JSON.parse(stdout.text) as { modules: { code: string }[] }).modules.map((module) => module.code)).toEqual([
      'tenancy',
      'alpha',
      'beta',
    ]);
    expect(stderr.text).toBe('');

    const usage = { stdout: buffer(), stderr: buffer() };
    expect(await runCli(['enable', 'beta'], { cwd: app, env: {}, ...usage })).toBe(2);
    expect(usage.stderr.text).toBe("error: required option '--platform <id>' not specified\n");
    expect(usage.stdout.text).toBe('');
  });
});
