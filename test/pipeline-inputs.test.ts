import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverInputs } from '../src/pipeline/inputs.js';

async function tree(files: string[]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'vnocr-inputs-'));
  for (const f of files) {
    await mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await writeFile(path.join(root, f), 'x');
  }
  return root;
}

describe('discoverInputs', () => {
  it('walks folders recursively and mirrors their tree', async () => {
    const root = await tree(['a.pdf', 'x/b.png', 'x/y/c.TIFF', 'notes.txt']);
    const { inputs } = await discoverInputs([root]);
    expect(inputs.map((i) => i.outputStem).sort()).toEqual(['a', 'notes', path.join('x', 'b'), path.join('x', 'y', 'c')]);
  });

  it('skips unsupported files and hidden entries with a reason', async () => {
    const root = await tree(['report.docx', '.DS_Store', 'ok.jpg']);
    const { inputs, skipped } = await discoverInputs([root]);
    expect(inputs).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.reason).toMatch(/unsupported file type "\.docx"/);
  });

  it('keeps both extensions visible when two inputs would write the same output', async () => {
    const root = await tree(['a.pdf', 'a.png', 'b.pdf']);
    const { inputs, notices } = await discoverInputs([root]);
    expect(inputs.map((i) => i.outputStem).sort()).toEqual(['a.pdf', 'a.png', 'b']);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/renamed/);
  });

  it('follows symbolic links to files and folders, walks a linked-back folder once, keeps broken links', async () => {
    const elsewhere = await tree(['scan.png', 'sub/page.jpg']);
    const root = await tree(['own.pdf']);
    await symlink(path.join(elsewhere, 'scan.png'), path.join(root, 'linked.png'));
    await symlink(path.join(elsewhere, 'sub'), path.join(root, 'linked-folder'));
    await symlink(root, path.join(root, 'loop'));
    await symlink(path.join(elsewhere, 'gone.tif'), path.join(root, 'broken.tif'));
    const { inputs } = await discoverInputs([root]);
    expect(inputs.map((i) => i.outputStem).sort()).toEqual(['broken', 'linked', path.join('linked-folder', 'page'), 'own']);
  });

  it('reports arguments that name nothing and counts a file named twice once', async () => {
    const root = await tree(['a.pdf']);
    const file = path.join(root, 'a.pdf');
    const { inputs, failed } = await discoverInputs([file, file, path.join(root, 'nope.pdf')]);
    expect(inputs).toHaveLength(1);
    expect(failed).toEqual([{ file: path.join(root, 'nope.pdf'), reason: 'no such file or folder (ENOENT)' }]);
  });
});
