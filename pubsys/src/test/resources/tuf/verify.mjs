// Independent check of a repository written by pubsys.tuf, with tuf-js (not part of `mvn test`; see README.md here).
// Usage: node verify.mjs REPO_DIR TRUSTED_ROOT_JSON   (REPO_DIR holds metadata/ and targets/)
//    or: node verify.mjs METADATA_DIR TRUSTED_ROOT_JSON TARGETS_DIR   (pubsys's <variant>/<arch>/ and targets/)
// tuf-js is resolved from $TUFJS_DIR (default: the current directory), where `npm install tuf-js@5.0.1` was run.
// Exit 0: refreshed, and every target downloaded with length and hash checks. Exit 1: anything failed.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [repoDir, rootJson, targetsArg] = process.argv.slice(2);
const metadataPath = targetsArg ? repoDir : path.join(repoDir, 'metadata');
const targetsPath = targetsArg ?? path.join(repoDir, 'targets');
if (!repoDir || !rootJson) {
  console.error('usage: node verify.mjs REPO_DIR TRUSTED_ROOT_JSON');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(process.env.TUFJS_DIR ?? process.cwd()), 'package.json'));
const { Updater, BaseFetcher } = require('tuf-js');
const { DownloadHTTPError } = require('tuf-js/dist/error.js');

// Reads file:// URLs; a missing file is a 404 so that the root update loop stops as it does over HTTP.
class FileFetcher extends BaseFetcher {
  async fetch(url) {
    const file = fileURLToPath(url);
    if (!fs.existsSync(file)) {
      throw new DownloadHTTPError(`not found: ${file}`, 404);
    }
    return Readable.toWeb(fs.createReadStream(file));
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tufjs-'));
try {
  const metadataDir = path.join(work, 'metadata');
  const targetDir = path.join(work, 'targets');
  fs.mkdirSync(metadataDir);
  fs.mkdirSync(targetDir);
  fs.copyFileSync(rootJson, path.join(metadataDir, 'root.json'));
  const updater = new Updater({
    metadataDir,
    targetDir,
    metadataBaseUrl: pathToFileURL(path.resolve(metadataPath)).href,
    targetBaseUrl: pathToFileURL(path.resolve(targetsPath)).href,
    fetcher: new FileFetcher(),
  });
  await updater.refresh();
  // tuf-js persists targets.json only after verifying it; list the names from there.
  const targets = JSON.parse(fs.readFileSync(path.join(metadataDir, 'targets.json'))).signed.targets;
  for (const name of Object.keys(targets)) {
    const info = await updater.getTargetInfo(name);
    if (!info) {
      throw new Error(`target ${name} not found`);
    }
    await updater.downloadTarget(info, path.join(targetDir, name.replaceAll('/', '_')));
    console.log(`ok ${name} ${info.length} bytes`);
  }
  console.log(`verified ${Object.keys(targets).length} target(s)`);
} catch (e) {
  console.error(`FAILED: ${e.constructor.name}: ${e.message}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
