import { targetLine, targetProblem } from '../../../domain/mfa/strong-target';
import type { TargetCommand } from '../../../domain/admin/target-command';
import { postureFigures } from '../../../domain/mfa/posture-figures';
import type { PostureStore } from '../../../domain/ports/posture-store';
import type { StrongTargetStore } from '../../../domain/ports/strong-target-store';

export interface TargetAnswerDeps {
  targets?: StrongTargetStore;
  store: Pick<PostureStore, 'latestSnapshots'>;
  now: () => Date;
}

/** `target 95% by 2027-03-31`, `target off`, `target`: what was set, removed or found, with where the tenant stands. */
export async function targetAnswer(deps: TargetAnswerDeps, command: TargetCommand, actorId: string): Promise<string> {
  if (!deps.targets) return 'Targets are not available in this installation.';
  const now = deps.now();
  // Where the tenant stands against a target: read from the latest scan only when the answer shows it.
  const standing = async (target: { percent: number; by: string }) => {
    const [latest] = await deps.store.latestSnapshots(1);
    return latest
      ? ` ${targetLine(target, postureFigures(latest.overall).strongPercent, now).text}.`
      : ' The first scan will show how far there is to go.';
  };
  switch (command.action) {
    case 'off':
      return (await deps.targets.clear())
        ? 'Target removed: posture and trend no longer show one.'
        : 'No target was set, so nothing changed.';
    case 'show': {
      const target = await deps.targets.get();
      return target
        ? `${(await standing(target)).trim()} Say **target off** to remove it.`
        : 'No target is set. Say, for example, **target 95% by 2027-03-31**: posture and trend then show the pace needed.';
    }
    case 'set': {
      const problem = targetProblem(command.percent, command.by, now);
      if (problem) return problem;
      await deps.targets.set({ percent: command.percent, by: command.by, setBy: actorId, setAt: now });
      return `Target set; posture and trend show it.${await standing(command)}`;
    }
  }
}
