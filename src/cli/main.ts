#!/usr/bin/env node
// The kubesim command line (npx kubesim run -f manifests/ --nodes 3 --for 10m).
console.error('kubesim: the command line is not built yet; use the library API (see README.md)')
process.exit(2)
