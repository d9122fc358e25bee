// Copies the browser build of socket.io-client from node_modules into this folder.
// Run `npm ci && node copy.js` here after changing the pinned version in package.json;
// commit the copied file so the page works without npm at run time.
"use strict";
const fs = require("fs");
const path = require("path");

const source = path.join(__dirname, "node_modules", "socket.io-client", "dist", "socket.io.min.js");
const target = path.join(__dirname, "socket.io.min.js");
const version = require(path.join(__dirname, "node_modules", "socket.io-client", "package.json")).version;
const pinned = require(path.join(__dirname, "package.json")).dependencies["socket.io-client"];
if (version !== pinned) {
  console.error(`socket.io-client ${version} installed, but package.json pins ${pinned}; run npm ci`);
  process.exit(1);
}
fs.copyFileSync(source, target);
console.log(`copied socket.io-client ${version} to ${path.relative(process.cwd(), target)}`);
