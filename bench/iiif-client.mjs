// Asks for every URL of LIST (one a line, each once) with CONCURRENCY
// requests in flight over kept-alive loopback connections, and prints
// "requests/s p99_ms failures". Bounded: each request gives up after 60 s.
//   node bench/iiif-client.mjs LIST CONCURRENCY
import {readFileSync} from 'node:fs';
import http from 'node:http';

const [list, concurrencyText] = process.argv.slice(2);
const urls = readFileSync(list, 'utf8').split('\n').filter(Boolean);
const concurrency = Number(concurrencyText) || 4;
const agent = new http.Agent({keepAlive: true, maxSockets: concurrency});

function get(url) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get(url, {agent, timeout: 60000}, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ms: Number(process.hrtime.bigint() - started) / 1e6, ok: res.statusCode === 200}));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ms: Number(process.hrtime.bigint() - started) / 1e6, ok: false}));
  });
}

const latencies = [];
let failures = 0;
let next = 0;
const started = process.hrtime.bigint();
await Promise.all(Array.from({length: concurrency}, async () => {
  while (next < urls.length) {
    const r = await get(urls[next++]);
    latencies.push(r.ms);
    if (!r.ok) failures++;
  }
}));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
latencies.sort((a, b) => a - b);
const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)];
console.log(`${(urls.length / seconds).toFixed(1)} ${p99.toFixed(2)} ${failures}`);
agent.destroy();
