#!/usr/bin/env node
// The SDK prints a Node-20 support warning to stderr, which would corrupt the full-screen frame.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import('../dist/main.js');
