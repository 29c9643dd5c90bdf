// The ALB weighted canary: two ECS services on two target groups, one weighted listener rule,
// a step plan driven by this client and kept on the rule's tags.
export { applyAlbCanary } from './apply';
export { attachAlbCanary, attachAlbCanaryByRule } from './attach';
export { AlbCanaryController } from './controller';
export { clearCanaryPairCache, detectCanaryPair, findCanaryPair } from './detection';
export { planAlbCanary } from './plan';
export { albCanaryDefaults, albCanarySettingsSchema, type AlbCanarySettings } from './settings';
export { TAG_PREFIX } from './tags';
export { BACKGROUND_NOTE } from './view';
