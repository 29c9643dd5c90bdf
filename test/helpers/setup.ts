import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Pinned environment for every test: no colour surprises, no real AWS config leaking in.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
delete process.env.AWS_PROFILE;
delete process.env.AWS_ENDPOINT_URL;
delete process.env.CI;
process.env.FORCE_COLOR = '0';
// the audit log of test runs goes to a temporary folder, never the developer's own state dir
process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'ecs-rollout-state-'));
delete process.env.ECS_ROLLOUT_AUDIT_LOG;
