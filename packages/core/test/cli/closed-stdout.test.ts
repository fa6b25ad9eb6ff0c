import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binPath } from './cli-app.js';

/** Runs the built binary with a stdout pipe whose reader has already gone (as `orion … | head` once head exits). */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the orion binary writing into a closed pipe', () => {
  it('exits quietly (status 0, nothing on stderr) instead of crashing with an EPIPE stack', async () => {
    const { code, stderr } = await runIntoClosedPipe(['--help']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
