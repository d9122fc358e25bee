// Copies axe-core's browser build from node_modules into this folder.
// Run `npm ci && node copy.js` here after changing the pinned version in package.json;
// commit the copied file so the tests need no npm.
"use strict";
const fs = require("fs");
const path = require("path");

const pkg = path.join(__dirname, "node_modules", "axe-core");
const version = require(path.join(pkg, "package.json")).version;
const pinned = require(path.join(__dirname, "package.json")).dependencies["axe-core"];
if (version !== pinned) {
  console.error(`axe-core ${version} installed, but package.json pins ${pinned}; run npm ci`);
  process.exit(1);
}
fs.copyFileSync(path.join(pkg, "axe.min.js"), path.join(__dirname, "axe.min.js"));
console.log(`copied axe-core ${version}`);
