// Preloaded (node --require) into the process and its worker threads: every outgoing network connection
// or DNS look-up is refused and recorded in the file named by VNOCR_NETWORK_LOG. Local IPC pipes (Unix
// sockets, used by the test runner's TypeScript loader) are not network and stay allowed.
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');

const log = process.env.VNOCR_NETWORK_LOG;
function refuse(what) {
  if (log) fs.appendFileSync(log, `${what}\n`);
  throw new Error(`network access attempted: ${what}`);
}
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const target = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isPipe = (typeof target === 'object' && target !== null && 'path' in target) || (typeof target === 'string' && !/^\d+$/.test(target));
  if (isPipe) return connect.apply(this, args);
  return refuse(`connect ${JSON.stringify(target)}`);
};
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
globalThis.fetch = async (url) => refuse(`fetch ${url}`);
