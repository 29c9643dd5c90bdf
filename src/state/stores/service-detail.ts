import type { Service } from '../../aws/types';
import type { PollHub } from '../poll-hub';
import { CodeDeployHistoryStore } from './codedeploy-history';
import { DeploymentHistoryStore } from './deployment-history';
import type { ActivityIntervals } from './intervals';
import { ServiceStore } from './service';
import { TaskDefinitionStore } from './task-definitions';
import { TasksStore } from './tasks';
import { TrafficStore } from './traffic';

export type DetailTab = 'deployments' | 'tasks' | 'events' | 'traffic' | 'taskDefinition';

export interface ServiceDetailOptions {
  cluster: string;
  service: string;
  tab?: DetailTab;
  intervals?: Partial<Record<'service' | 'history' | 'tasks' | 'traffic', ActivityIntervals>>;
}

/**
 * Screen 3: the service and one store per tab. Only the open tab polls (plus the service
 * itself, which feeds the header and the Events tab); the service's rollout state switches
 * every tab between its idle and fast interval, and its load balancers and task definition
 * feed the Traffic and Task definition tabs. The Deployments tab of a CODE_DEPLOY service reads
 * the CodeDeploy history instead (ECS keeps no service deployments for it); until the first
 * DescribeServices says which controller it has, the ECS history loads, as for most services.
 */
export class ServiceDetailStore {
  readonly service: ServiceStore;
  readonly history: DeploymentHistoryStore;
  readonly codeDeployHistory: CodeDeployHistoryStore;
  readonly tasks: TasksStore;
  readonly traffic: TrafficStore;
  readonly taskDefinitions: TaskDefinitionStore;
  private tab: DetailTab;
  private controller: Service['deploymentController'] | undefined;
  private started = false;
  private readonly unsubscribe: () => void;

  constructor(hub: PollHub, options: ServiceDetailOptions) {
    const { cluster, service, intervals = {} } = options;
    const svc = { cluster, service };
    this.service = new ServiceStore(hub, { ...svc, intervals: intervals.service });
    this.history = new DeploymentHistoryStore(hub, { ...svc, intervals: intervals.history });
    this.codeDeployHistory = new CodeDeployHistoryStore(hub, {
      ...svc,
      intervals: intervals.history,
    });
    this.tasks = new TasksStore(hub, { ...svc, intervals: intervals.tasks });
    this.traffic = new TrafficStore(hub, {
      name: `${cluster}/${service}`,
      intervals: intervals.traffic,
    });
    this.taskDefinitions = new TaskDefinitionStore(hub);
    this.tab = options.tab ?? 'deployments';
    this.unsubscribe = this.service.subscribe(() => this.onService());
  }

  get currentTab(): DetailTab {
    return this.tab;
  }

  start(): void {
    this.started = true;
    this.service.start();
    this.applyTab();
  }

  /** Pauses every poller (the screen is covered or below the top); start() resumes. */
  stop(): void {
    this.started = false;
    this.service.stop();
    this.history.stop();
    this.codeDeployHistory.stop();
    this.tasks.stop();
    this.traffic.stop();
  }

  /** Opens a tab: its store starts polling, the others stop (their data stays for going back). */
  setTab(tab: DetailTab): void {
    if (tab === this.tab) return;
    this.tab = tab;
    if (this.started) this.applyTab();
  }

  /** Refreshes the service and the open tab now. */
  async refresh(): Promise<void> {
    await Promise.all([this.service.refresh(), this.tabRefresh()]);
  }

  dispose(): void {
    this.started = false;
    this.unsubscribe();
    this.service.dispose();
    this.history.dispose();
    this.codeDeployHistory.dispose();
    this.tasks.dispose();
    this.traffic.dispose();
    this.taskDefinitions.dispose();
  }

  private applyTab(): void {
    const on = (yes: boolean, store: { start(): void; stop(): void }) =>
      yes ? store.start() : store.stop();
    const codeDeploy = this.controller === 'CODE_DEPLOY';
    on(this.tab === 'deployments' && !codeDeploy, this.history);
    on(this.tab === 'deployments' && codeDeploy, this.codeDeployHistory);
    on(this.tab === 'tasks', this.tasks);
    on(this.tab === 'traffic', this.traffic);
  }

  private tabRefresh(): Promise<void> {
    switch (this.tab) {
      case 'deployments':
        return this.controller === 'CODE_DEPLOY'
          ? this.codeDeployHistory.refresh()
          : this.history.refresh();
      case 'tasks':
        return this.tasks.refresh();
      case 'traffic':
        return this.traffic.refresh();
      case 'events':
      case 'taskDefinition':
        return Promise.resolve();
    }
  }

  private onService(): void {
    const service = this.service.getSnapshot().data;
    if (!service) return;
    const active = this.service.active;
    this.history.setActive(active);
    this.codeDeployHistory.setActive(active);
    this.tasks.setActive(active);
    this.traffic.setActive(active);
    this.traffic.setTargetGroups(targetGroupsOf(service));
    this.taskDefinitions.setCurrent(service.taskDefinitionArn);
    if (service.deploymentController !== this.controller) {
      this.controller = service.deploymentController;
      if (this.started) this.applyTab();
    }
  }
}

/** Primary and (ECS-native blue/green) alternate target groups of a service. */
export function targetGroupsOf(service: Service): string[] {
  const arns = service.loadBalancers.flatMap((lb) => [
    lb.targetGroupArn,
    lb.advanced?.alternateTargetGroupArn,
  ]);
  for (const set of service.taskSets) arns.push(...set.targetGroupArns);
  return [...new Set(arns.filter((a): a is string => a !== undefined && a !== ''))];
}
