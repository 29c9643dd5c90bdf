export type * from './ecs';
export type * from './elb';
export type * from './codedeploy';
export type * from './misc';
