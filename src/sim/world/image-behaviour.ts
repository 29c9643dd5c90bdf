/**
 * How a container image behaves when the simulator runs it. Scenarios mark "bad versions" so
 * the circuit breaker, health checks, alarms and rollbacks can be seen; every other image is
 * healthy. Keyed by image digest (`sha256:...`) for ECR images, or by the full image string.
 */
export type ImageBehaviour =
  /** Starts, passes health checks, answers 2xx. */
  | 'ok'
  /** The essential container exits right after start (EssentialContainerExited, exit code 1). */
  | 'crash-on-start'
  /** Starts and runs, but the target group's health checks fail (502). */
  | 'fail-health-check'
  /** Healthy to the load balancer, but a share of real requests answer 5xx (alarms, gates). */
  | 'http-5xx'
  /** Takes a long time to become healthy (slow start). */
  | 'slow-start';

export class ImageBehaviours {
  private readonly byKey = new Map<string, ImageBehaviour>();

  /** Marks an image (digest or full image string) with a behaviour. */
  set(key: string, behaviour: ImageBehaviour): void {
    this.byKey.set(key, behaviour);
  }

  /** The behaviour of an image by its digest, then by its exact string; 'ok' when unmarked. */
  of(image: string, digest?: string): ImageBehaviour {
    if (digest) {
      const byDigest = this.byKey.get(digest);
      if (byDigest) return byDigest;
    }
    const at = image.indexOf('@');
    if (at >= 0) {
      const inline = this.byKey.get(image.slice(at + 1));
      if (inline) return inline;
    }
    return this.byKey.get(image) ?? 'ok';
  }

  entries(): [string, ImageBehaviour][] {
    return [...this.byKey.entries()];
  }
}
