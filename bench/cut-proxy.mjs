// A loopback TCP proxy for bench/tus.sh: forwards 127.0.0.1:LISTEN to
// 127.0.0.1:TARGET, counts the bytes sent towards the server, and cuts the
// connection carrying them (both sides, at once) each time that count passes
// one of the CUTS byte positions. Prints "listening PORT" once ready; on
// SIGTERM (or after 30 minutes at most) prints "up BYTES cuts N" and ends.
//   node bench/cut-proxy.mjs TARGET_PORT CUT_POSITIONS(comma-separated, may be empty)
import net from 'node:net';

const target = Number(process.argv[2]);
const cuts = (process.argv[3] || '').split(',').filter(Boolean).map(Number).sort((a, b) => a - b);
let up = 0;
let made = 0;

const server = net.createServer((client) => {
  const upstream = net.connect(target, '127.0.0.1');
  const end = () => { client.destroy(); upstream.destroy(); };
  client.on('data', (data) => {
    const next = cuts[made];
    if (next !== undefined && up + data.length > next) {
      // The bytes before the cut still go (then the server sees the end).
      upstream.end(data.subarray(0, next - up));
      client.destroy();
      up = next;
      made++;
      return;
    }
    up += data.length;
    upstream.write(data);
  });
  upstream.on('data', (data) => client.write(data));
  client.on('error', end);
  upstream.on('error', end);
  client.on('close', end);
  upstream.on('close', end);
});

const report = () => {
  console.log(`up ${up} cuts ${made}`);
  process.exit(0);
};
process.on('SIGTERM', report);
setTimeout(report, 30 * 60 * 1000).unref();
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
