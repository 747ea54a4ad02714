// The pages' one build step: each vendor library from npm (package.json,
// pinned by package-lock.json) bundled into one minified ES module under
// vendor/, which `gallery serve` sends as /static/vendor/NAME.js. The
// pages' own modules are not built: they are served as they are written.
//
//   node web/build.mjs          installs the packages when package-lock.json
//                               changed (npm ci), then bundles what is stale
//
// A second library is one more line in BUNDLES: the file under vendor/ and
// what it exports (an ES module's source, resolved from this folder).
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export const BUNDLES = [
  // The resumable upload client, imported only by the upload queue.
  {file: 'tus.js', source: "export {Upload, isSupported} from 'tus-js-client';", packages: ['tus-js-client']},
  // The deep-zoom viewer (IIIF tiles), imported only when a reader zooms into a large photo.
  {file: 'openseadragon.js', source: "export {default} from 'openseadragon';", packages: ['openseadragon']},
];

function mtime(path) {
  try { return statSync(path).mtimeMs; } catch { return 0; }
}

// npm ci when node_modules is missing or older than the lock file.
function install() {
  const lock = join(HERE, 'package-lock.json');
  const installed = join(HERE, 'node_modules', '.package-lock.json');
  if (mtime(installed) >= mtime(lock)) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {cwd: HERE, stdio: 'inherit'});
  if (run.status !== 0) {
    console.error('web/build.mjs: npm ci failed in web/ (is the npm registry reachable?)');
    process.exit(1);
  }
}

// The newest input of a bundle: this script, the lock file, its packages' package.json.
function newestInput(bundle) {
  let newest = Math.max(mtime(fileURLToPath(import.meta.url)), mtime(join(HERE, 'package-lock.json')));
  for (const name of bundle.packages) newest = Math.max(newest, mtime(join(HERE, 'node_modules', name, 'package.json')));
  return newest;
}

async function main() {
  install();
  const esbuild = await import('esbuild');
  const out = join(HERE, 'vendor');
  mkdirSync(out, {recursive: true});
  const force = process.argv.includes('--force');
  for (const bundle of BUNDLES) {
    const target = join(out, bundle.file);
    if (!force && existsSync(target) && mtime(target) >= newestInput(bundle)) continue;
    await esbuild.build({
      stdin: {contents: bundle.source, resolveDir: HERE, sourcefile: bundle.file, loader: 'js'},
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['es2020'],
      minify: true,
      legalComments: 'eof',
      outfile: target,
      logLevel: 'warning',
    });
    // The pages' Content-Security-Policy allows no eval: a bundle that
    // would need it fails here rather than in a visitor's browser.
    const text = readFileSync(target, 'utf8');
    if (/\beval\(|new Function\(|\bFunction\(\s*["'`]/.test(text)) {
      console.error(`web/build.mjs: vendor/${bundle.file} calls eval or Function(), which the pages' policy forbids`);
      process.exit(1);
    }
    console.log(`web/build.mjs: vendor/${bundle.file} (${text.length} bytes)`);
  }
}

await main();
