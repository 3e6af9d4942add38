// Helpers shared by the scripts the JUnit tests run. Each script prints JSON lines on stdout.
"use strict";
const { io } = require("socket.io-client");

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    out[argv[i].replace(/^--/, "")] = argv[i + 1];
  }
  return out;
}

/** socket.io-client options for a transport mode: default (polling, then upgrade), websocket, polling. */
function transportOptions(mode) {
  switch (mode) {
    case "websocket":
      return { transports: ["websocket"] };
    case "polling":
      return { transports: ["polling"] };
    case "default":
    case undefined:
      return {};
    default:
      throw new Error("unknown mode " + mode);
  }
}

function report(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with the socket once connected, rejects with the connect_error. */
function connect(url, mode, extra) {
  const socket = io(url, Object.assign({ forceNew: true, reconnection: false }, transportOptions(mode), extra || {}));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("connect timeout")), 10000);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("connect_error", (err) => {
      clearTimeout(timer);
      reject(Object.assign(err, { socket }));
    });
  });
}

/** Waits for one event, or resolves null after ms. */
function waitFor(socket, event, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      resolve(null);
    }, ms);
    function handler(...received) {
      clearTimeout(timer);
      resolve(received);
    }
    socket.once(event, handler);
  });
}

/** Emits with an ack callback; resolves with all the ack's arguments (an array). */
function call(socket, timeoutMs, event, ...payload) {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, ...payload, (err, ...reply) => (err ? reject(err) : resolve(reply)));
  });
}

module.exports = { io, args, transportOptions, report, sleep, connect, waitFor, call };
