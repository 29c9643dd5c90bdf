import type { Service, TaskDefinition } from '../../aws/types';
import type { ServiceListEntry } from './service-list';

interface Described {
  service: Service | undefined;
  describedAt: number;
  missing: boolean;
}

/**
 * What the services store knows about individual services: the last DescribeServices answer per
 * name (bounded, least recently described out, never a visible one) and the row entry of every
 * listed name, memoised so a row's object only changes when its data did (a table then redraws
 * only those rows). An undescribed entry is a name and four empty fields: 5,000 of them are a
 * few hundred kB, less than making them again on every rebuild churns.
 */
export class ServiceDescriptions {
  private readonly described = new Map<string, Described>();
  private readonly entries = new Map<string, ServiceListEntry>();

  constructor(
    private readonly maxCached: number,
    private readonly taskDefinition: (arn: string) => TaskDefinition | undefined,
  ) {}

  has(name: string): boolean {
    return this.described.has(name);
  }

  describedAt(name: string): number | undefined {
    return this.described.get(name)?.describedAt;
  }

  service(name: string): Service | undefined {
    return this.described.get(name)?.service;
  }

  remember(name: string, at: number, service: Service | undefined): void {
    this.described.delete(name);
    this.described.set(name, { service, describedAt: at, missing: service === undefined });
    this.entries.delete(name);
  }

  /** Drops services no longer in the cluster's name list. */
  retain(names: ReadonlySet<string>): void {
    for (const name of this.entries.keys()) if (!names.has(name)) this.forget(name);
    for (const name of this.described.keys()) if (!names.has(name)) this.forget(name);
  }

  /** Keeps the cache bounded; `keep` (the rows on screen) are never dropped. */
  evict(keep: ReadonlySet<string>): void {
    for (const name of this.described.keys()) {
      if (this.described.size <= this.maxCached) break;
      if (!keep.has(name)) this.forget(name);
    }
  }

  /** A task definition arrived: rows running it must show its image. */
  taskDefinitionArrived(arn: string): boolean {
    let touched = false;
    for (const [name, known] of this.described) {
      if (known.service?.taskDefinitionArn === arn && this.entries.delete(name)) touched = true;
    }
    return touched;
  }

  entry(name: string): ServiceListEntry {
    const hit = this.entries.get(name);
    if (hit) return hit;
    const known = this.described.get(name);
    const arn = known?.service?.taskDefinitionArn;
    const entry: ServiceListEntry = {
      name,
      service: known?.service,
      describedAt: known?.describedAt,
      missing: known?.missing ?? false,
      taskDefinition: arn ? this.taskDefinition(arn) : undefined,
    };
    this.entries.set(name, entry);
    return entry;
  }

  private forget(name: string): void {
    this.described.delete(name);
    this.entries.delete(name);
  }
}
